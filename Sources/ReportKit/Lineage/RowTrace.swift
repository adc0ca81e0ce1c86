import Foundation

/// The source rows that make a figure (`explain --rows`), each with where it is written, so
/// that a person can recount it by hand. It follows the figure's table down to the aggregate
/// that made it (through extractors that keep its group's columns: compare, trend, compute,
/// filter, sort, top, share, and a join's left table), then the aggregate's input down to its source (through
/// extractors that keep rows: filter, compute, sort), reading the source with the place of
/// every row and cutting it to the span the aggregate reads, as a run does.
public struct RowTrace: Sendable {
    /// The rows found, in source order, with the columns of the table they were picked from.
    public var columns: [Column]
    public var rows: [[Value]]
    public var origins: [RowOrigin]
    /// The steps walked, from the figure's table down to the source.
    public var path: [String]

    static let originColumn = "\u{1}row"

    /// The rows that make the row of `table` that `selecting` picks (column -> value as text).
    public static func trace(_ recipe: Recipe, table: String, selecting: [String: String], workingDirectory: URL) throws -> RowTrace {
        let context = RunContext(recipe: recipe, workingDirectory: workingDirectory)
        let extractors = Dictionary(recipe.extractors.map { ($0.id, $0) }) { first, _ in first }
        let sources = Dictionary(recipe.sources.map { ($0.id, $0) }) { first, _ in first }
        var path = [table], id = table
        // Down to the aggregate, through steps of one input that keep its group's columns.
        var aggregate: Configured<any Extractor>?
        while let extractor = extractors[id] {
            if extractor.plugin is any RowTracingExtractor {
                aggregate = extractor
                break
            }
            id = try onlyInput(of: extractor, keeping: ["compare", "trend", "compute", "filter", "sort", "top", "share"])
            path.append(id)
        }
        // Then the aggregate's input (or the figure's own table) down to a source, through steps that keep rows.
        var chain: [Configured<any Extractor>] = []
        var below = aggregate.map { ($0.plugin as! any RowTracingExtractor).tracedInput } ?? id
        if aggregate != nil { path.append(below) }
        while let extractor = extractors[below] {
            chain.insert(extractor, at: 0)
            below = try onlyInput(of: extractor, keeping: ["filter", "compute", "sort"])
            path.append(below)
        }
        guard let source = sources[below] else { throw Diagnostic("no source '\(below)'", at: nil) }
        guard let traceable = source.plugin as? any TraceableSource else {
            throw Diagnostic("the rows of \(source.type) source '\(source.id)' cannot be listed with their places; explain shows its steps and counts",
                             at: source.location)
        }
        var (loaded, origins) = try traceable.loadTraced(context: context)
        let dating = try InputScopes(recipe: recipe, warnings: WarningLog()).dating(of: source, columns: loaded.columns)
        loaded.columns.append(Column(originColumn, .int))
        for index in loaded.rows.indices { loaded.rows[index].append(.int(index)) }
        let scopes = InputScopes(recipe: recipe, warnings: WarningLog())
        // Each step reads the source cut to its own span, as in a run.
        var current = loaded, currentID = source.id
        for step in chain {
            let input = currentID == source.id ? try scopes.scope(of: step, reading: source, dating: dating).apply(to: current).table : current
            current = try step.plugin.extract(inputs: [currentID: input], context: context)
            currentID = step.id
        }
        let picked: [Int]
        if let aggregate, let tracing = aggregate.plugin as? any RowTracingExtractor {
            if currentID == source.id { current = try scopes.scope(of: aggregate, reading: source, dating: dating).apply(to: current).table }
            var aggregateContext = context
            aggregateContext.period = scopes.period(of: aggregate)
            picked = try tracing.contributingRows(of: current, selecting: selecting, context: aggregateContext)
        } else {
            picked = try rows(of: current, selecting: selecting)
        }
        guard let originIndex = current.columnIndex(named: originColumn) else {
            throw Diagnostic("the rows of '\(table)' lose their places on the way (a step drops columns); explain shows its steps and counts", at: nil)
        }
        let shown = current.columns.indices.filter { $0 != originIndex }
        return RowTrace(columns: shown.map { current.columns[$0] },
                        rows: picked.map { row in shown.map { current.rows[row][$0] } },
                        origins: picked.compactMap { row in
                            guard case .int(let index) = current.rows[row][originIndex] else { return nil }
                            return origins[index]
                        },
                        path: path)
    }

    private static func onlyInput(of extractor: Configured<any Extractor>, keeping kinds: Set<String>) throws -> String {
        // A join's rows are its left table's rows, with the right one's columns beside them.
        if extractor.type == "join", kinds.contains("compare"), let left = extractor.references.first { return left.id }
        let inputs = Set(extractor.references.map(\.id))
        guard kinds.contains(extractor.type), inputs.count == 1, let input = inputs.first else {
            throw Diagnostic("explain --rows follows aggregates and the steps of one table that keep its rows; '\(extractor.id)' is a \(extractor.type) extractor, whose rows it cannot follow",
                             at: extractor.location)
        }
        return input
    }

    /// The rows of a table whose columns have the values asked for.
    private static func rows(of table: Table, selecting: [String: String]) throws -> [Int] {
        let picks = try selecting.map { name, text -> (Int, String) in
            guard let index = table.columnIndex(named: name) else {
                throw Diagnostic("no column '\(name)'" + Suggestion.hint(for: name, in: table.columnNames), at: nil)
            }
            return (index, text)
        }
        return table.rows.indices.filter { row in picks.allSatisfy { table.rows[row][$0.0].plainText == $0.1 } }
    }
}
