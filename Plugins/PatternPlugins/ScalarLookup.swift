/// Whether a scalar is one of some scalars or in some classes, answered by a table of a bit
/// per scalar below ``tabled`` (Latin, Vietnamese, Greek, Cyrillic: most text), worked out
/// once, and by the classes above it. The matcher asks this at every character, and a class's
/// own answer (ranges, shorthands, case folding) costs many times a table lookup.
struct ScalarLookup {
    private let scalars: Set<Unicode.Scalar>
    private let classes: [ScalarClass]
    private let ignoresCase: Bool
    private let table: [UInt64]
    private static let tabled: UInt32 = 0x2000

    /// Without `tabled`, every answer comes from the scalars and classes.
    init(scalars: Set<Unicode.Scalar> = [], classes: [ScalarClass], ignoresCase: Bool, tabled: Bool = true) {
        self.scalars = scalars
        self.classes = classes
        self.ignoresCase = ignoresCase
        guard tabled else { table = []; return }
        var table = [UInt64](repeating: 0, count: Int(Self.tabled) / 64)
        for value in 0..<Self.tabled {
            let scalar = Unicode.Scalar(value)!
            guard scalars.contains(scalar) || classes.contains(where: { $0.contains(scalar, ignoringCase: ignoresCase) }) else { continue }
            table[Int(value) >> 6] |= 1 << UInt64(value & 63)
        }
        self.table = table
    }

    @inline(__always)
    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < Self.tabled, !table.isEmpty { return table[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0 }
        return scalars.contains(scalar) || classes.contains { $0.contains(scalar, ignoringCase: ignoresCase) }
    }
}
