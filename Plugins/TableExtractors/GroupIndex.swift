import ReportKit

/// Numbers the distinct tuples of key numbers (one per group key) in the order they come. While
/// the key numbers are small (16 years × 8 wards) a tuple is a place in a flat array, found
/// without hashing; once the places would pass `denseLimit`, tuples are hashed by their bytes.
struct GroupIndex {
    static let denseLimit = 1 << 16

    let width: Int
    /// Per key, how many bits its numbers take in a place.
    private var bits: [Int]
    /// The entry at each place, -1 for none; `nil` once tuples are hashed.
    private var places: [Int32]? = [-1]
    private var hashed = ByteStringTable()
    /// Every entry's tuple, `width` numbers each, to place them again when `bits` grow.
    private var tuples: [Int32] = []
    private(set) var count = 0

    init(width: Int) {
        self.width = width
        bits = Array(repeating: 0, count: width)
    }

    /// The entry of `ids` (all non-negative), and whether it is new.
    @inline(__always)
    mutating func entry(of ids: [Int32]) -> (entry: Int, isNew: Bool) {
        guard places != nil else { return hashedEntry(of: ids) }
        var place = 0, shift = 0
        for key in 0..<width {
            let id = Int(ids[key])
            guard id >> bits[key] == 0 else {
                widen(toHold: ids)
                return entry(of: ids)
            }
            place |= id << shift
            shift += bits[key]
        }
        let found = places![place]
        if found >= 0 { return (Int(found), false) }
        places![place] = Int32(count)
        return (append(ids), true)
    }

    private mutating func append(_ ids: [Int32]) -> Int {
        tuples += ids
        count += 1
        return count - 1
    }

    private mutating func hashedEntry(of ids: [Int32]) -> (entry: Int, isNew: Bool) {
        let (entry, isNew) = ids.withUnsafeBytes { hashed.number(of: $0) }
        if isNew { _ = append(ids) }
        return (entry, isNew)
    }

    /// Gives a key whose number does not fit room for twice that number and places every
    /// tuple again; past `denseLimit` places, hashes them instead, in entry order so that their
    /// numbers stay.
    private mutating func widen(toHold ids: [Int32]) {
        for key in 0..<width where Int(ids[key]) >> bits[key] != 0 {
            bits[key] = Int.bitWidth - Int(ids[key]).leadingZeroBitCount + 1
        }
        let total = bits.reduce(0, +)
        guard total <= Self.denseLimit.trailingZeroBitCount else {
            places = nil
            for entry in 0..<count {
                _ = tuples[entry * width..<(entry + 1) * width].withUnsafeBytes { hashed.number(of: $0) }
            }
            return
        }
        var fresh = [Int32](repeating: -1, count: 1 << total)
        for entry in 0..<count {
            var place = 0, shift = 0
            for key in 0..<width {
                place |= Int(tuples[entry * width + key]) << shift
                shift += bits[key]
            }
            fresh[place] = Int32(entry)
        }
        places = fresh
    }
}
