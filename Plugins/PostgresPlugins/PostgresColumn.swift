import Foundation
import ReportKit

/// A column of a `postgres` source: its reportgen type, and the SQL that reads it as that type
/// from the source's relation. Every query of the source (rows streamed, rows filtered, groups
/// computed) reads columns through ``sql``, so that the database and reportgen see the same
/// values whichever way a figure is made.
struct PostgresColumn: Sendable {
    var column: Column
    /// `"amount"`, or a cast: `CAST("created" AS date)`.
    var sql: String
    /// For a date-time column: the day it falls on in the recipe's time zone, as reportgen
    /// dates its rows (`dated_by`).
    var dateSQL: String?

    /// The server's type numbers (`pg_type.oid`) that reportgen reads natively.
    enum ServerType {
        static let bool: UInt32 = 16, int8: UInt32 = 20, int2: UInt32 = 21, int4: UInt32 = 23, oid: UInt32 = 26
        static let float4: UInt32 = 700, float8: UInt32 = 701, numeric: UInt32 = 1700
        static let date: UInt32 = 1082, timestamp: UInt32 = 1114, timestamptz: UInt32 = 1184
        static let text: UInt32 = 25, varchar: UInt32 = 1043

        /// The reportgen type of a server type: integers are `int`, `numeric` and floating
        /// point `decimal` (exact, as the server writes them), `date` `date`, `timestamptz` a
        /// `datetime` (a moment), `timestamp` a `datetime` at the recipe's wall clock (as a
        /// date-time without an offset in a file), `boolean` `bool`, anything else text as
        /// the server writes it.
        static func natural(_ type: UInt32) -> ColumnType {
            switch type {
            case int2, int4, int8, oid: return .int
            case numeric, float4, float8: return .decimal
            case date: return .date
            case timestamp, timestamptz: return .datetime
            case bool: return .bool
            default: return .string
            }
        }
    }

    /// The column `name` of server type `oid`, as `declared` (the source's `columns`) asks,
    /// or as its type is; `nil` with the reason when the declared type cannot be read from it.
    static func make(name: String, oid: UInt32, declared: ColumnSpec?, timeZone: TimeZone) -> (column: PostgresColumn?, problem: String?) {
        let natural = ServerType.natural(oid)
        let type = declared?.type ?? natural
        let quoted = SQLText.identifier(name)
        let sql: String
        // The wall clock of a `timestamptz` in the recipe's zone; a `timestamp` is one already.
        let zone = "'" + timeZone.identifier.replacingOccurrences(of: "'", with: "''") + "'"
        let wallClock = oid == ServerType.timestamptz ? "(\(quoted) AT TIME ZONE \(zone))" : quoted
        switch (type, natural) {
        case (.string, _):
            sql = oid == ServerType.text || oid == ServerType.varchar ? quoted : "CAST(\(quoted) AS text)"
        case (.int, .int), (.bool, .bool):
            sql = quoted
        case (.decimal, .int), (.decimal, .decimal):
            // Floating point is read as the text the server writes (the shortest that reads back
            // as the same number), so that sums are of the numbers people see.
            sql = oid == ServerType.float4 || oid == ServerType.float8 ? "CAST(CAST(\(quoted) AS text) AS numeric)"
                : oid == ServerType.numeric ? quoted : "CAST(\(quoted) AS numeric)"
        case (.date, .date):
            sql = quoted
        case (.date, .datetime):
            sql = "CAST(\(wallClock) AS date)"
        case (.datetime, .datetime):
            sql = quoted
        default:
            return (nil, "column '\(name)' is \(natural.rawValue) in the database and cannot be read as \(type.rawValue); "
                    + "declare it \(natural.rawValue) (or string), or convert it in a query")
        }
        return (PostgresColumn(column: Column(name, type, plain: declared?.isPlain ?? false), sql: sql,
                               dateSQL: type == .datetime ? "CAST(\(wallClock) AS date)" : nil), nil)
    }

    /// The value of a cell the server wrote as `text` (never null here); `nil` when reportgen
    /// cannot hold it (a date past 9999, `infinity`, `NaN`).
    static func value(_ text: String, as type: ColumnType, timeZone: TimeZone) -> Value? {
        switch type {
        case .string: return .string(text)
        case .int: return Int(text).map(Value.int)
        case .decimal:
            switch NumberReader.plain.read(text) {
            case .int(let value)?: return .decimal(DecimalNumber(value))
            case .decimal(let value)?: return .decimal(value)
            case nil: return nil
            }
        case .date: return CivilDate(iso: text).map(Value.date)
        case .datetime: return instant(text, timeZone: timeZone).map(Value.datetime)
        case .bool: return text == "t" ? .bool(true) : text == "f" ? .bool(false) : nil
        case .period: return nil
        }
    }
}

extension PostgresColumn {
    /// A `timestamp` or `timestamptz` as the server writes it with `DateStyle` ISO and the
    /// session in UTC: `2024-03-01 23:59:59.25`, `2024-03-01 23:30:00+00`; without an offset,
    /// the wall clock in `timeZone`.
    static func instant(_ text: String, timeZone: TimeZone) -> Instant? {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let date = CivilDate(iso: parts[0]) else { return nil }
        var clock = Substring(parts[1]), offset: Int?
        if let sign = clock.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let fields = clock[clock.index(after: sign)...].split(separator: ":").compactMap { Int($0) }
            guard !fields.isEmpty else { return nil }
            let seconds = fields[0] * 3600 + (fields.count > 1 ? fields[1] * 60 : 0) + (fields.count > 2 ? fields[2] : 0)
            offset = clock[sign] == "-" ? -seconds : seconds
            clock = clock[..<sign]
        }
        let fields = clock.split(separator: ":")
        guard fields.count == 3, let hour = Int(fields[0]), let minute = Int(fields[1]) else { return nil }
        let secondParts = fields[2].split(separator: ".")
        guard let second = Int(secondParts[0]) else { return nil }
        var nanoseconds = 0
        if secondParts.count == 2 {
            let digits = String(secondParts[1].prefix(9))
            guard let fraction = Int(digits) else { return nil }
            nanoseconds = fraction * Int(pow(10, Double(9 - digits.count)))
        }
        if let offset { return Instant(date: date, hour: hour, minute: minute, second: second, nanoseconds: nanoseconds, offset: offset) }
        return Instant(date: date, hour: hour, minute: minute, second: second, nanoseconds: nanoseconds, in: timeZone)
    }
}

/// Writing SQL text: quoted identifiers, the source's relation.
enum SQLText {
    /// `"name"`, with `"` doubled: any column name is safe in a statement.
    static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `"schema"."table"` from `schema.table` or `table`.
    static func table(_ name: String) -> String {
        name.split(separator: ".", omittingEmptySubsequences: false).map { identifier(String($0)) }.joined(separator: ".")
    }
}
