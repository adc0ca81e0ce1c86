import Foundation
import ReportKit

/// Where a record is: its file and its JSON Pointer, for errors.
struct JSONRecordPlace {
    var file: String
    /// The pointer to the array of records.
    var array: String
    var index: Int
    /// How many bytes of the file lie before the record's end.
    var end = 0

    var pointer: String { "\(array)/\(index)" }
}

/// A field of a record: its column name (nested objects flattened as `address.city`), its
/// value, and the line and column where the value is written (the file is the record's:
/// a location per field would retain the file's name for every value read).
struct JSONField {
    var name: String
    var value: JSONScalar
    var line: Int
    var column: Int
    /// Which key of its record it is (nested keys counted), fields skipped included: records
    /// mostly repeat their keys, so this finds its column without comparing names.
    var ordinal = 0

    func location(in record: JSONRecordPlace) -> SourceLocation {
        SourceLocation(file: record.file, line: line, column: column)
    }
}

/// Reads the records of a JSON file one at a time, in constant memory: the array that a JSON
/// Pointer finds, each element an object. Hand-written because neither Foundation's
/// `JSONSerialization` nor libyaml (which reads JSON as YAML) can stream: both build the whole
/// document, and a 20 MB export of 300,000 records is two million nodes.
///
/// Errors are diagnostics at the file, line and column of the offending byte.
struct JSONRecordReader {
    private var cursor: JSONCursor
    /// Objects and arrays open inside the value being read; read recursively, so limited to
    /// ``maximumDepth`` (serde_json allows 128, Python's json about 1,000).
    private var depth = 0
    static let maximumDepth = 100

    init(url: URL, file: String) throws {
        cursor = try JSONCursor(url: url, file: file)
    }

    // MARK: Records

    /// Moves to the value that `pointer` finds and calls `body` with each record of the array
    /// there, then checks that the rest of the file is well-formed JSON. `bulk` (by default none)
    /// is first offered the bytes in memory from each record's start: it returns how many it
    /// took as that record, or 0 to leave the record to `body`.
    mutating func forEachRecord(pointer: [String], pointerError: (String) -> any Error, wanted: JSONWantedKeys? = nil,
                                bulk: (UnsafeBufferPointer<UInt8>) throws -> Int = { _ in 0 },
                                _ body: (_ fields: [JSONField], _ record: JSONRecordPlace) throws -> Void) throws {
        self.wanted = wanted
        var path = ""
        for token in pointer {
            try seek(token, path: path, pointerError: pointerError)
            path += "/" + token
        }
        cursor.skipSpace()
        guard cursor.peek() == UInt8(ascii: "[") else {
            let start = cursor.location
            throw Diagnostic("expected an array of records at '\(path.isEmpty ? "/" : path)', found \(try describeValue())", at: start)
        }
        cursor.advance()
        var index = 0
        var fields: [JSONField] = []
        _ = try elements { reader in
            if try reader.cursor.readInBulk(bulk) > 0 {
                index += 1
                return true
            }
            guard reader.cursor.peek() == UInt8(ascii: "{") else {
                let start = reader.cursor.location
                throw Diagnostic("the record at '\(path)/\(index)' must be an object, not \(try reader.describeValue())", at: start)
            }
            fields.removeAll(keepingCapacity: true)
            reader.keyOrdinal = 0
            try reader.readObject(prefix: "", into: &fields)
            try body(fields, JSONRecordPlace(file: reader.cursor.file, array: path, index: index, end: reader.cursor.offset))
            index += 1
            return true
        }
        // The rest is read only to reject a broken file, never kept.
        while let closing = enclosing.popLast() { try skipRest(closing: closing) }
        cursor.skipSpace()
        if cursor.peek() != nil { throw cursor.syntaxError("unexpected \(cursor.describeByte()) after the end of the document") }
    }

