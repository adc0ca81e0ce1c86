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

/// A field of a record: its column name (nested objects flattened as `address.city`), its
/// value, and the line and column where the value is written (the file is the record's:
/// a location per field would retain the file's name for every value read).
struct JSONField {
    var name: String
    var value: JSONScalar
    var line: Int
    var column: Int

    func location(in file: String) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }
}

/// Reads the records of a JSON file one at a time, in constant memory: the array that a JSON
/// Pointer finds, each element an object. Hand-written because neither Foundation's
/// `JSONSerialization` nor libyaml (which reads JSON as YAML) can stream: both build the whole
/// document, and a 20 MB export of 300,000 records is two million nodes.
///
/// Errors are diagnostics at the file, line and column of the offending byte.
struct JSONRecordReader {
    private let handle: FileHandle
    private let file: String
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var column = 1
    private static let chunkSize = 1 << 18

    init(url: URL, file: String) throws {
        handle = try FileHandle(forReadingFrom: url)
        self.file = file
        try refill()
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        skipSpace()
        if peek() == nil { throw Diagnostic("the file is empty; expected JSON", at: location) }
    }

    var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    // MARK: Records

    /// Moves to the value that `pointer` finds and calls `body` with each record of the array
    /// there, then checks that the rest of the file is well-formed JSON.
    mutating func forEachRecord(pointer: [String], pointerError: (String) -> any Error,
                                _ body: (_ fields: [JSONField], _ file: String) throws -> Void) throws {
        var path = ""
        for token in pointer {
            try seek(token, path: path, pointerError: pointerError)
            path += "/" + token
        }
        skipSpace()
        guard peek() == UInt8(ascii: "[") else {
            let start = location
            throw Diagnostic("expected an array of records at '\(path.isEmpty ? "/" : path)', found \(try describeValue())", at: start)
        }
        advance()
        var index = 0
        var fields: [JSONField] = []
        _ = try elements { reader in
            guard reader.peek() == UInt8(ascii: "{") else {
                let start = reader.location
                throw Diagnostic("the record at '\(path)/\(index)' must be an object, not \(try reader.describeValue())", at: start)
            }
            fields.removeAll(keepingCapacity: true)
            reader.keyOrdinal = 0
            try reader.readObject(prefix: "", into: &fields)
            try body(fields, reader.file)
            index += 1
            return true
        }
        // The rest is read only to reject a broken file, never kept.
        while let closing = enclosing.popLast() { try skipRest(closing: closing) }
        skipSpace()
        if peek() != nil { throw syntaxError("unexpected \(describeByte()) after the end of the document") }
    }

    /// Steps into the member `token` of the object or array at the cursor.
    private mutating func seek(_ token: String, path: String, pointerError: (String) -> any Error) throws {
        skipSpace()
        let here = path.isEmpty ? "/" : path
        switch peek() {
        case UInt8(ascii: "{"):
            advance()
            var keys: [String] = []
            let found = try members { reader, key in
                if key == token { return false }
                keys.append(key)
                try reader.skipValue()
                return true
            }
            guard found else {
                throw pointerError("the JSON Pointer finds nothing: the object at '\(here)' in \(file) has no key '\(token)'"
                                   + Suggestion.hint(for: token, in: keys))
            }
            enclosing.append(UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            advance()
            guard let wanted = Int(token), wanted >= 0 else {
                throw pointerError("the JSON Pointer finds nothing: '\(here)' in \(file) is an array, and '\(token)' is not an index")
            }
            var index = 0
            let found = try elements { reader in
                if index == wanted { return false }
                try reader.skipValue()
                index += 1
                return true
            }
            guard found else { throw pointerError("the JSON Pointer finds nothing: the array at '\(here)' in \(file) has \(index) items") }
            enclosing.append(UInt8(ascii: "]"))
        default:
            let start = location
            let found = try describeValue()
            throw Diagnostic("the JSON Pointer finds nothing at '\(path)/\(token)': '\(here)' is \(found)", at: start)
        }
    }

    /// The closing brackets of the objects and arrays that `seek` stepped into, innermost last.
    private var enclosing: [UInt8] = []

    /// Skips the members or elements after the one the cursor has just passed, and the
    /// closing bracket.
    private mutating func skipRest(closing: UInt8) throws {
        let isObject = closing == UInt8(ascii: "}")
        while true {
            skipSpace()
            guard let byte = peek() else { throw syntaxError("the file ends inside \(isObject ? "an object" : "an array")") }
            advance()
            if byte == closing { return }
            guard byte == UInt8(ascii: ",") else { throw syntaxError("expected ',' or '\(describe(closing))', found \(describe(byte))", back: 1) }
            if isObject { _ = try key() }
            try skipValue()
        }
    }

    /// A record's members, nested objects flattened into `parent.child` names.
    private mutating func readObject(prefix: String, into fields: inout [JSONField]) throws {
        advance()
        _ = try members { reader, key in
            let name = prefix + key
            let line = reader.line, column = reader.column
            switch reader.peek() {
            case UInt8(ascii: "{"): try reader.readObject(prefix: name + ".", into: &fields)
            case UInt8(ascii: "["):
                var text: [UInt8] = []
                try reader.skipValue(capturing: &text)
                fields.append(JSONField(name: name, value: .array(String(decoding: text, as: UTF8.self)), line: line, column: column))
            default: fields.append(JSONField(name: name, value: try reader.readScalar(), line: line, column: column))
            }
            return true
        }
    }

    // MARK: Structure

    /// Calls `body` with each key of the object whose `{` was just read, the cursor on its
    /// value, until `body` returns false (the cursor then stays on that value) or the object
    /// ends. True when `body` stopped it.
    private mutating func members(_ body: (inout Self, String) throws -> Bool) throws -> Bool {
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            advance()
            return false
        }
        while true {
            let name = try key()
            skipSpace()
            if try !body(&self, name) { return true }
            skipSpace()
            guard let byte = peek() else { throw syntaxError("the file ends inside an object") }
            advance()
            if byte == UInt8(ascii: "}") { return false }
            guard byte == UInt8(ascii: ",") else { throw syntaxError("expected ',' or '}', found '\(describe(byte))'", back: 1) }
        }
    }

