import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a CSV parser's bytes come from: a file read in chunks, so that a large file streams
/// through in constant memory, or bytes already in memory.
protocol CSVInput {
    /// Appends up to `count` more bytes to `buffer`; returns how many (0 at the end).
    mutating func read(into buffer: inout [UInt8], count: Int) throws -> Int
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

    /// Reused for every chunk: one allocation per file, not one per chunk.
    private var scratch: [UInt8] = []

    /// Reads with `read(2)` into a scratch array kept from chunk to chunk, then appends it to
    /// the parser's buffer in one copy: no `Data` and no fresh pages per chunk.
    mutating func read(into buffer: inout [UInt8], count: Int) throws -> Int {
        if scratch.count < count { scratch = [UInt8](repeating: 0, count: count) }
        let descriptor = handle.fileDescriptor
        var filled = 0
        while filled < count {
            let result = scratch.withUnsafeMutableBytes { bytes in
                Glibc.read(descriptor, bytes.baseAddress! + filled, count - filled)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
            if result == 0 { break }
            filled += result
        }
        buffer.append(contentsOf: scratch[0..<filled])
        return filled
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

    mutating func read(into buffer: inout [UInt8], count: Int) throws -> Int {
        let end = min(bytes.count, position + count)
        defer { position = end }
        buffer.append(contentsOf: bytes[position..<end])
        return end - position
    }

    func allBytes() -> [UInt8] { bytes }
}
