import Foundation
import ReportKit

/// One run's connection to a `postgres` source: its columns, found by asking the server for
/// the relation's shape, and every statement of the run (rows, groups, facts), each placing a
/// server error in the recipe.
final class PostgresSession: SourceSession {
    let settings: PostgresSource.Settings
    let context: RunContext
    private let connection: PostgresConnection
    let sourceColumns: [PostgresColumn]
    /// Whether the server's `lower` and `upper` agree with reportgen's (found out once, when an
    /// expression asks).
    private var caseMapping: Bool?
    /// What ``remembered(_:parameters:types:)`` was told, by statement and parameters.
    private var answers: [String: [Value]] = [:]

    var columns: [Column] { sourceColumns.map(\.column) }

    init(_ settings: PostgresSource.Settings, context: RunContext) throws {
        self.settings = settings
        self.context = context
        do {
            connection = try PostgresConnection(conninfo: settings.connection, statementTimeout: settings.timeout)
        } catch let failure as PostgresConnection.Failure {
            throw Diagnostic("source '\(settings.id)' cannot connect to PostgreSQL: \(failure.message)", at: settings.connectionLocation)
        }
        var fields: [PostgresConnection.Field] = []
        let describe = "SELECT * FROM \(settings.relation) LIMIT 0"
        do {
            try connection.query(describe, fields: { fields = $0 }) { _ in }
        } catch let failure as PostgresConnection.Failure {
            throw Self.diagnostic(failure, statement: describe, settings: settings)
        }
        sourceColumns = try Self.columns(fields, settings: settings, timeZone: context.locale.timeZone)
    }

    private static func columns(_ fields: [PostgresConnection.Field], settings: PostgresSource.Settings, timeZone: TimeZone) throws -> [PostgresColumn] {
        var diagnostics = Diagnostics()
        var seen = Set<String>()
        for field in fields where !seen.insert(field.name).inserted {
            diagnostics.append(Diagnostic("the query returns two columns named '\(field.name)'; name them apart with AS",
                                          at: settings.query?.option.node.location ?? settings.location))
        }
        let names = fields.map(\.name)
        for (name, spec) in settings.declared where !names.contains(name) {
            diagnostics.append(Diagnostic("source '\(settings.id)' has no column '\(name)'" + Suggestion.hint(for: name, in: names),
                                          at: spec.location))
        }
        let declared = Dictionary(settings.declared.map { ($0.name, $0.spec) }) { first, _ in first }
        let columns = fields.compactMap { field -> PostgresColumn? in
            let made = PostgresColumn.make(name: field.name, oid: field.typeOID, declared: declared[field.name], timeZone: timeZone)
            if let problem = made.problem { diagnostics.append(Diagnostic(problem, at: declared[field.name]?.location ?? settings.location)) }
            return made.column
        }
        try diagnostics.throwIfAny()
        return columns
    }

    /// Runs `statement`, handing `body` each row's cells read as `types` (null for a null cell).
    func run(_ statement: String, parameters: [String?], types: [ColumnType], _ body: ([Value]) throws -> Void) throws {
        var values = [Value](repeating: .null, count: types.count)
        var names: [String] = []
        do {
            try connection.query(statement, parameters: parameters, fields: { names = $0.map(\.name) }) { row in
                for index in types.indices {
                    if row.isNull(index) {
                        values[index] = .null
                        continue
                    }
                    // Numbers and dates straight from the bytes (the hot loop of a large result),
                    // the rest through their text.
                    switch types[index] {
                    case .int, .decimal, .date:
                        if let value = row.withBytes(index, { Self.cells.read(bytes: $0, as: types[index]) }), !value.isNull {
                            values[index] = value
                            continue
                        }
                    default:
                        break
                    }
                    let text = row.text(index)
                    guard let value = PostgresColumn.value(text, as: types[index], timeZone: context.locale.timeZone) else {
                        throw Diagnostic("source '\(settings.id)': '\(text)' in column '\(names[index])' is not \(Self.phrase(types[index])) "
                                         + "reportgen can hold", at: settings.location)
                    }
                    values[index] = value
                }
                try body(values)
            }
        } catch let failure as PostgresConnection.Failure {
            throw Self.diagnostic(failure, statement: statement, settings: settings)
        }
    }

