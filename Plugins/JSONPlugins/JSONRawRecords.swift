import Foundation
import ReportKit

/// Reads a flat record (an object of scalars, as most exports write them) straight from the
/// bytes in memory into a ``RawRecord``: the fields its consumers read as ranges of those
/// bytes, every other value checked and passed over, nothing decoded and no text made.
///
/// It only takes what it can hand on exactly as the token-by-token reading would decode it;
/// anything else (a nested object or array, an escape, a record that runs past the chunk in
/// memory, a value that the column's type or guess might not take, bad JSON) it declines,
/// unread, and that record is read and decoded the slow way, which also reports its errors.
struct JSONRawRecords {
    /// What a column's values must be to be handed on as bytes; any other value of it makes
    /// the record go the slow way.
    enum Taken {
        /// Not read by any consumer: checked and passed over.
        case unread
        /// Declared: any scalar, read from its text as the recipe's type (an exponent only by
        /// the slow way, where a decimal takes it).
        case declared(decimal: Bool)
        /// Inferred or guessed: numbers without a fraction or exponent that fit an `Int`.
        case integer
        /// Inferred or guessed: numbers without an exponent.
        case decimal
        case bool
        /// Texts written as an ISO date, `2025-03-15`.
        case isoDate
        /// Non-empty texts (an empty one is the text "", not the null an empty field is).
        case text
        /// Only nulls so far (any value decides the type), or a type it leaves to the slow way.
        case null
    }

    private let taken: [Taken]
    /// Whether a key that is no column shows the columns guessed wrong (when every column is
    /// read, a key that the first records lack is a column): such a record goes the slow way.
    private let unknownKeysDecline: Bool
    private let indices: [String: Int]
    /// For each key of the last record, by place: its bytes and its column (-1 for a key that
    /// is no column): records mostly repeat their keys in one order.
    private var keyBytes: [UInt8] = []
    private var keys: [(start: Int, end: Int, column: Int)] = []
    private var fields: [RawField]
    /// Which fields the record being read has set, to tell a key written twice.
    private var isSet: [Bool]

    init(columns: [Column], taken: [Taken], unknownKeysDecline: Bool) {
        self.taken = taken
        self.unknownKeysDecline = unknownKeysDecline
        indices = Dictionary(columns.enumerated().map { ($1.name, $0) }) { first, _ in first }
        fields = Array(repeating: RawField(start: 0, end: 0, escaped: false), count: columns.count)
        isSet = Array(repeating: false, count: columns.count)
    }

