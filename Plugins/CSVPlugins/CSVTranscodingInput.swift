import Foundation
import ReportKit

/// A file in another encoding read as UTF-8, chunk by chunk, so that the parser sees the bytes
/// of the same file saved as UTF-8 and positions in errors count the same characters: UTF-16
/// (what Excel writes as "Unicode Text", the save format long taught to Vietnamese offices
/// because Excel's old CSV lost the diacritics) or a single-byte code page (that old CSV:
/// windows-1258 on a Vietnamese Windows).
struct CSVTranscodingInput: CSVInput {
    private var file: CSVFileInput
    private let display: String
    /// UTF-16 with its byte order settled, or a code page.
    private let encoding: TextEncoding
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
        return TextEncoding.utf16ByteOrder(of: try handle.read(upToCount: 2) ?? Data())
    }

    /// Reads `url` from `offset` on (past a byte order mark).
    init(url: URL, display: String, encoding: TextEncoding, offset: Int) throws {
        file = try CSVFileInput(url: url, offset: offset)
        self.display = display
        self.encoding = encoding
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
        switch encoding.kind {
        case .utf8:
            carry += raw[..<count]
        case .singleByte(let table):
            for byte in raw[..<count] {
                guard let character = table[Int(byte)] else {
                    throw broken("byte 0x\(String(byte, radix: 16, uppercase: true)) is not a character in it")
                }
                if byte == 0x0A { lines += 1 }
                carry += character
            }
        case .utf16(let bigEndian):
            let bigEndian = bigEndian ?? false
            var index = 0
            if let first = pendingByte {
                try decode(unit(first, raw[0], bigEndian: bigEndian))
                pendingByte = nil
                index = 1
            }
            while index + 1 < count {
                try decode(unit(raw[index], raw[index + 1], bigEndian: bigEndian))
                index += 2
            }
            if index < count { pendingByte = raw[index] }
        }
    }

    private func unit(_ first: UInt8, _ second: UInt8, bigEndian: Bool) -> UInt16 {
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
        Diagnostic("the file is not valid \(encoding.name): \(problem); check the source's encoding, or save the file as UTF-8",
                   at: SourceLocation(file: display, line: lines, column: 1))
    }

    func allBytes() -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: file.url.path) else { return [] }
        return Array((encoding.decode(Array(data)) ?? "").utf8)
    }
}

extension CSVFileInput {
    /// A file as UTF-8: read as it is, or transcoded from `encoding` or, without one, from the
    /// UTF-16 its byte order mark announces.
    static func open(_ url: URL, display: String, encoding: TextEncoding?) throws -> any CSVInput {
        let byteOrder = try CSVTranscodingInput.byteOrder(of: url)
        switch encoding?.kind {
        case .singleByte?:
            return try CSVTranscodingInput(url: url, display: display, encoding: encoding!, offset: 0)
        case .utf16(let bigEndian)?:
            let settled = TextEncoding(name: encoding!.name, kind: .utf16(bigEndian: bigEndian ?? byteOrder ?? false))
            return try CSVTranscodingInput(url: url, display: display, encoding: settled, offset: byteOrder == nil ? 0 : 2)
        case .utf8?, nil:
            guard let byteOrder, encoding == nil else { return try CSVFileInput(url: url) }
            return try CSVTranscodingInput(url: url, display: display, encoding: TextEncoding(name: "UTF-16", kind: .utf16(bigEndian: byteOrder)),
                                           offset: 2)
        }
    }

    /// Whether `url` is read through a transcoder, whose offsets are not the file's: such a
    /// file is never split by offset.
    static func isTranscoded(_ url: URL, encoding: TextEncoding?) throws -> Bool {
        switch encoding?.kind {
        case .singleByte?, .utf16?: return true
        case .utf8?: return false
        case nil: return try CSVTranscodingInput.byteOrder(of: url) != nil
        }
    }
}
