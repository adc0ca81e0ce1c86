import ReportKit

/// Adds columns computed from each row (or replaces columns of the same name). Each column may
/// use the ones computed before it.
public struct ComputeExtractor: Extractor {
    public static let type = "compute"
    public static let summary = "adds columns computed from each row"
    public static let options: [OptionSpec] = [
        OptionSpec("input", .reference, required: true, doc: "the table", example: "ratings"),
        OptionSpec("columns", .map(.expression), required: true, doc: "name -> expression, in order",
                   example: "{rate: 100.0 * good / total}"),
    ]

    private let options: PluginOptions

    public init(options: PluginOptions) throws { self.options = options }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        var table = try options.table("input", in: inputs)
        for pair in options.node("columns")?.mapping ?? [] {
            guard let name = pair.key.scalarText else { continue }
            let expression = try ExpressionCompiler.compile(ExpressionText(pair.value), scope: context.scope(for: table))
            let values = table.rows.map(expression.evaluate)
            let column = Column(name, expression.type ?? .string)
            if let index = table.columnIndex(named: name) {
                table.columns[index] = column
                for row in table.rows.indices { table.rows[row][index] = values[row] }
            } else {
                table.columns.append(column)
                for row in table.rows.indices { table.rows[row].append(values[row]) }
            }
        }
        return table
    }
}
