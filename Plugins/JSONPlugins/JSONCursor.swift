import Foundation
import ReportKit

/// One value of a record, as the JSON file writes it.
enum JSONScalar: Equatable {
    case null
    case bool(Bool)
    /// The number's text, exact (`95.5`, `1e3`); `isInteger` when it has no fraction or exponent.
    case number(String, isInteger: Bool)
    case string(String)
    /// An array inside a record, kept as its JSON text (`["a","b"]`).
    case array(String)

    /// How an error names it: "the number 1", "the text 'x'".
    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return "the boolean \(flag)"
        case .number(let text, _): return "the number \(text)"
        case .string(let text): return "the text '\(text)'"
        case .array(let text): return "the array \(text)"
        }
    }
}

/// The bytes of a JSON file, read in chunks, and its tokens: strings, numbers, literals. Knows
/// the line and column (in characters) of any byte not yet read past, for errors: they are
/// counted when asked for, or when a chunk is let go, never byte by byte as the tokens are read.
struct JSONCursor {
    private let handle: FileHandle
    let file: String
    private var buffer: [UInt8] = []
    private var position = 0
    /// The file offset of `buffer[0]`.
    private var base = 0
    private var atEnd = false
    /// The line and column of `buffer[counted]`.
    private var counted = 0
    private var countedPlace = JSONTextPlace()
    private static let chunkSize = 1 << 18
    /// The longest string (or array kept as text) a value may be, in bytes.
    static let longestString = 64 << 20

    init(url: URL, file: String) throws {
        handle = try FileHandle(forReadingFrom: url)
        self.file = file
        try refill()
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { (position, counted) = (3, 3) }
        skipSpace()
        if peek() == nil { throw Diagnostic("the file is empty; expected JSON", at: location) }
    }

    /// The place of the next byte, counted from the last place noted (errors ask for it).
    var location: SourceLocation {
        var place = countedPlace
        buffer.withUnsafeBufferPointer { place.advance(over: UnsafeBufferPointer(rebasing: $0[counted..<position])) }
        return SourceLocation(file: file, line: place.line, column: place.column)
    }

    /// The line and column of the next byte, counted on from the last place asked for: cheap
    /// when asked in order, as a record's fields are.
    mutating func place() -> JSONTextPlace {
        buffer.withUnsafeBufferPointer { countedPlace.advance(over: UnsafeBufferPointer(rebasing: $0[counted..<position])) }
        counted = position
        return countedPlace
    }

    /// How many bytes of the file are behind the cursor.
    var offset: Int { base + position }

    // MARK: Scalars

    mutating func readScalar() throws -> JSONScalar {
        skipSpace()
        guard let byte = peek() else { throw syntaxError("expected a value, found the end of the file") }
        switch byte {
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        default: throw syntaxError("expected a value, found \(describeByte())")
        }
    }

    /// Passes over a scalar, checked as ``readScalar()`` checks it, without making its value:
    /// what a record's fields that nobody reads cost.
    mutating func skipScalar() throws {
        skipSpace()
        switch peek() {
        case UInt8(ascii: "\""):
            advance()
            if !skipPlainStringInBuffer() { _ = try readStringAfterQuote() }
        case UInt8(ascii: "-")?, (UInt8(ascii: "0")...UInt8(ascii: "9"))?: try readNumber(keeping: false)
        default: _ = try readScalar()
        }
    }