    /// The one row of `statement`, run once per session: the same question (a source's count
    /// of rows) from several extractors is asked once.
    func remembered(_ statement: String, parameters: [String?], types: [ColumnType]) throws -> [Value] {
        let key = ([statement] + parameters.map { $0 ?? "\u{0}" }).joined(separator: "\u{1}")
        if let known = answers[key] { return known }
        var row = [Value](repeating: .null, count: types.count)
        try run(statement, parameters: parameters, types: types) { row = $0 }
        answers[key] = row
        return row
    }

    /// Runs a statement that returns nothing.
    func execute(_ statement: String) throws {
        do { try connection.execute(statement) } catch let failure as PostgresConnection.Failure {
            throw Self.diagnostic(failure, statement: statement, settings: settings)
        }
    }

    func rows() throws -> RowStream {
        RowStream(columns: columns) { [self] needed, body in
            try streamRows(needed: needed, conditions: [], parameters: [], body)
        }
    }

    /// Streams the rows that satisfy `conditions` (SQL), only the `needed` columns read (the
    /// others null), in the order the database keeps them: parallel workers would interleave
    /// them, so this statement runs without.
    func streamRows(needed: Set<Int>?, conditions: [String], parameters: [String?], _ body: (Row) throws -> Void) throws {
        let statement = rowStatement(needed: needed, conditions: conditions)
        let indices = sourceColumns.indices.filter { needed?.contains($0) ?? true }
        var row = Row(repeating: .null, count: sourceColumns.count)
        try execute("SET max_parallel_workers_per_gather = 0")
        try run(statement, parameters: parameters, types: indices.map { sourceColumns[$0].column.type }) { values in
            for (position, index) in indices.enumerated() { row[index] = values[position] }
            try body(row)
        }
        try execute("RESET max_parallel_workers_per_gather")
    }

    func rowStatement(needed: Set<Int>?, conditions: [String]) -> String {
        let selected = sourceColumns.indices.filter { needed?.contains($0) ?? true }
        let list = selected.isEmpty ? "1" : selected.map { "\(sourceColumns[$0].sql) AS \(SQLText.identifier(sourceColumns[$0].column.name))" }
            .joined(separator: ", ")
        return "SELECT \(list) FROM \(settings.relation)" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
    }

    func plan(_ request: PushdownRequest) throws -> PushdownPlan {
        try PostgresPlanner(session: self, request: request).plan()
    }

    /// Whether the server writes `lower(x)` and `upper(x)` as reportgen does (Unicode's full
    /// case mapping: `ß` upper is `SS`); a server whose locale maps otherwise computes neither.
    func caseMappingAgrees() -> Bool {
        if let caseMapping { return caseMapping }
        let probe = "Straße ǅ İstanbul ΣΑΣ ŉ ﬁ Ꙋ Đặng Việt Hùng Ỷ"
        var agrees = false
        try? run("SELECT lower(CAST($1 AS text)), upper(CAST($1 AS text))", parameters: [probe], types: [.string, .string]) { values in
            agrees = values == [.string(probe.lowercased()), .string(probe.uppercased())]
        }
        caseMapping = agrees
        return agrees
    }

    /// A server error placed in the recipe: inside the source's `query` when the server points
    /// there, else at the source.
    static func diagnostic(_ failure: PostgresConnection.Failure, statement: String, settings: PostgresSource.Settings) -> Diagnostic {
        var message = "PostgreSQL, source '\(settings.id)': \(failure.message)"
        if let table = settings.tableName, failure.message.contains("does not exist"), table != table.lowercased() {
            message += " (the name is taken as written, capitals included; a table created without quotes is '\(table.lowercased())')"
        }
        if let (query, option) = settings.query, let position = failure.position,
           let start = statement.range(of: query).map({ statement.unicodeScalars[..<$0.lowerBound].count }),
           position >= start, position < start + query.unicodeScalars.count {
            let scalars = query.unicodeScalars
            let offset = String(String.UnicodeScalarView(scalars.prefix(position - start))).count
            return Diagnostic(message, at: option.location(at: offset))
        }
        return Diagnostic(message, at: settings.query?.option.node.location ?? settings.location)
    }

    /// Plain numbers and ISO dates, as the server writes them.
    private static let cells = CellReader(numbers: .plain, dateLocale: .englishUS)

    private static func phrase(_ type: ColumnType) -> String {
        switch type {
        case .int: return "an integer"
        case .date: return "a date"
        default: return "a \(type.rawValue)"
        }
    }
}
