import Foundation
import ReportKit

/// A table or a query's result in PostgreSQL (or Citus, or a server that speaks its protocol).
/// Rows stream in constant memory; an `aggregate` or `filter` that reads the source hands its
/// work to the database (see ``PostgresPlanner``), so that only grouped or kept rows travel.
public struct PostgresSource: QueryableSource {
    public static let type = "postgres"
    public static let summary = "a table or a query's result in PostgreSQL or Citus (read-only; aggregates and filters run in the database)"

    public struct Options: PluginOptions {
        @Option(doc: "libpq connection string or URI, as psql takes it (.pgpass, PGSERVICE, sslmode work); empty: the PG* environment variables",
                example: "postgresql://reportgen@db.example.org/office?sslmode=require")
        var connection = ConnectionString("")
        @Option(doc: "a table or view, as schema.name or name (exactly one of table and query)", example: "public.events")
        var table: String?
        @Option(doc: "a SELECT query (exactly one of table and query)", example: "select ward, date, amount from events")
        var query: QueryText?
        @Option(doc: ColumnDeclarations.optionDoc, example: ColumnDeclarations.optionExample)
        var columns = ColumnDeclarations()
        @Option(doc: "the longest a statement may run, in seconds", example: "600")
        var timeout = 300

        public init() {}
    }

    /// What the source reads and how, for its sessions.
    struct Settings: Sendable {
        var id: String
        var location: SourceLocation
        var connection: String
        var connectionLocation: SourceLocation
        /// `"schema"."table"` or `(query) AS "source"`.
        var relation: String
        /// The query as the recipe writes it (a trailing `;` left out), for errors that point into it.
        var query: (text: String, option: QueryText)?
        var tableName: String?
        var declared: [(name: String, spec: ColumnSpec)]
        var timeout: Int
    }

    let settings: Settings

    public init(options: Options, setup: PluginSetup) throws {
        switch (options.table, options.query) {
        case (nil, nil): throw setup.error("a postgres source needs 'table' or 'query'")
        case (.some, .some): throw options.$query.error("give 'table' or 'query', not both")
        default: break
        }
        if let table = options.table, table.isEmpty || table.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
            throw options.$table.error("'\(table)' is not a table name; write name or schema.name")
        }
        var relation = options.table.map(SQLText.table) ?? ""
        var queryText: (String, QueryText)?
        if let query = options.query {
            // A trailing `;` would end the statement the query is placed in.
            let trimmed = Self.withoutTrailingSemicolons(query.text)
            guard !trimmed.isEmpty else { throw options.$query.error("the query is empty") }
            queryText = (trimmed, query)
            relation = "(\(trimmed)) AS \"source\""
        }
        guard options.timeout > 0 else { throw options.$timeout.error("the timeout is a number of seconds above 0") }
        settings = Settings(id: setup.id ?? "", location: setup.location, connection: options.connection.text,
                            connectionLocation: options.$connection.location, relation: relation, query: queryText,
                            tableName: options.table, declared: try options.columns.specs(locale: setup.locale), timeout: options.timeout)
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

/// A libpq connection string: text that may hold a password, so the lineage, `explain` and the
/// json output never show it (``OptionValue/isSecret``).
struct ConnectionString: OptionValue {
    var text: String

    init(_ text: String) { self.text = text }

    static var optionType: OptionType { .string }
    static var isSecret: Bool { true }
    init(option node: YAMLNode, at site: OptionSite) throws { text = node.scalarText ?? "" }
    var documentedDefault: OptionDefault? { .string(text) }
}

public enum PostgresPlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [PostgresSource.self]
}