    /// Reads the record at the start of `bytes` and calls `body` with it; returns how many
    /// bytes it took, or 0 when it declined (nothing consumed, `body` not called).
    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (RawRecord) throws -> Void) rethrows -> Int {
        guard let end = scan(bytes) else { return 0 }
        try fields.withUnsafeBufferPointer { fields in
            try body(RawRecord(buffer: bytes, fields: fields))
        }
        return end
    }

    /// The record's fields into `fields`; the offset after its `}`, or `nil` to decline.
    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        fields.withUnsafeMutableBufferPointer { $0.update(repeating: RawField(start: 0, end: 0, escaped: false)) }
        isSet.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
        let count = bytes.count
        guard count > 1, bytes[0] == UInt8(ascii: "{") else { return nil }
        var index = Self.skipSpace(bytes, from: 1)
        guard index < count else { return nil }
        if bytes[index] == UInt8(ascii: "}") { return index + 1 }
        var ordinal = 0
        while true {
            guard index < count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            let keyStart = index + 1, keyEnd: Int, column: Int
            if let known = knownKey(bytes, at: keyStart, ordinal: ordinal) {
                (keyEnd, column) = known
            } else {
                guard let end = Self.stringEnd(bytes, from: keyStart),
                      let found = self.column(ofKey: UnsafeBufferPointer(rebasing: bytes[keyStart..<end]), ordinal: ordinal) else { return nil }
                (keyEnd, column) = (end, found)
            }
            ordinal += 1
            index = Self.skipSpace(bytes, from: keyEnd + 1)
            guard index < count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index = Self.skipSpace(bytes, from: index + 1)
            guard index < count else { return nil }
            let valueStart = index
            if column < 0, unknownKeysDecline { return nil }
            let kind = column < 0 ? .unread : taken[column]
            switch bytes[index] {
            case UInt8(ascii: "\""):
                guard let end = Self.stringEnd(bytes, from: index + 1) else { return nil }
                let length = end - index - 1
                switch kind {
                case .unread, .declared: break
                case .text where length > 0: break
                case .isoDate where CellReader.isoDateDigits(UnsafeBufferPointer(rebasing: bytes[index + 1..<end])) != nil: break
                default: return nil
                }
                guard keep(kind, column, start: index + 1, end: end) else { return nil }
                index = end + 1
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard let number = Self.numberEnd(bytes, from: index) else { return nil }
                switch kind {
                case .unread: break
                case .declared(let decimal) where !(decimal && number.exponent): break
                case .integer where !number.fraction && !number.exponent && number.digits <= 18: break
                case .decimal where !number.exponent: break
                default: return nil
                }
                guard keep(kind, column, start: valueStart, end: number.end) else { return nil }
                index = number.end
            case UInt8(ascii: "t"), UInt8(ascii: "f"):
                let length = bytes[index] == UInt8(ascii: "t") ? 4 : 5
                guard Self.matches(length == 4 ? "true" : "false", bytes, at: index) else { return nil }
                switch kind {
                case .unread, .declared, .bool: break
                default: return nil
                }
                guard keep(kind, column, start: index, end: index + length) else { return nil }
                index += length
            case UInt8(ascii: "n"):
                guard Self.matches("null", bytes, at: index) else { return nil }
                // Null is the empty field, null in every type.
                guard keep(kind, column, start: index, end: index) else { return nil }
                index += 4
            default:
                // An object or array (flattened, or kept as text, the slow way), or bad JSON.
                return nil
            }
            index = Self.skipSpace(bytes, from: index)
            guard index < count else { return nil }
            if bytes[index] == UInt8(ascii: "}") { return index + 1 }
            guard bytes[index] == UInt8(ascii: ",") else { return nil }
            index = Self.skipSpace(bytes, from: index + 1)
        }
    }

    /// Sets a read column's field; false for a key the record has twice (the slow way keeps
    /// the last).
    private mutating func keep(_ kind: Taken, _ column: Int, start: Int, end: Int) -> Bool {
        if case .unread = kind { return true }
        if isSet[column] { return false }
        isSet[column] = true
        fields[column] = RawField(start: start, end: end, escaped: false)
        return true
    }

    /// When the key whose text starts at `start` is the one the last record had at place
    /// `ordinal`, the offset of its closing quote and its column (-1 for none). Those keys hold
    /// no escape, so the same bytes and a quote after them are the same key.
    private func knownKey(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, ordinal: Int) -> (end: Int, column: Int)? {
        guard ordinal < keys.count else { return nil }
        let known = keys[ordinal], end = start + known.end - known.start
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\""),
              keyBytes.withUnsafeBufferPointer({ memcmp($0.baseAddress! + known.start, bytes.baseAddress! + start, end - start) == 0 })
        else { return nil }
        return (end, known.column)
    }

    /// The column of the key at place `ordinal` in its record (-1 for none), noted as the key
    /// at that place; `nil` for a key that is not valid UTF-8.
    private mutating func column(ofKey key: UnsafeBufferPointer<UInt8>, ordinal: Int) -> Int? {
        guard let name = CellReader.text(key) else { return nil }
        let column = indices[name] ?? -1
        let start = keyBytes.count
        keyBytes.append(contentsOf: key)
        let entry = (start: start, end: keyBytes.count, column: column)
        if ordinal < keys.count { keys[ordinal] = entry } else { keys.append(entry) }
        // Keys that keep changing place would otherwise pile up.
        if keyBytes.count > 1 << 16 { (keyBytes, keys) = ([], []) }
        return column
    }

    // MARK: Bytes

    private static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { break }
            index += 1
        }
        return index
    }

    /// The offset of the closing quote of the string whose text starts at `start`; `nil` for
    /// an escape, a control character, text that is not UTF-8, or no quote in `bytes`.
    private static func stringEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let base = bytes.baseAddress!, raw = UnsafeRawPointer(base), count = bytes.count
        var index = start, high: UInt64 = 0
        while true {
            // Eight bytes at a time while none is a quote, a backslash or a control byte; the
            // high bits of all of them tell whether the text needs a UTF-8 check.
            while index + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let special = ByteWord.marks(word ^ ByteWord.repeating(UInt8(ascii: "\"")), below: 1)
                    | ByteWord.marks(word ^ ByteWord.repeating(UInt8(ascii: "\\")), below: 1)
                    | ByteWord.marks(word, below: 0x20)
                if special != 0 { break }
                high |= word
                index += 8
            }
            guard index < count else { return nil }
            let byte = base[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            high |= UInt64(byte)
            index += 1
        }
        if high & 0x8080_8080_8080_8080 != 0,
           UTF8Validation.firstInvalidByte(in: UnsafeBufferPointer(rebasing: bytes[start..<index])) != nil { return nil }
        return index
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, as RFC 8259 writes numbers, ending
    /// before the byte after it; `nil` when it is not one or `bytes` ends inside it.
    private static func numberEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int)
        -> (end: Int, fraction: Bool, exponent: Bool, digits: Int)? {
        var index = start
        func digits() -> Int {
            let first = index
            while index < bytes.count, bytes[index] &- 48 < 10 { index += 1 }
            return index - first
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { return nil }
        let integerDigits: Int
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            integerDigits = 1
            if index < bytes.count, bytes[index] &- 48 < 10 { return nil }
        } else {
            integerDigits = digits()
            guard integerDigits > 0 else { return nil }
        }
        var fraction = false, exponent = false, fractionDigits = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            fraction = true
            index += 1
            fractionDigits = digits()
            guard fractionDigits > 0 else { return nil }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            exponent = true
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return nil }
        }
        // A number is known to end only at a byte after it.
        guard index < bytes.count else { return nil }
        return (index, fraction, exponent, integerDigits + fractionDigits)
    }

    private static func matches(_ word: StaticString, _ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        let length = word.utf8CodeUnitCount
        guard start + length < bytes.count else { return false }
        let letters = UnsafeBufferPointer(start: word.utf8Start, count: length)
        return UnsafeBufferPointer(rebasing: bytes[start..<start + length]).elementsEqual(letters)
    }
}