    /// Calls `body` with the cursor on each element of the array whose `[` was just read, until
    /// `body` returns false or the array ends. True when `body` stopped it.
    private mutating func elements(_ body: (inout Self) throws -> Bool) throws -> Bool {
        skipSpace()
        if peek() == UInt8(ascii: "]") {
            advance()
            return false
        }
        while true {
            skipSpace()
            if try !body(&self) { return true }
            skipSpace()
            guard let byte = peek() else { throw syntaxError("the file ends inside an array") }
            advance()
            if byte == UInt8(ascii: "]") { return false }
            guard byte == UInt8(ascii: ",") else { throw syntaxError("expected ',' or ']', found '\(describe(byte))'", back: 1) }
        }
    }

    /// A member's key and its colon.
    private mutating func key() throws -> String {
        skipSpace()
        guard peek() == UInt8(ascii: "\"") else { throw syntaxError("expected a key in quotes, found \(describeByte())") }
        let ordinal = keyOrdinal
        keyOrdinal += 1
        let name: String
        if ordinal < recentKeys.count, let same = readKey(recentKeys[ordinal]) {
            name = same
        } else {
            name = try readString()
            if ordinal < recentKeys.count { recentKeys[ordinal] = name } else { recentKeys.append(name) }
        }
        try expect(UInt8(ascii: ":"))
        return name
    }

    /// The keys of the last record, in the order read: records mostly repeat them, and
    /// comparing bytes costs less than making each key anew.
    private var recentKeys: [String] = []
    /// Which key of the current record comes next.
    private var keyOrdinal = 0

    /// `key`, when the string at the cursor is exactly it (no escapes), read past; else `nil`.
    private mutating func readKey(_ key: String) -> String? {
        var index = position + 1, characters = 0
        for byte in key.utf8 {
            guard index < buffer.count, buffer[index] == byte, byte != UInt8(ascii: "\\") else { return nil }
            if byte & 0xC0 != 0x80 { characters += 1 }
            index += 1
        }
        guard index < buffer.count, buffer[index] == UInt8(ascii: "\"") else { return nil }
        column += characters + 1
        position = index
        advance()
        return key
    }

    private mutating func skipValue() throws {
        var ignored: [UInt8]?
        try skipValue(capturing: &ignored)
    }

    private mutating func skipValue(capturing text: inout [UInt8]) throws {
        var captured: [UInt8]? = []
        try skipValue(capturing: &captured)
        text = captured ?? []
    }

