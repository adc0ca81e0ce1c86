import CSQLite
import Foundation
import ReportKit

/// How a query's values and columns become a table's: each value as SQLite stores it, each
/// column typed by its declaration or its values.
extension SQLiteDatabase {
    /// A value as SQLite stores it: integers as `.int`, reals and texts as text (SQLite writes
    /// reals with 15 significant digits, which reads back as the decimal that was stored), a
    /// blob as its bytes in hexadecimal, written as SQL writes them (`x'CAFE'`). What no table
    /// can hold is an error naming the row and column: an infinite real, text that is not
    /// UTF-8 or holds a NUL (which the text would otherwise be cut at).
    static func value(_ statement: OpaquePointer?, _ index: Int32, row: Int, name: String) throws -> Value {
        func refuse(_ what: String) -> Failure {
            Failure(message: "row \(row), column '\(name)' of the result \(what)")
        }
        switch sqlite3_column_type(statement, index) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .int(Int(sqlite3_column_int64(statement, index)))
        case SQLITE_FLOAT:
            let number = sqlite3_column_double(statement, index)
            guard number.isFinite else { throw refuse("is \(number), which is no number a report can show") }
            let text = String(cString: sqlite3_column_text(statement, index))
            guard let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), !decimal.isNaN else {
                throw refuse("is \(text), which is no number a report can show")
            }
            return .decimal(decimal)
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, index))
            let bytes = sqlite3_column_blob(statement, index).map { UnsafeRawBufferPointer(start: $0, count: count) }
            let hex = (bytes ?? UnsafeRawBufferPointer(start: nil, count: 0)).map { String(format: "%02X", $0) }.joined()
            return .string("x'\(hex)'")
        default:
            guard let text = sqlite3_column_text(statement, index) else { return .string("") }
            let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, index)))
            if bytes.contains(0) { throw refuse("holds a NUL character, which would cut the text short") }
            guard let string = String(validating: bytes, as: UTF8.self) else { throw refuse("is not UTF-8 text") }
            return .string(string)
        }
    }

    static func type(declared: String) -> ColumnType? {
        let word = declared.uppercased()
        if word.contains("INT") { return .int }
        if ["REAL", "FLOA", "DOUB", "NUMERIC", "DECIMAL"].contains(where: word.contains) { return .decimal }
        if word.contains("BOOL") { return .bool }
        if word.contains("DATETIME") || word.contains("TIMESTAMP") { return .datetime }
        if word.contains("DATE") { return .date }
        if word.contains("CHAR") || word.contains("TEXT") || word.contains("CLOB") { return .string }
        return nil
    }

    static func narrowest(_ values: [Value]) -> ColumnType {
        let types = Set(values.compactMap(\.type))
        if types.isEmpty { return .string }
        if types == [.int] { return .int }
        if types.isSubset(of: [.int, .decimal]) { return .decimal }
        // Dates travel through SQLite as ISO text; an expression such as max(day) loses the
        // declared type, so a column of nothing but ISO dates is a date column again.
        let allDates = values.allSatisfy { value in
            if case .string(let text) = value { return CivilDate(iso: text) != nil }
            return value.isNull
        }
        return allDates ? .date : .string
    }

    static func convert(_ value: Value, to type: ColumnType) -> Value {
        switch (value, type) {
        case (.null, _): return .null
        case (.int(let number), .decimal): return .decimal(Decimal(number))
        case (.int(let number), .bool): return .bool(number != 0)
        case (.string(let text), .date): return CivilDate(iso: text).map(Value.date) ?? value
        // Date-times travel as ISO 8601 text in UTC (`Value.plainText`), offset included.
        case (.string(let text), .datetime): return CellReader.iso.readDateTime(Substring(text)).map(Value.datetime) ?? value
        case (.string(let text), .decimal): return NumberReader.plain.read(text).map { number in
            switch number {
            case .int(let integer): return .decimal(Decimal(integer))
            case .decimal(let decimal): return .decimal(decimal)
            }
        } ?? value
        case (.string(let text), .int): return Int(text).map(Value.int) ?? value
        case (_, .string): return .string(value.plainText)
        default: return value
        }
    }
}
