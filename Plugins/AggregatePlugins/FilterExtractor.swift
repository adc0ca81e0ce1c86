import ReportKit

/// The rows of a table for which a condition holds (null counts as false).
public struct FilterExtractor: Extractor {
    public static let type = "filter"
    public static let summary = "the rows of a table for which a condition holds"
    public static let options: [OptionSpec] = [
        OptionSpec("input", .reference, required: true, doc: "the table to filter", example: "admissions"),
        OptionSpec("where", .expression, required: true, doc: "the condition", example: "year >= 2020 and ward = 'Bưởi'"),
    ]

    private let options: PluginOptions

    public init(options: PluginOptions) throws { self.options = options }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        let table = try options.table("input", in: inputs)
        let condition = try Condition.compile(options.expression("where")!, scope: context.scope(for: table))
        return Table(columns: table.columns, rows: table.rows.filter(condition.isTrue))
    }
}

/// A `where` expression, checked to yield true or false.
enum Condition {
    static func compile(_ text: ExpressionText, scope: ExpressionScope) throws -> CompiledExpression {
        let condition = try ExpressionCompiler.compile(text, scope: scope)
        if let type = condition.type, type != .bool {
            throw Diagnostic("a condition must be true or false, but '\(text.text)' is \(type.rawValue)", at: text.location(at: 0))
        }
        return condition
    }
}
