import Testing
import ReportKit

@Suite struct ByteStringTableTests {
    /// Every distinct string gets the next number and finds it again, across growth, for
    /// empty, short (one or two words) and long strings, and strings that differ only in length.
    @Test func numbersEachDistinctStringOnce() {
        var table = ByteStringTable(capacity: 1)
        var texts = ["", "a", "a\0", "2024-01-01", "Phú Thượng", "exactly sixteen!", "exactly sixteen!!", String(repeating: "long ", count: 20)]
        texts += (0..<5000).map { "cell \($0) " + String(repeating: "x", count: $0 % 40) }
        for (index, text) in texts.enumerated() {
            let (number, isNew) = Array(text.utf8).withUnsafeBufferPointer { table.number(of: $0) }
            #expect(number == index && isNew, "\(text)")
        }
        for (index, text) in texts.enumerated().reversed() {
            let (number, isNew) = Array(text.utf8).withUnsafeBufferPointer { table.number(of: $0) }
            #expect(number == index && !isNew, "\(text)")
        }
        #expect(table.count == texts.count)
    }

    @Test func numbersTuplesOfIntegersByTheirBytes() {
        var table = ByteStringTable()
        let first = [Int32(1), 2].withUnsafeBytes { table.number(of: $0) }
        let second = [Int32(2), 1].withUnsafeBytes { table.number(of: $0) }
        let again = [Int32(1), 2].withUnsafeBytes { table.number(of: $0) }
        #expect(first.number == 0 && second.number == 1 && again.number == 0 && !again.isNew)
    }
}
