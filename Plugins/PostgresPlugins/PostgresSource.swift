import Foundation
import ReportKit

/// A table or a query's result in PostgreSQL (or Citus, or a server that speaks its protocol).
/// Rows stream in constant memory; an `aggregate` or `filter` that reads the source hands its
/// work to the database (see ``PostgresPlanner``), so that only grouped or kept rows travel.
public struct PostgresSource: QueryableSource {
    public static let type = "postgres"
    public static let summary = "a table or a query's result in PostgreSQL or Citus (read-only; aggregates and filters run in the database)"
    public static let options: [OptionSpec] = [
        OptionSpec("connection", .string, default: .string(""),
                   doc: "libpq connection string or URI, as psql takes it (.pgpass, PGSERVICE, sslmode work); empty: the PG* environment variables",
                   example: "postgresql://reportgen@db.example.org/office?sslmode=require").secret(),
        OptionSpec("table", .string, doc: "a table or view, as schema.name or name (exactly one of table and query)", example: "public.events"),
        OptionSpec("query", .string, doc: "a SELECT query (exactly one of table and query)", example: "select ward, date, amount from events"),
        ColumnSpec.option,
        OptionSpec("timeout", .integer, default: .int(300), doc: "the longest a statement may run, in seconds", example: "600"),
    ]

    /// What the source reads and how, for its sessions.
    struct Settings: Sendable {
        var id: String
        var location: SourceLocation
        var connection: String
        var connectionLocation: SourceLocation
        /// `"schema"."table"` or `(query) AS "source"`.
        var relation: String
        /// The query as the recipe writes it, with its node, for errors that point into it.
        var query: (text: String, node: YAMLNode)?
        var tableName: String?
        var declared: [(name: String, spec: ColumnSpec)]
        var timeout: Int
    }

    let settings: Settings

    public init(options: PluginOptions) throws {
        let table = options.string("table"), query = options.string("query")
        switch (table, query) {
        case (nil, nil): throw Diagnostic("a postgres source needs 'table' or 'query'", at: options.location)
        case (.some, .some): throw options.error("give 'table' or 'query', not both", at: "query")
        default: break
        }
        if let table, table.isEmpty || table.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
            throw options.error("'\(table)' is not a table name; write name or schema.name", at: "table")
        }
        var relation = table.map(SQLText.table) ?? ""
        var queryText: (String, YAMLNode)?
        if let query, let node = options.node("query") {
            // A trailing `;` would end the statement the query is placed in.
            let trimmed = Self.withoutTrailingSemicolons(query)
            guard !trimmed.isEmpty else { throw options.error("the query is empty", at: "query") }
            queryText = (trimmed, node)
            relation = "(\(trimmed)) AS \"source\""
        }
        let timeout = options.int("timeout") ?? 300
        guard timeout > 0 else { throw options.error("the timeout is a number of seconds above 0", at: "timeout") }
        settings = Settings(id: options.id ?? "", location: options.location, connection: options.string("connection") ?? "",
                            connectionLocation: options.node("connection")?.location ?? options.location, relation: relation,
                            query: queryText, tableName: table, declared: try ColumnSpec.read(options, locale: options.locale),
                            timeout: timeout)
    }

    public var origin: String? {
        if let table = settings.tableName { return "PostgreSQL: \(table)" }
        let query = (settings.query?.text ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return "PostgreSQL: " + (query.count > 80 ? query.prefix(79) + "…" : query)
    }

    public func openSession(context: RunContext) throws -> any SourceSession {
        try PostgresSession(settings, context: context)
    }

    public func stream(context: RunContext) throws -> RowStream {
        try PostgresSession(settings, context: context).rows()
    }

    private static func withoutTrailingSemicolons(_ query: String) -> String {
        var text = Substring(query)
        while let last = text.last, last == ";" || last.isWhitespace { text = text.dropLast() }
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        return String(text)
    }
}

public enum PostgresPlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [PostgresSource.self]
}
