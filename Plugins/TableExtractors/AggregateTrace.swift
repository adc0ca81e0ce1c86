import ReportKit

/// Which rows of its input an aggregate puts in one of its groups (`explain --rows`): those
/// its `where` keeps whose group keys have the values asked for, the rows a person recounts
/// the group's figures from.
extension AggregateExtractor: RowTracingExtractor {
    public var tracedInput: String { streamedInput }

    public func contributingRows(of input: Table, selecting: [String: String], context: RunContext) throws -> [Int] {
        let scope = context.scope(for: input.columns)
        let condition = try options.where.map { try ExpressionCompiler.compile($0, scope: scope) }
        let compiled = try keys.map { try ExpressionCompiler.compile($0.text, scope: scope) }
        var picks: [(key: Int, text: String)] = []
        for (name, text) in selecting.sorted(by: { $0.key < $1.key }) {
            guard let index = keys.firstIndex(where: { $0.name == name }) else {
                throw Diagnostic("'\(name)' is no group key of '\(id)'" + Suggestion.hint(for: name, in: keys.map(\.name)),
                                 at: options.$groupBy.location)
            }
            picks.append((index, text))
        }
        let formatter = ValueFormatter(locale: context.locale)
        var rows: [Int] = []
        for (index, row) in input.rows.enumerated() {
            if let condition, try !condition.isTrue(row) { continue }
            let values = try compiled.map { try $0.evaluate(row) }
            // A row outside the period is in no bucket, as in the aggregate itself.
            if zip(compiled, values).contains(where: { $0.0.type == .period && $0.1.isNull }) { continue }
            let matches = picks.allSatisfy { pick in
                let value = values[pick.key]
                return value.plainText == pick.text || formatter.string(for: value) == pick.text
            }
            if matches { rows.append(index) }
        }
        return rows
    }
}
