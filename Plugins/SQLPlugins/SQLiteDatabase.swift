import CSQLite
import Foundation
import ReportKit

/// A thin wrapper over SQLite's C API for the `sqlite` source and the `sql` extractor: one
/// connection used on one thread, statements run to completion, results typed as reportgen
/// values. System SQLite rather than GRDB: two plugins need a handful of calls, and it keeps
/// the build short.
final class SQLiteDatabase {
    struct Failure: Error {
        var message: String
        /// The character offset in the SQL where SQLite found the problem, when it says.
        var offset: Int?
    }

    private var handle: OpaquePointer?

    /// Opens a database file read-only, or an in-memory database when `path` is nil.
    init(path: String?) throws {
        let flags = path == nil ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY : SQLITE_OPEN_READONLY
        let status = sqlite3_open_v2(path ?? ":memory:", &handle, flags, nil)
        guard status == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw Failure(message: message)
        }
    }

    deinit { sqlite3_close(handle) }

    /// From now on the connection only reads: a recipe's query may select, but not attach
    /// files, write them (`VACUUM INTO`), change the schema or data, or set pragmas. A query
    /// is text that a recipe's author wrote, and a recipe must not write outside the output
    /// folder.
    func allowReadingOnly() {
        sqlite3_limit(handle, SQLITE_LIMIT_ATTACHED, 0)
        sqlite3_set_authorizer(handle, { _, action, _, _, _, _ in
            switch action {
            case SQLITE_SELECT, SQLITE_READ, SQLITE_FUNCTION, SQLITE_RECURSIVE: return SQLITE_OK
            default: return SQLITE_DENY
            }
        }, nil)
    }

    private func failure(_ sql: String? = nil) -> Failure {
        let offset = Int(sqlite3_error_offset(handle))
        let message = sqlite3_errcode(handle) == SQLITE_AUTH
            ? "the query may only read (select); it may not write, attach files or change settings"
            : String(cString: sqlite3_errmsg(handle))
        return Failure(message: message, offset: offset >= 0 && sql != nil ? offset : nil)
    }

    private func prepare(_ sql: String) throws -> OpaquePointer? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else { throw failure(sql) }
        return statement
    }

    /// Runs a statement that returns nothing, with values bound to its `?`s, once per row.
    func execute(_ sql: String, rows: [[Value]] = [[]]) throws {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        for row in rows {
            sqlite3_reset(statement)
            for (index, value) in row.enumerated() { bind(value, at: Int32(index + 1), in: statement) }
            guard sqlite3_step(statement) == SQLITE_DONE else { throw failure(sql) }
        }
    }

    /// Binds a value as SQLite stores it in a column of its type (``declaration(for:)``):
    /// numbers as machine numbers (a decimal as the nearest double, as SQLite's numeric
    /// affinity would turn its text, or its text when no one division gives that), dates as
    /// ISO text written without a `String`, text from its UTF-8 bytes.
    private func bind(_ value: Value, at index: Int32, in statement: OpaquePointer?) {
        // SQLITE_TRANSIENT: SQLite copies the text before the call returns.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        switch value {
        case .null: sqlite3_bind_null(statement, index)
        case .int(let number): sqlite3_bind_int64(statement, index, Int64(number))
        case .bool(let flag): sqlite3_bind_int64(statement, index, flag ? 1 : 0)
        case .decimal(let number):
            switch number.machineNumber {
            case .integer(let integer)?: sqlite3_bind_int64(statement, index, integer)
            case .double(let double)?: sqlite3_bind_double(statement, index, double)
            case nil: sqlite3_bind_text(statement, index, number.plainText, -1, transient)
            }
        case .string(let text) where text.isEmpty:
            // An empty buffer may have no address, which SQLite would bind as null.
            sqlite3_bind_text(statement, index, "", 0, transient)
        case .string(var text):
            text.withUTF8 { bytes in
                _ = bytes.withMemoryRebound(to: CChar.self) { sqlite3_bind_text(statement, index, $0.baseAddress, Int32($0.count), transient) }
            }
        case .date(let date) where (0...9999).contains(date.year):
            withUnsafeTemporaryAllocation(of: CChar.self, capacity: 10) { text in
                for (offset, part) in [(0, date.year), (5, date.month), (8, date.day)] {
                    let width = offset == 0 ? 4 : 2
                    var rest = part
                    for position in (offset..<offset + width).reversed() {
                        text[position] = CChar(48 + rest % 10)
                        rest /= 10
                    }
                }
                text[4] = 45
                text[7] = 45
                sqlite3_bind_text(statement, index, text.baseAddress, 10, transient)
            }
        default: sqlite3_bind_text(statement, index, value.plainText, -1, transient)
        }
    }

    /// The columns of `table` that a query reads, as SQLite's authorizer reports them while it
    /// prepares the query (which is not run): `select *` reads them all, `count(*)` none.
    /// Errors in the query are thrown here, as when it runs.
    func columnsRead(by sql: String, from table: String) throws -> Set<String> {
        final class Reads {
            let table: String
            var columns: Set<String> = []
            init(_ table: String) { self.table = table }
        }
        let reads = Reads(table)
        sqlite3_set_authorizer(handle, { context, action, table, column, _, _ in
            if action == SQLITE_READ, let context, let table, let column {
                let reads = Unmanaged<Reads>.fromOpaque(context).takeUnretainedValue()
                if String(cString: table) == reads.table { reads.columns.insert(String(cString: column)) }
            }
            return SQLITE_OK
        }, Unmanaged.passUnretained(reads).toOpaque())
        defer { sqlite3_set_authorizer(handle, nil, nil) }
        sqlite3_finalize(try prepare(sql))
        return reads.columns
    }

    /// An insert into `table` (of `width` columns) prepared once and run for each row, so that
    /// rows stream into the table as they are read. Columns outside `bound` stay null.
    func insert(into table: String, width: Int, binding bound: [Int]) throws -> Insert {
        let sql = "insert into \(Self.quoted(table)) values (\(Array(repeating: "?", count: width).joined(separator: ", ")))"
        return Insert(database: self, statement: try prepare(sql), sql: sql, bound: bound)
    }

    /// See ``insert(into:width:binding:)``. It keeps the connection open until it is finalized.
    final class Insert {
        private let database: SQLiteDatabase
        private let statement: OpaquePointer?
        private let sql: String
        private let bound: [Int]

        fileprivate init(database: SQLiteDatabase, statement: OpaquePointer?, sql: String, bound: [Int]) {
            self.database = database
            self.statement = statement
            self.sql = sql
            self.bound = bound
        }

        deinit { sqlite3_finalize(statement) }

        func run(_ row: Row) throws {
            sqlite3_reset(statement)
            for column in bound { database.bind(row[column], at: Int32(column + 1), in: statement) }
            guard sqlite3_step(statement) == SQLITE_DONE else { throw database.failure(sql) }
        }
    }

    /// Runs a query and types its result: a column SQLite knows the declared type of takes
    /// that type; any other takes the narrowest type of its values (text of nothing but ISO
    /// dates is a date).
    func query(_ sql: String) throws -> Table {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        let count = sqlite3_column_count(statement)
        let names = (0..<count).map { String(cString: sqlite3_column_name(statement, $0)) }
        let declared = (0..<count).map { sqlite3_column_decltype(statement, $0).map { Self.type(declared: String(cString: $0)) } ?? nil }
        var rows: [[Value]] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw failure(sql) }
            rows.append((0..<count).map { Self.value(statement, $0) })
        }
        var columns: [Column] = []
        for index in 0..<Int(count) {
            let type = declared[index] ?? Self.narrowest(rows.map { $0[index] })
            columns.append(Column(names[index], type))
            for row in rows.indices { rows[row][index] = Self.convert(rows[row][index], to: type) }
        }
        return Table(columns: columns, rows: rows)
    }

    /// A value as SQLite stores it: integers as `.int`, reals and texts as text (SQLite writes
    /// reals with 15 significant digits, which reads back as the decimal that was stored).
    private static func value(_ statement: OpaquePointer?, _ index: Int32) -> Value {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .int(Int(sqlite3_column_int64(statement, index)))
        case SQLITE_FLOAT:
            let text = String(cString: sqlite3_column_text(statement, index))
            return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")).map(Value.decimal) ?? .string(text)
        default:
            return .string(sqlite3_column_text(statement, index).map { String(cString: $0) } ?? "")
        }
    }

    private static func type(declared: String) -> ColumnType? {
        let word = declared.uppercased()
        if word.contains("INT") { return .int }
        if ["REAL", "FLOA", "DOUB", "NUMERIC", "DECIMAL"].contains(where: word.contains) { return .decimal }
        if word.contains("BOOL") { return .bool }
        if word.contains("DATETIME") || word.contains("TIMESTAMP") { return .datetime }
        if word.contains("DATE") { return .date }
        if word.contains("CHAR") || word.contains("TEXT") || word.contains("CLOB") { return .string }
        return nil
    }

    private static func narrowest(_ values: [Value]) -> ColumnType {
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

    private static func convert(_ value: Value, to type: ColumnType) -> Value {
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

    /// SQLite's type name for a column of `type`, chosen so that values keep their type
    /// through a query (`DATE` and `BOOLEAN` come back as declared).
    static func declaration(for type: ColumnType) -> String {
        switch type {
        case .int: return "INTEGER"
        case .decimal: return "DECIMAL"
        case .date: return "DATE"
        case .datetime: return "DATETIME"
        case .bool: return "BOOLEAN"
        case .string, .period: return "TEXT"
        }
    }

    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