    /// Steps into the member `token` of the object or array at the cursor.
    private mutating func seek(_ token: String, path: String, pointerError: (String) -> any Error) throws {
        cursor.skipSpace()
        let here = path.isEmpty ? "/" : path
        switch cursor.peek() {
        case UInt8(ascii: "{"):
            cursor.advance()
            var keys: [String] = []
            let found = try members { reader, key in
                if key == token { return false }
                keys.append(key)
                try reader.skipValue()
                return true
            }
            guard found else {
                throw pointerError("the JSON Pointer finds nothing: the object at '\(here)' in \(cursor.file) has no key '\(token)'"
                                   + Suggestion.hint(for: token, in: keys))
            }
            enclosing.append(UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            cursor.advance()
            guard let wanted = Int(token), wanted >= 0 else {
                throw pointerError("the JSON Pointer finds nothing: '\(here)' in \(cursor.file) is an array, and '\(token)' is not an index")
            }
            var index = 0
            let found = try elements { reader in
                if index == wanted { return false }
                try reader.skipValue()
                index += 1
                return true
            }
            guard found else { throw pointerError("the JSON Pointer finds nothing: the array at '\(here)' in \(cursor.file) has \(index) items") }
            enclosing.append(UInt8(ascii: "]"))
        default:
            let start = cursor.location
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
            cursor.skipSpace()
            guard let byte = cursor.peek() else { throw cursor.syntaxError("the file ends inside \(isObject ? "an object" : "an array")") }
            cursor.advance()
            if byte == closing { return }
            guard byte == UInt8(ascii: ",") else { throw cursor.syntaxError("expected ',' or '\(cursor.describe(closing))', found \(cursor.describe(byte))", back: 1) }
            if isObject { _ = try key() }
            try skipValue()
        }
    }

    /// Counts one more level of objects and arrays for `body`, past ``maximumDepth`` an error.
    private mutating func nested<T>(_ body: (inout Self) throws -> T) throws -> T {
        guard depth < Self.maximumDepth else {
            throw Diagnostic("arrays and objects nest more than \(Self.maximumDepth) levels deep here", at: cursor.location)
        }
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

    /// A record's members, nested objects flattened into `parent.child` names.
    private mutating func readObject(prefix: String, into fields: inout [JSONField]) throws {
        try nested { try $0.readMembers(prefix: prefix, into: &fields) }
    }

    private mutating func readMembers(prefix: String, into fields: inout [JSONField]) throws {
        cursor.advance()
        _ = try members { reader, key in
            let name = prefix + key
            let (line, column) = { ($0.line, $0.column) }(reader.cursor.place()), ordinal = reader.keyOrdinal - 1
            switch reader.cursor.peek() {
            case UInt8(ascii: "{"):
                if reader.wanted?.wantsObject(name) == false { try reader.skipValue() } else { try reader.readObject(prefix: name + ".", into: &fields) }
            case UInt8(ascii: "["):
                guard reader.wanted?.names.contains(name) != false else {
                    try reader.skipValue()
                    return true
                }
                var text: [UInt8] = []
                try reader.skipValue(capturing: &text)
                fields.append(JSONField(name: name, value: .array(String(decoding: text, as: UTF8.self)), line: line, column: column, ordinal: ordinal))
            default:
                guard reader.wanted?.names.contains(name) != false else {
                    try reader.cursor.skipScalar()
                    return true
                }
                fields.append(JSONField(name: name, value: try reader.cursor.readScalar(), line: line, column: column, ordinal: ordinal))
            }
            return true
        }
    }

    /// The keys whose values the caller reads; the others are checked and passed over.
    private var wanted: JSONWantedKeys?

    // MARK: Structure

    /// Calls `body` with each key of the object whose `{` was just read, the cursor on its
    /// value, until `body` returns false (the cursor then stays on that value) or the object
    /// ends. True when `body` stopped it.
    private mutating func members(_ body: (inout Self, String) throws -> Bool) throws -> Bool {
        cursor.skipSpace()
        if cursor.peek() == UInt8(ascii: "}") {
            cursor.advance()
            return false
        }
        while true {
            let name = try key()
            cursor.skipSpace()
            if try !body(&self, name) { return true }
            cursor.skipSpace()
            guard let byte = cursor.peek() else { throw cursor.syntaxError("the file ends inside an object") }
            cursor.advance()
            if byte == UInt8(ascii: "}") { return false }
            guard byte == UInt8(ascii: ",") else { throw cursor.syntaxError("expected ',' or '}', found '\(cursor.describe(byte))'", back: 1) }
        }
    }

    /// Calls `body` with the cursor on each element of the array whose `[` was just read, until
    /// `body` returns false or the array ends. True when `body` stopped it.
    private mutating func elements(_ body: (inout Self) throws -> Bool) throws -> Bool {
        cursor.skipSpace()
        if cursor.peek() == UInt8(ascii: "]") {
            cursor.advance()
            return false
        }
        while true {
            cursor.skipSpace()
            if try !body(&self) { return true }
            cursor.skipSpace()
            guard let byte = cursor.peek() else { throw cursor.syntaxError("the file ends inside an array") }
            cursor.advance()
            if byte == UInt8(ascii: "]") { return false }
            guard byte == UInt8(ascii: ",") else { throw cursor.syntaxError("expected ',' or ']', found '\(cursor.describe(byte))'", back: 1) }
        }
    }

    /// A member's key and its colon.
    private mutating func key() throws -> String {
        cursor.skipSpace()
        guard cursor.peek() == UInt8(ascii: "\"") else { throw cursor.syntaxError("expected a key in quotes, found \(cursor.describeByte())") }
        let ordinal = keyOrdinal
        keyOrdinal += 1
        let name: String
        if ordinal < recentKeys.count, let same = cursor.readKey(recentKeys[ordinal]) {
            name = same
        } else {
            name = try cursor.readString()
            if ordinal < recentKeys.count { recentKeys[ordinal] = name } else { recentKeys.append(name) }
        }
        try cursor.expect(UInt8(ascii: ":"))
        return name
    }

    /// The keys of the last record, in the order read: records mostly repeat them, and
    /// comparing bytes costs less than making each key anew.
    private var recentKeys: [String] = []
    /// Which key of the current record comes next.
    private var keyOrdinal = 0

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
        cursor.skipSpace()
        guard let byte = cursor.peek() else { throw cursor.syntaxError("expected a value, found the end of the file") }
        guard byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") else {
            guard text != nil else { return try cursor.skipScalar() }
            let scalar = try cursor.readScalar()
            text?.append(contentsOf: Self.json(scalar))
            if let count = text?.count, count > JSONCursor.longestString {
                throw Diagnostic("an array longer than \(JSONCursor.longestString >> 20) MiB, the most a value may be", at: cursor.location)
            }
            return
        }
        try nested { try $0.skipContainer(byte, capturing: &text) }
    }

