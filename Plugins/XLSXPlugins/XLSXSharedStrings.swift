/// A workbook's shared strings in one buffer of UTF-8 and one offset each, not a `String` per
/// entry: a workbook of a million short strings takes their bytes and 8 bytes each, not a heap
/// object each. Strings are made when a cell asks for one.
struct XLSXSharedStrings {
    private var bytes: [UInt8] = []
    /// Where each string ends in `bytes`; it starts where the one before ends.
    private var ends: [Int] = []

    init() {}

    init(_ strings: [String]) {
        strings.forEach { append($0) }
    }

    var count: Int { ends.count }

    mutating func append(_ string: String) {
        bytes.append(contentsOf: string.utf8)
        ends.append(bytes.count)
    }

    mutating func reserveCapacity(_ count: Int) {
        ends.reserveCapacity(count)
    }

    /// The string at `index`; `nil` past the end (a damaged workbook).
    subscript(index: Int) -> String? {
        guard ends.indices.contains(index) else { return nil }
        let start = index == 0 ? 0 : ends[index - 1]
        return String(decoding: bytes[start..<ends[index]], as: UTF8.self)
    }
}
