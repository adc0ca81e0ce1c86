import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a CSV parser's bytes come from: a file read in chunks, so that a large file streams
/// through in constant memory, or bytes already in memory.
protocol CSVInput {
    /// Fills `target` with the next bytes; fewer than `target.count` only at the end.
    mutating func read(into target: UnsafeMutableRawBufferPointer) throws -> Int
    /// Every byte from the start, read again to place an error (errors are rare).
    func allBytes() -> [UInt8]
    /// Hands `body` the bytes before offset `end`, a chunk at a time, read again to place an
    /// error: a file's are not all held at once (a 1 GiB field must not take 2 GiB to report).
    func scan(upTo end: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void)
    /// At most `count` bytes from offset `start`.
    func bytes(from start: Int, count: Int) -> [UInt8]
}

extension CSVInput {
    func scan(upTo end: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let all = allBytes()
        all[..<min(end, all.count)].withUnsafeBufferPointer(body)
    }

    func bytes(from start: Int, count: Int) -> [UInt8] {
        let all = allBytes()
        return Array(all[min(start, all.count)..<min(all.count, start + count)])
    }
}

/// Reads with `read(2)` straight into the parser's buffer: no `Data`, no copy, no fresh pages
/// per chunk.
struct CSVFileInput: CSVInput {
    let url: URL
    private let handle: FileHandle

    /// Reads from `offset` on (a later part of the file, for a second core).
    init(url: URL, offset: Int = 0) throws {
        self.url = url
        handle = try FileHandle(forReadingFrom: url)
        if offset > 0 { try handle.seek(toOffset: UInt64(offset)) }
    }

    mutating func read(into target: UnsafeMutableRawBufferPointer) throws -> Int {
        let descriptor = handle.fileDescriptor
        var filled = 0
        while filled < target.count {
            let result = Glibc.read(descriptor, target.baseAddress! + filled, target.count - filled)
            if result < 0 {
                if errno == EINTR { continue }
                throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
            if result == 0 { break }
            filled += result
        }
        return filled
    }

    func allBytes() -> [UInt8] {
        Array(FileManager.default.contents(atPath: url.path) ?? Data())
    }

    func scan(upTo end: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return }
        defer { try? handle.close() }
        var offset = 0
        while offset < end, let chunk = try? handle.read(upToCount: min(1 << 20, end - offset)), !chunk.isEmpty {
            chunk.withUnsafeBytes { body($0.bindMemory(to: UInt8.self)) }
            offset += chunk.count
        }
    }

    func bytes(from start: Int, count: Int) -> [UInt8] {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return [] }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: UInt64(start))) != nil else { return [] }
        return (try? handle.read(upToCount: count)).map(Array.init) ?? []
    }
}

struct CSVMemoryInput: CSVInput {
    let bytes: [UInt8]
    private var position = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func read(into target: UnsafeMutableRawBufferPointer) throws -> Int {
        let end = min(bytes.count, position + target.count)
        defer { position = end }
        target.copyBytes(from: bytes[position..<end])
        return end - position
    }

    func allBytes() -> [UInt8] { bytes }
}