    private mutating func skipContainer(_ byte: UInt8, capturing text: inout [UInt8]?) throws {
        cursor.advance()
        text?.append(byte)
        var first = true
        if byte == UInt8(ascii: "{") {
            _ = try members { reader, key in
                if !first { text?.append(UInt8(ascii: ",")) }
                first = false
                text?.append(contentsOf: Array(JSONValue.quoted(key).utf8) + [UInt8(ascii: ":")])
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
        switch cursor.peek() {
        case UInt8(ascii: "{"): return "an object"
        case UInt8(ascii: "["): return "an array"
        default: return try cursor.readScalar().description
        }
    }

    private static func json(_ scalar: JSONScalar) -> [UInt8] {
        switch scalar {
        case .null: return Array("null".utf8)
        case .bool(let flag): return Array((flag ? "true" : "false").utf8)
        case .number(let text, _): return Array(text.utf8)
        case .string(let text): return Array(JSONValue.quoted(text).utf8)
        case .array(let text): return Array(text.utf8)
        }
    }
}

/// The keys of records that a reader of them wants, as flattened names (`address.city`).
struct JSONWantedKeys {
    let names: Set<String>
    /// `address.` for `address.city`: the objects that hold a wanted key.
    private let prefixes: Set<String>

    init(_ names: Set<String>) {
        self.names = names
        var prefixes: Set<String> = []
        for name in names {
            var prefix = ""
            for part in name.split(separator: ".", omittingEmptySubsequences: false).dropLast() {
                prefix += part + "."
                prefixes.insert(prefix)
            }
        }
        self.prefixes = prefixes
    }

    func wantsObject(_ name: String) -> Bool { prefixes.contains(name + ".") }
}
