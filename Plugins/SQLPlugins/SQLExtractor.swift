import ReportKit

/// A query over tables of the recipe, loaded into an in-memory SQLite database under their
/// ids. Integers, texts, dates (as `YYYY-MM-DD`) and booleans keep their types; decimals are
/// stored as SQLite numbers, so arithmetic on them inside the query is SQLite's (floating
/// point) — for exact sums use an `aggregate` extractor. The query may only read: no attached
/// files, no writes.
public struct SQLExtractor: Extractor {
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
                let columns = table.columns.map { "\(SQLiteDatabase.quoted($0.name)) \(SQLiteDatabase.declaration(for: $0.type))" }
                try database.execute("create table \(SQLiteDatabase.quoted(id)) (\(columns.joined(separator: ", ")))")
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
}

public enum SQLPlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [SQLiteSource.self, SQLExtractor.self]
}
