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
    /// Virtual-machine steps left to the statements of this connection (see ``defaultBudget``).
    private let budget: StepBudget
    /// SQL's `printf` with limited widths, kept alive as long as the connection.
    private var printf: SQLitePrintf?

    /// The most a text or blob may be: SQLite's default is a gigabyte, which one `printf` or
    /// `zeroblob` of a query could build.
    static let longestValue: Int32 = 64 << 20
    /// Virtual-machine instructions a connection may run, counted by a progress handler: a
    /// recursive query without an end stops here (about ten seconds) with an error.
    static let defaultBudget = 2_000_000_000

    /// Counts down the steps a connection may take; SQLite's progress handler gets it by pointer.
    private final class StepBudget {
        let every: Int32 = 10_000
        let total: Int
        var remaining: Int
        var exhausted = false
        init(_ steps: Int) { total = steps; remaining = steps }
    }

    /// Opens a database file read-only, or an in-memory database when `path` is nil.
    ///
    /// A file is opened `immutable` through a URI: SQLite then takes no locks and makes no
    /// `-shm` or `-wal` file beside it (a database in WAL mode otherwise gets both, even for
    /// reading), so that reading never writes beside an input. Changes still in a `-wal` file
    /// would go unseen that way, so a database with a non-empty one is refused.
    init(path: String?, budget: Int = SQLiteDatabase.defaultBudget) throws {
        self.budget = StepBudget(budget)
        if let path, let size = try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int, size > 0 {
            throw Failure(message: "the database has changes not yet written into it (its -wal file); open it once with sqlite3 (or run PRAGMA wal_checkpoint) so that they are, since reportgen never writes beside an input")
        }
        _ = Self.configured
        // No mutex: a connection is used on one thread (SQLite's default takes the
        // connection's mutex on every call, millions of them when a table is loaded).
        let flags = (path == nil ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY : SQLITE_OPEN_READONLY | SQLITE_OPEN_URI)
            | SQLITE_OPEN_NOMUTEX
        let name = path.map(Self.immutableURI) ?? ":memory:"
        let status = sqlite3_open_v2(name, &handle, flags, nil)
        guard status == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw Failure(message: message)
        }
        sqlite3_limit(handle, SQLITE_LIMIT_LENGTH, Self.longestValue)
        // A hostile database file must not run what its schema says (views, triggers) beyond
        // harmless functions, nor change a database by ways around the authorizer.
        _ = csqlite_db_config_flag(handle, SQLITE_DBCONFIG_DEFENSIVE, 1)
        _ = csqlite_db_config_flag(handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0)
        _ = csqlite_db_config_flag(handle, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0)
        _ = csqlite_db_config_flag(handle, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0)
        printf = try SQLitePrintf(on: handle, longestValue: Self.longestValue)
        sqlite3_progress_handler(handle, self.budget.every, { context in
            let budget = Unmanaged<StepBudget>.fromOpaque(context!).takeUnretainedValue()
            budget.remaining -= Int(budget.every)
            if budget.remaining < 0 { budget.exhausted = true }
            return budget.exhausted ? 1 : 0
        }, Unmanaged.passUnretained(self.budget).toOpaque())
    }

    /// SQLite set up for the process before its first connection (see
    /// `csqlite_config_no_memory_status`): once, whichever thread opens first. Code that
    /// opens SQLite by other ways in the same process (tests) reads it first, since the setting
    /// must not be made while another thread starts SQLite.
    static let configured: Void = { _ = csqlite_config_no_memory_status() }()

    deinit {
        // The connection first: its functions point at `printf`.
        sqlite3_close(handle)
        printf = nil
    }

    /// `file:PATH?immutable=1`, the path's `%`, `?` and `#` escaped as a URI needs.
    private static func immutableURI(_ path: String) -> String {
        var escaped = ""
        for character in path {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3F"
            case "#": escaped += "%23"
            default: escaped.append(character)
            }
        }
        return "file:" + escaped + "?immutable=1"
    }

    /// Functions a query may not call even to read: `fts3_tokenizer` hands out (and, with two
    /// arguments, takes) a pointer into the process's memory; `load_extension` loads code.
    static let refusedFunctions: Set<String> = ["fts3_tokenizer", "load_extension"]

    /// From now on the connection only reads: a recipe's query may select, but not attach
    /// files, write them (`VACUUM INTO`), change the schema or data, set pragmas, or call the
    /// ``refusedFunctions``. A query is text that a recipe's author wrote, and a recipe must not
    /// write outside the output folder nor read the process's memory.
    func allowReadingOnly() {
        sqlite3_limit(handle, SQLITE_LIMIT_ATTACHED, 0)
        sqlite3_set_authorizer(handle, { _, action, _, function, _, _ in
            switch action {
            case SQLITE_FUNCTION:
                let name = function.map { String(cString: $0).lowercased() } ?? ""
                return SQLiteDatabase.refusedFunctions.contains(name) ? SQLITE_DENY : SQLITE_OK
            case SQLITE_SELECT, SQLITE_READ, SQLITE_RECURSIVE: return SQLITE_OK
            default: return SQLITE_DENY
            }
        }, nil)
    }

    private func failure(_ sql: String? = nil) -> Failure {
        let offset = Int(sqlite3_error_offset(handle))
        let message: String
        if budget.exhausted {
            message = "the query ran past its budget of \(budget.total) steps (a recursive query without an end?)"
        } else if sqlite3_errcode(handle) == SQLITE_AUTH || String(cString: sqlite3_errmsg(handle)).hasPrefix("not authorized") {
            message = "the query may only read (select) with SQLite's harmless functions; it may not write, attach files, change settings or call \(Self.refusedFunctions.sorted().joined(separator: " or "))"
        } else if sqlite3_errcode(handle) == SQLITE_TOOBIG {
            message = "a value of the query is longer than \(Self.longestValue >> 20) MiB, the most a text or blob may be"
        } else {
            message = String(cString: sqlite3_errmsg(handle))
        }
        return Failure(message: message, offset: offset >= 0 && sql != nil ? offset : nil)
    }

    /// One statement; text after it but spaces and comments (a second statement after `;`,
    /// which SQLite would silently leave unrun) is an error at its place.
    private func prepare(_ sql: String) throws -> OpaquePointer? {
        var statement: OpaquePointer?
        let utf8 = Array(sql.utf8CString)
        var rest = 0
        let status = utf8.withUnsafeBufferPointer { buffer in
            var tail: UnsafePointer<CChar>?
            let status = sqlite3_prepare_v2(handle, buffer.baseAddress, -1, &statement, &tail)
            rest = tail.map { buffer.baseAddress!.distance(to: $0) } ?? 0
            return status
        }
        guard status == SQLITE_OK else { throw failure(sql) }
        let bytes = Array(sql.utf8)
        let after = String(decoding: bytes[min(rest, bytes.count)...], as: UTF8.self)
        if !Self.isBlank(after) {
            sqlite3_finalize(statement)
            let before = String(decoding: bytes[..<min(rest, bytes.count)], as: UTF8.self)
            throw Failure(message: "the query holds more than one statement; write one (a second after ';' would not run)",
                          offset: before.count + after.prefix { $0.isWhitespace }.count)
        }
        return statement
    }

    /// Whether `sql` holds nothing but white space and comments.
    private static func isBlank(_ sql: String) -> Bool {
        var rest = Substring(sql)
        while true {
            rest = rest.drop { $0.isWhitespace }
            if rest.hasPrefix("--") {
                rest = rest.drop { $0 != "\n" }
            } else if rest.hasPrefix("/*") {
                guard let end = rest.range(of: "*/") else { return true }
                rest = rest[end.upperBound...]
            } else {
                return rest.isEmpty
            }
        }
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
            rows.append(try (0..<count).map { column in
                try Self.value(statement, column, row: rows.count + 1, name: names[Int(column)])
            })
        }
        var columns: [Column] = []
        for index in 0..<Int(count) {
            let type = declared[index] ?? Self.narrowest(rows.map { $0[index] })
            columns.append(Column(names[index], type))
            for row in rows.indices { rows[row][index] = Self.convert(rows[row][index], to: type) }
        }
        return Table(columns: columns, rows: rows)
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
