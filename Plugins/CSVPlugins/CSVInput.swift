import Foundation

/// Where a CSV parser's bytes come from: a file read in chunks, so that a large file streams
/// through in constant memory, or bytes already in memory.
protocol CSVInput {
    /// Up to `count` more bytes; empty at the end.
    mutating func read(_ count: Int) throws -> [UInt8]
    /// Every byte from the start, read again to place an error (errors are rare).
    func allBytes() -> [UInt8]
}

struct CSVFileInput: CSVInput {
    let url: URL
    private let handle: FileHandle

    /// Reads from `offset` on (a later part of the file, for a second core).
    init(url: URL, offset: Int = 0) throws {
        self.url = url
        handle = try FileHandle(forReadingFrom: url)
        if offset > 0 { try handle.seek(toOffset: UInt64(offset)) }
    }

    mutating func read(_ count: Int) throws -> [UInt8] {
        Array(try handle.read(upToCount: count) ?? Data())
    }

    func allBytes() -> [UInt8] {
        Array(FileManager.default.contents(atPath: url.path) ?? Data())
    }
}

struct CSVMemoryInput: CSVInput {
    let bytes: [UInt8]
    private var position = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func read(_ count: Int) throws -> [UInt8] {
        let end = min(bytes.count, position + count)
        defer { position = end }
        return Array(bytes[position..<end])
    }

    func allBytes() -> [UInt8] { bytes }
}