    /// Passes over one value, checking it; its compact JSON text goes to `text` when given.
    private mutating func skipValue(capturing text: inout [UInt8]?) throws {
        skipSpace()
        guard let byte = peek() else { throw syntaxError("expected a value, found the end of the file") }
        guard byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") else {
            let scalar = try readScalar()
            text?.append(contentsOf: Self.json(scalar))
            return
        }
        advance()
        text?.append(byte)
        var first = true
        if byte == UInt8(ascii: "{") {
            _ = try members { reader, key in
                if !first { text?.append(UInt8(ascii: ",")) }
                first = false
                text?.append(contentsOf: Self.quoted(key) + [UInt8(ascii: ":")])
                try reader.skipValue(capturing: &text)
                return true
            }
            text?.append(UInt8(ascii: "}"))
        } else {
            _ = try elements { reader in
                if !first { text?.append(UInt8(ascii: ",")) }
                first = false
                try reader.skipValue(capturing: &text)
                return true
            }
            text?.append(UInt8(ascii: "]"))
        }
    }

    /// "an object", "an array", or the scalar at the cursor, for messages; reads past it.
    private mutating func describeValue() throws -> String {
        switch peek() {
        case UInt8(ascii: "{"): return "an object"
        case UInt8(ascii: "["): return "an array"
        default: return try readScalar().description
        }
    }

    // MARK: Scalars

    private mutating func readScalar() throws -> JSONScalar {
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

    private mutating func literal(_ word: String) throws {
        for expected in word.utf8 {
            guard peek() == expected else { throw syntaxError("expected '\(word)', found \(describeByte())") }
            advance()
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, as RFC 8259 writes numbers.
    private mutating func readNumber() throws -> JSONScalar {
        var text: [UInt8] = []
        var isInteger = true
        func take() {
            text.append(peek()!)
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
        return .number(String(decoding: text, as: UTF8.self), isInteger: isInteger)
    }

    private mutating func readString() throws -> String {
        advance()
        if let whole = readPlainStringInBuffer() { return whole }
        var bytes: [UInt8] = []
        var isASCII = true
        while true {
            // Plain bytes in bulk: no escape, no quote, no control character, no line break.
            var end = position
            var characters = 0
            while end < buffer.count {
                let byte = buffer[end]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                if byte & 0xC0 != 0x80 { characters += 1 }
                if byte >= 0x80 { isASCII = false }
                end += 1
            }
            if end > position {
                bytes.append(contentsOf: buffer[position..<end])
                column += characters
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
        var end = position, characters = 0, isASCII = true
        while end < buffer.count {
            let byte = buffer[end]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            if byte >= 0x80 {
                isASCII = false
                if byte & 0xC0 == 0x80 { characters -= 1 }
            }
            characters += 1
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
        column += characters
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

    // MARK: Bytes

    private func peek() -> UInt8? {
        position < buffer.count ? buffer[position] : nil
    }

    /// Moves past the byte at the cursor, keeping the line and column (in characters).
    private mutating func advance() {
        let byte = buffer[position]
        position += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
        if position == buffer.count, !atEnd {
            do { try refill() } catch {
                // Reported as the cause of whatever the parser then finds missing.
                readFailure = error
                atEnd = true
            }
        }
    }

    private var readFailure: (any Error)?

    private mutating func refill() throws {
        let data = try handle.read(upToCount: Self.chunkSize) ?? Data()
        buffer = Array(data)
        position = 0
        atEnd = data.count < Self.chunkSize
    }

    private mutating func skipSpace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { advance() }
    }

    private mutating func expect(_ byte: UInt8) throws {
        skipSpace()
        guard peek() == byte else { throw syntaxError("expected '\(describe(byte))', found \(describeByte())") }
        advance()
    }

    /// An "invalid JSON" diagnostic at the cursor, or `back` characters before it on its line.
    private func syntaxError(_ message: String, back: Int = 0) -> Diagnostic {
        if let readFailure { return Diagnostic("cannot read the rest of the file: \(readFailure.localizedDescription)", at: location) }
        var place = location
        place.column = max(1, place.column - back)
        return Diagnostic("invalid JSON: \(message)", at: place)
    }

    private func describeByte() -> String {
        peek().map { "'\(describe($0))'" } ?? "the end of the file"
    }

    private func describe(_ byte: UInt8) -> String {
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

    /// A scalar written back as compact JSON.
    private static func json(_ scalar: JSONScalar) -> [UInt8] {
        switch scalar {
        case .null: return Array("null".utf8)
        case .bool(let flag): return Array((flag ? "true" : "false").utf8)
        case .number(let text, _): return Array(text.utf8)
        case .string(let text): return quoted(text)
        case .array(let text): return Array(text.utf8)
        }
    }

    private static func quoted(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), byte]
            case 0x0A: bytes += Array("\\n".utf8)
            case 0..<0x20: bytes += Array(String(format: "\\u%04x", byte).utf8)
            default: bytes.append(byte)
            }
        }
        return bytes + [UInt8(ascii: "\"")]
    }
}
