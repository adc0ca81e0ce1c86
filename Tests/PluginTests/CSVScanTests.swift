import CSVScan
import Testing

/// The vector search of the CSV parser finds what a byte-by-byte search finds, wherever the
/// match falls in a 16-byte block, with bytes of every value around it.
@Suite struct CSVScanTests {
    @Test func findsTheFirstOfThreeBytesAsALoopWould() {
        var random: UInt64 = 7
        func next(_ bound: Int) -> Int {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            return Int((random >> 33) % UInt64(bound))
        }
        let structural: [UInt8] = Array(",\n\r\"".utf8)
        for _ in 0..<20_000 {
            let bytes = (0..<1 + next(70)).map { _ in next(6) == 0 ? structural[next(4)] : UInt8(next(256)) }
            let start = next(bytes.count + 1)
            for (a, b, c) in [(UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r")), (34, 34, 34)] {
                let expected = bytes[start...].firstIndex { $0 == a || $0 == b || $0 == c } ?? bytes.count
                let found = bytes.withUnsafeBufferPointer { csvscan_first_of3($0.baseAddress!, start, bytes.count, a, b, c) }
                #expect(found == expected)
                if found != expected { return }
            }
        }
    }
}
