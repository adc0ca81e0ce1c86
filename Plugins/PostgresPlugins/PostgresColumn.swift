import ReportKit

/// A column of a `postgres` source: its reportgen type, and the SQL that reads it as that type
/// from the source's relation. Every query of the source (rows streamed, rows filtered, groups
/// computed) reads columns through ``sql``, so that the database and reportgen see the same
/// values whichever way a figure is made.
struct PostgresColumn: Sendable {
    var column: Column
    /// `"amount"`, or a cast: `CAST("created" AS date)`.
    var sql: String

    /// The server's type numbers (`pg_type.oid`) that reportgen reads natively.
    enum ServerType {
        static let bool: UInt32 = 16, int8: UInt32 = 20, int2: UInt32 = 21, int4: UInt32 = 23, oid: UInt32 = 26
        static let float4: UInt32 = 700, float8: UInt32 = 701, numeric: UInt32 = 1700
        static let date: UInt32 = 1082, timestamp: UInt32 = 1114, timestamptz: UInt32 = 1184
        static let text: UInt32 = 25, varchar: UInt32 = 1043, name: UInt32 = 19

        /// The reportgen type of a server type: integers are `int`, `numeric` and floating
        /// point `decimal` (exact, as the server writes them), `date`, `timestamp` and
        /// `timestamptz` (in UTC) `date` (reportgen has no time of day yet), `boolean` `bool`,
        /// anything else text as the server writes it.
        static func natural(_ type: UInt32) -> ColumnType {
            switch type {
            case int2, int4, int8, oid: return .int
            case numeric, float4, float8: return .decimal
            case date, timestamp, timestamptz: return .date
            case bool: return .bool
            default: return .string
            }
        }
    }

    /// The column `name` of server type `oid`, as `declared` (the source's `columns`) asks,
    /// or as its type is; `nil` with the reason when the declared type cannot be read from it.
    static func make(name: String, oid: UInt32, declared: ColumnSpec?) -> (column: PostgresColumn?, problem: String?) {
        let natural = ServerType.natural(oid)
        let type = declared?.type ?? natural
        let quoted = SQLText.identifier(name)
        let sql: String
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
            sql = oid == ServerType.date ? quoted
                : oid == ServerType.timestamptz ? "CAST((\(quoted) AT TIME ZONE 'UTC') AS date)" : "CAST(\(quoted) AS date)"
        default:
            return (nil, "column '\(name)' is \(natural.rawValue) in the database and cannot be read as \(type.rawValue); "
                    + "declare it \(natural.rawValue) (or string), or convert it in a query")
        }
        return (PostgresColumn(column: Column(name, type, plain: declared?.isPlain ?? false), sql: sql), nil)
    }

    /// The value of a cell the server wrote as `text` (never null here); `nil` when reportgen
    /// cannot hold it (a date past 9999, `infinity`, `NaN`).
    static func value(_ text: String, as type: ColumnType) -> Value? {
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
        case .bool: return text == "t" ? .bool(true) : text == "f" ? .bool(false) : nil
        case .period: return nil
        }
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
