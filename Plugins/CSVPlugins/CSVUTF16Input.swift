import Foundation
import ReportKit

/// A file that starts with a UTF-16 byte order mark — what Excel writes as "Unicode Text", the
/// save format long taught to Vietnamese offices because Excel's old CSV lost the diacritics —
/// read as UTF-8, chunk by chunk, so that the parser sees the bytes of the same file saved as
/// UTF-8 and positions in errors count the same characters.
struct CSVUTF16Input: CSVInput {
    private var file: CSVFileInput
    private let display: String
    private let bigEndian: Bool
    /// UTF-8 made from the last chunk and not yet handed out, from `carryStart` on.
    private var carry: [UInt8] = []
    private var carryStart = 0
    private var raw = [UInt8](repeating: 0, count: 1 << 16)
    /// The odd byte at the end of a chunk, and a high surrogate waiting for its low half.
    private var pendingByte: UInt8?
    private var highSurrogate: UInt16?
    private var atEnd = false
    /// Line feeds decoded so far, to place a broken character.
    private var lines = 1

    /// The encoding a byte order mark at the start of `url` announces: `true` for big-endian
    /// UTF-16, `false` for little-endian, `nil` for any other file.
    static func byteOrder(of url: URL) throws -> Bool? {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let start = Array(try handle.read(upToCount: 2) ?? Data())
        switch start {
        case [0xFF, 0xFE]: return false
        case [0xFE, 0xFF]: return true
        default: return nil
        }
    }

    init(url: URL, display: String, bigEndian: Bool) throws {
        file = try CSVFileInput(url: url, offset: 2)
        self.display = display
        self.bigEndian = bigEndian
    }

    mutating func read(into target: UnsafeMutableRawBufferPointer) throws -> Int {
        var written = 0
        while written < target.count {
            if carryStart < carry.count {
                let count = min(carry.count - carryStart, target.count - written)
                carry[carryStart..<carryStart + count].withUnsafeBytes {
                    UnsafeMutableRawBufferPointer(rebasing: target[written..<written + count]).copyMemory(from: $0)
                }
                carryStart += count
                written += count
                continue
            }
            if atEnd { break }
            try decodeNextChunk()
        }
        return written
    }

    private mutating func decodeNextChunk() throws {
        carry.removeAll(keepingCapacity: true)
        carryStart = 0
        let count = try raw.withUnsafeMutableBytes { try file.read(into: $0) }
        if count == 0 {
            atEnd = true
            if pendingByte != nil || highSurrogate != nil { throw broken("the file ends in the middle of a character") }
            return
        }
        var index = 0
        if let first = pendingByte {
            try decode(unit(first, raw[0]))
            pendingByte = nil
            index = 1
        }
        while index + 1 < count {
            try decode(unit(raw[index], raw[index + 1]))
            index += 2
        }
        if index < count { pendingByte = raw[index] }
    }

    private func unit(_ first: UInt8, _ second: UInt8) -> UInt16 {
        bigEndian ? UInt16(first) << 8 | UInt16(second) : UInt16(second) << 8 | UInt16(first)
    }

    private mutating func decode(_ unit: UInt16) throws {
        let scalar: Unicode.Scalar?
        switch unit {
        case 0xD800..<0xDC00:
            guard highSurrogate == nil else { throw broken("a high surrogate is not followed by a low one") }
            highSurrogate = unit
            return
        case 0xDC00..<0xE000:
            guard let high = highSurrogate else { throw broken("a low surrogate has no high one before it") }
            highSurrogate = nil
            scalar = Unicode.Scalar((UInt32(high) - 0xD800) << 10 + (UInt32(unit) - 0xDC00) + 0x10000)
        default:
            guard highSurrogate == nil else { throw broken("a high surrogate is not followed by a low one") }
            scalar = Unicode.Scalar(unit)
        }
        guard let scalar else { throw broken("U+\(String(unit, radix: 16, uppercase: true)) is not a character") }
        if scalar == "\n" { lines += 1 }
        carry.append(contentsOf: UTF8.encode(scalar)!)
    }

    private func broken(_ problem: String) -> Diagnostic {
        Diagnostic("the file starts as UTF-16 but is not valid UTF-16: \(problem); save it again as UTF-8 or Unicode text",
                   at: SourceLocation(file: display, line: lines, column: 1))
    }

    func allBytes() -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: file.url.path), data.count >= 2 else { return [] }
        let text = String(data: data, encoding: bigEndian ? .utf16BigEndian : .utf16LittleEndian) ?? ""
        return Array(text.dropFirst(text.hasPrefix("\u{FEFF}") ? 1 : 0).utf8)
    }
}

extension CSVFileInput {
    /// A file as UTF-8: read as it is, or transcoded when it starts with a UTF-16 byte order
    /// mark.
    static func open(_ url: URL, display: String) throws -> any CSVInput {
        if let bigEndian = try CSVUTF16Input.byteOrder(of: url) {
            return try CSVUTF16Input(url: url, display: display, bigEndian: bigEndian)
        }
        return try CSVFileInput(url: url)
    }
}
