import ReportKit

/// A query over tables of the recipe, loaded into an in-memory SQLite database under their
/// ids. Integers, texts, dates (as `YYYY-MM-DD`) and booleans keep their types; decimals are
/// stored as SQLite numbers, so arithmetic on them inside the query is SQLite's (floating
/// point) — for exact sums use an `aggregate` extractor. The query may only read: no attached
/// files, no writes. Over one table it streams: rows go into SQLite as they are read, and only
/// the columns the query reads are filled.
public struct SQLExtractor: StreamingExtractor {
    public static let type = "sql"
    public static let summary = "an SQL query over tables of the recipe, in an embedded SQLite"

    public struct Options: PluginOptions {
        @Option(doc: "the tables the query reads, by id", example: "[admissions, wards]")
        var inputs: [TableReference]
        @Option(doc: "an SQL query", example: "select ward, sum(admitted) from admissions group by ward")
        var query: QueryText

        public init() {}
    }

    private let options: Options

    public init(options: Options, setup: PluginSetup) { self.options = options }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        do {
            let database = try SQLiteDatabase(path: nil)
            for id in options.inputs.map(\.id) {
                guard let table = inputs[id] else { continue }
                try Self.create(id, columns: table.columns, in: database)
                let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
                try database.execute("begin")
                try database.execute("insert into \(SQLiteDatabase.quoted(id)) values (\(placeholders))", rows: table.rows)
                try database.execute("commit")
            }
            database.allowReadingOnly()
            return try database.query(options.query.text)
        } catch let failure as SQLiteDatabase.Failure {
            throw SQLPosition.diagnostic(failure, query: options.query)
        }
    }

    private static func create(_ id: String, columns: [Column], in database: SQLiteDatabase) throws {
        let declared = columns.map { "\(SQLiteDatabase.quoted($0.name)) \(SQLiteDatabase.declaration(for: $0.type))" }
        try database.execute("create table \(SQLiteDatabase.quoted(id)) (\(declared.joined(separator: ", ")))")
    }

    /// The query's one table when it reads one (the runner streams it then).
    public var streamedInput: String { options.inputs.first?.id ?? "" }

    public func makeConsumer(columns: [Column], context: RunContext) throws -> any RowConsumer {
        do {
            let database = try SQLiteDatabase(path: nil)
            try Self.create(streamedInput, columns: columns, in: database)
            // Errors in the query show before any row is read.
            let read = try database.columnsRead(by: options.query.text, from: streamedInput)
            let bound = columns.indices.filter { read.contains(columns[$0].name) }
            let insert = try database.insert(into: streamedInput, width: columns.count, binding: bound)
            try database.execute("begin")
            return Consumer(database: database, insert: insert, query: options.query, neededColumns: Set(bound))
        } catch let failure as SQLiteDatabase.Failure {
            throw SQLPosition.diagnostic(failure, query: options.query)
        }
    }

    /// Inserts each row; runs the query at the end.
    private struct Consumer: RowConsumer {
        let database: SQLiteDatabase
        let insert: SQLiteDatabase.Insert
        let query: QueryText
        let neededColumns: Set<Int>?

        mutating func consume(_ row: Row) throws {
            do {
                try insert.run(row)
            } catch let failure as SQLiteDatabase.Failure {
                throw SQLPosition.diagnostic(failure, query: query)
            }
        }

        mutating func finish() throws -> Table {
            do {
                try database.execute("commit")
                database.allowReadingOnly()
                return try database.query(query.text)
            } catch let failure as SQLiteDatabase.Failure {
                throw SQLPosition.diagnostic(failure, query: query)
            }
        }
    }
}

public enum SQLPlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [SQLiteSource.self, SQLExtractor.self]
}
