import ReportgenTesting

/// Seeded mutations of an input, the same for the same seed on every machine: what the tests
/// run inside `swift test` in place of a coverage-guided fuzzer (libFuzzer, under fuzz/, runs
/// the same inputs for hours). Mutations are those that found reportgen's bugs: bytes flipped,
/// inserted, removed, a piece repeated many times (deep nesting, long runs), and tokens that
/// each format gives meaning to spliced in.
public struct Mutator {
    private var random: SeededGenerator

    public init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    public mutating func next() -> UInt64 {
        random.next()
    }

    public mutating func below(_ bound: Int) -> Int {
        random.below(max(bound, 1))
    }

    /// Tokens that mean something to one of the formats read: brackets that nest, quotes,
    /// numbers at the edges of every type, entities, regular-expression operators.
    static let tokens: [[UInt8]] = [
        "[", "{", "(", "\"", "'", ",", ";", "\n", "\r\n", ":", "- ", "${X}", "&amp;", "&#0;", "<", "</", "/>", "\\",
        "9223372036854775807", "-9223372036854775808", "1e308", "NaN", "-inf", "0.1", "99999999999999999999999999999999999999999",
        "(a+)+", "{number}", ".*", "*", "[[[[", "(?<x>", "\\d{1,3}", "2024-02-29", "9999-12-31", "0000-00-00",
        "\u{FEFF}", "\u{0}", "ư", "=", "@", "\t", "*alias", "&anchor ", "!!str ", "---\n",
    ].map { Array($0.utf8) }

    /// One mutation of `input` (or, now and then, a few).
    public mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0...below(3) {
            let at = below(bytes.count + 1)
            switch below(8) {
            case 0 where !bytes.isEmpty:
                bytes[min(at, bytes.count - 1)] ^= UInt8(truncatingIfNeeded: 1 << below(8))
            case 1 where !bytes.isEmpty:
                bytes[min(at, bytes.count - 1)] = UInt8(truncatingIfNeeded: next())
            case 2:
                bytes.insert(contentsOf: Self.tokens[below(Self.tokens.count)], at: at)
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, at + 1 + below(16))
                bytes.removeSubrange(min(at, bytes.count - 1)..<end)
            case 4:
                // A token repeated: nesting, or a long run, of up to tens of thousands.
                let token = Self.tokens[below(Self.tokens.count)]
                let count = [10, 100, 1_000, 20_000][below(4)]
                bytes.insert(contentsOf: (0..<count).flatMap { _ in token }, at: at)
            case 5 where bytes.count > 1:
                // A piece of the input itself repeated.
                let start = below(bytes.count - 1), length = 1 + below(min(64, bytes.count - start))
                let piece = Array(bytes[start..<start + length])
                bytes.insert(contentsOf: (0..<(1 + below(50))).flatMap { _ in piece }, at: at)
            case 6 where !bytes.isEmpty:
                bytes.removeSubrange(min(at, bytes.count - 1)...)
            default:
                bytes.insert(UInt8(truncatingIfNeeded: next()), at: at)
            }
        }
        return bytes
    }
}