    /// Passes over the common string (no escape, closed within the buffer, valid UTF-8) after
    /// its opening quote; false (the cursor unmoved) otherwise.
    private mutating func skipPlainStringInBuffer() -> Bool {
        var end = position, isASCII = true
        while end < buffer.count {
            let byte = buffer[end]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return false }
            if byte >= 0x80 { isASCII = false }
            end += 1
        }
        guard end < buffer.count else { return false }
        if !isASCII {
            let valid = buffer.withUnsafeBufferPointer { UTF8Validation.firstInvalidByte(in: UnsafeBufferPointer(rebasing: $0[position..<end])) == nil }
            if !valid { return false }
        }
        position = end
        advance()
        return true
    }

    private mutating func literal(_ word: String) throws {
        for expected in word.utf8 {
            guard peek() == expected else { throw syntaxError("expected '\(word)', found \(describeByte())") }
            advance()
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, as RFC 8259 writes numbers.
    private mutating func readNumber() throws -> JSONScalar {
        try readNumber(keeping: true)
    }

    /// A number, checked; its text made only when `keeping`.
    @discardableResult
    private mutating func readNumber(keeping: Bool) throws -> JSONScalar {
        var text: [UInt8] = []
        var isInteger = true
        func take() {
            if keeping { text.append(peek()!) }
            advance()
        }
        func digits() throws {
            guard let byte = peek(), Self.isDigit(byte) else { throw syntaxError("expected a digit, found \(describeByte())") }
            while let byte = peek(), Self.isDigit(byte) { take() }
        }
        if peek() == UInt8(ascii: "-") { take() }
        if peek() == UInt8(ascii: "0") {
            take()
            if let byte = peek(), Self.isDigit(byte) { throw syntaxError("a number cannot start with 0") }
        } else {
            try digits()
        }
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            take()
            try digits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            isInteger = false
            take()
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { take() }
            try digits()
        }
        return .number(keeping ? String(decoding: text, as: UTF8.self) : "", isInteger: isInteger)
    }

    mutating func readString() throws -> String {
        advance()
        return try readStringAfterQuote()
    }

    private mutating func readStringAfterQuote() throws -> String {
        if let whole = readPlainStringInBuffer() { return whole }
        var bytes: [UInt8] = []
        var isASCII = true
        while true {
            // Plain bytes in bulk: no escape, no quote, no control character, no line break.
            var end = position
            buffer.withUnsafeBufferPointer { bytes in
                while end < bytes.count {
                    let byte = bytes[end]
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                    if byte >= 0x80 { isASCII = false }
                    end += 1
                }
            }
            if end > position {
                if bytes.count + (end - position) > Self.longestString {
                    throw Diagnostic("a string longer than \(Self.longestString >> 20) MiB, the most a value may be", at: location)
                }
                bytes.append(contentsOf: buffer[position..<end])
                position = end
                if position == buffer.count, !atEnd { try refill() }
                continue
            }
            guard let byte = peek() else { throw syntaxError("the file ends inside a string") }
            if byte == UInt8(ascii: "\"") {
                advance()
                break
            }
            if byte < 0x20 { throw syntaxError("a control character (\(describe(byte))) inside a string; write it escaped, as \\n or \\u00XX") }
            advance()
            guard byte == UInt8(ascii: "\\") else {
                bytes.append(byte)
                continue
            }
            guard let escaped = peek() else { throw syntaxError("the file ends inside a string") }
            advance()
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(escaped)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"): bytes.append(contentsOf: try readUnicodeEscape())
            default: throw syntaxError("'\\\(describe(escaped))' is not a JSON escape", back: 2)
            }
        }
        if isASCII { return String(decoding: bytes, as: UTF8.self) }
        guard let text = bytes.withUnsafeBufferPointer(CellReader.text) else {
            throw syntaxError("the string is not valid UTF-8; save the file as UTF-8")
        }
        return text
    }

    /// The common string: no escape, closed within the buffer; made straight from the buffer,
    /// without a copy of its bytes in between. `nil` (the cursor unmoved) otherwise.
    private mutating func readPlainStringInBuffer() -> String? {
        var end = position, isASCII = true
        while end < buffer.count {
            let byte = buffer[end]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            if byte >= 0x80 { isASCII = false }
            end += 1
        }
        guard end < buffer.count else { return nil }
        let text = buffer.withUnsafeBufferPointer { all -> String? in
            let slice = UnsafeBufferPointer(rebasing: all[position..<end])
            guard isASCII else { return CellReader.text(slice) }
            // ASCII is valid UTF-8: copied without the check `String(decoding:)` makes.
            return String(unsafeUninitializedCapacity: slice.count) { $0.initialize(fromContentsOf: slice) }
        }
        guard let text else { return nil }
        position = end
        advance()
        return text
    }

    /// The UTF-8 of `\uXXXX`, or of a surrogate pair `\uD83D\uDE00`.
    private mutating func readUnicodeEscape() throws -> [UInt8] {
        var code = try hexQuad()
        if (0xD800..<0xDC00).contains(code) {
            guard peek() == UInt8(ascii: "\\") else { throw syntaxError("a lone surrogate \\u\(String(code, radix: 16)) in a string", back: 6) }
            advance()
            try literal("u")
            let low = try hexQuad()
            guard (0xDC00..<0xE000).contains(low) else { throw syntaxError("a lone surrogate \\u\(String(code, radix: 16)) in a string", back: 12) }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(code) else { throw syntaxError("\\u\(String(code, radix: 16)) is not a character") }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func hexQuad() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek(), let digit = Self.hexValue(byte) else { throw syntaxError("expected four hex digits after \\u") }
            value = value << 4 | digit
            advance()
        }
        return value
    }


    /// `key`, when the string at the cursor is exactly it (no escapes), read past; else `nil`.
    mutating func readKey(_ key: String) -> String? {
        var index = position + 1
        for byte in key.utf8 {
            guard index < buffer.count, buffer[index] == byte, byte != UInt8(ascii: "\\") else { return nil }
            index += 1
        }
        guard index < buffer.count, buffer[index] == UInt8(ascii: "\"") else { return nil }
        position = index
        advance()
        return key
    }

    // MARK: Bytes

    func peek() -> UInt8? {
        position < buffer.count ? buffer[position] : nil
    }

    /// Moves past the byte at the cursor.
    mutating func advance() {
        position += 1
        if position == buffer.count, !atEnd {
            do { try refill() } catch {
                // Reported as the cause of whatever the parser then finds missing.
                readFailure = error
                atEnd = true
            }
        }
    }

    private var readFailure: (any Error)?

    /// Reads the next chunk into the buffer, which is reused: a new one each time would cost
    /// a copy and fresh pages.
    private mutating func refill() throws {
        position = buffer.count
        _ = place()
        counted = 0
        base += buffer.count
        buffer.removeAll(keepingCapacity: true)
        let descriptor = handle.fileDescriptor
        buffer.append(contentsOf: repeatElement(0, count: Self.chunkSize))
        var filled = 0
        try buffer.withUnsafeMutableBytes { chunk in
            while filled < chunk.count {
                let got = read(descriptor, chunk.baseAddress! + filled, chunk.count - filled)
                if got == 0 { break }
                if got < 0 {
                    if errno == EINTR { continue }
                    throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
                }
                filled += got
            }
        }
        buffer.removeLast(buffer.count - filled)
        position = 0
        atEnd = filled < Self.chunkSize
    }

    mutating func skipSpace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { advance() }
    }

    mutating func expect(_ byte: UInt8) throws {
        skipSpace()
        guard peek() == byte else { throw syntaxError("expected '\(describe(byte))', found \(describeByte())") }
        advance()
    }

    /// An "invalid JSON" diagnostic at the cursor, or `back` characters before it on its line.
    func syntaxError(_ message: String, back: Int = 0) -> Diagnostic {
        if let readFailure { return Diagnostic("cannot read the rest of the file: \(readFailure.localizedDescription)", at: location) }
        var place = location
        place.column = max(1, place.column - back)
        return Diagnostic("invalid JSON: \(message)", at: place)
    }

    func describeByte() -> String {
        peek().map { "'\(describe($0))'" } ?? "the end of the file"
    }

    func describe(_ byte: UInt8) -> String {
        byte < 0x20 || byte >= 0x7F ? String(format: "0x%02X", byte) : String(UnicodeScalar(byte))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    // MARK: Records in bulk

    /// Calls `body` with the bytes from the cursor to the end of the chunk in memory; `body`
    /// returns how many of them it read, which the cursor moves past. What reads records
    /// whole from memory uses it, leaving to the token-by-token reading those that cross the
    /// end of the chunk.
    mutating func readInBulk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Int) rethrows -> Int {
        let read = try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[position...])) }
        if read > 0 {
            position += read - 1
            advance()
        }
        return read
    }
}

/// A line and a column (in characters: UTF-8 continuation bytes are not counted) in a text.
struct JSONTextPlace {
    var line = 1
    var column = 1

    /// Moves past `bytes`: the line feeds counted, and the characters after the last one.
    mutating func advance(over bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        let end = base + bytes.count
        var lineStart = base
        while lineStart < end, let feed = memchr(lineStart, 0x0A, end - lineStart) {
            line += 1
            column = 1
            lineStart = UnsafePointer(feed.assumingMemoryBound(to: UInt8.self)) + 1
        }
        // Eight bytes at a time: a continuation byte is 10xxxxxx, its top bit set and the next clear.
        var next = lineStart
        while end - next >= 8 {
            let word = UnsafeRawPointer(next).loadUnaligned(as: UInt64.self)
            column += 8 - (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            next += 8
        }
        while next < end {
            if next.pointee & 0xC0 != 0x80 { column += 1 }
            next += 1
        }
    }
}
