import ReportKit

/// Measures a value against a target: adds `target`, `gap` (value − target), `ratio` (value /
/// target in percent) and `status` in the recipe's language: with `better: higher` (a goal)
/// exceeded, met or missed; with `better: lower` (a ceiling) met at or under it, missed over it.
public struct CompareExtractor: Extractor {
    public static let type = "compare"
    public static let summary = "a value against a target: gap, ratio and status per row"
    public static let options: [OptionSpec] = [
        OptionSpec("input", .reference, required: true, doc: "the table", example: "member_rates"),
        OptionSpec("value", .expression, required: true, doc: "the figure: a column or an expression", example: "good_rate"),
        OptionSpec("target", .expression, required: true, doc: "a number, a column, a param or an expression",
                   example: "params.member_target"),
        OptionSpec("better", .choice(["higher", "lower"]), default: .string("higher"), doc: "higher: the target is a goal (exceeded, met, missed); lower: a ceiling (met at or under it, missed over it)"),
    ]

    private let options: PluginOptions

    public init(options: PluginOptions) throws { self.options = options }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        let table = try options.table("input", in: inputs)
        let scope = context.scope(for: table.columns)
        var diagnostics = Diagnostics()
        let compiled = ["value", "target"].compactMap { name in
            diagnostics.collect {
                let expression = try ExpressionCompiler.compile(options.expression(name)!, scope: scope)
                if let type = expression.type, !type.isNumeric {
                    throw options.error("the \(name) must be a number, but it is \(type.rawValue)", at: name)
                }
                return expression
            }
        }
        try diagnostics.throwIfAnyAsFound()
        let value = compiled[0], target = compiled[1]
        let higherIsBetter = options.string("better") != "lower"
        let words = ReportWords(locale: context.locale)
        var result = Table(columns: table.columns.filter { !["target", "gap", "ratio", "status"].contains($0.name) })
        let kept = table.columns.indices.filter { !["target", "gap", "ratio", "status"].contains(table.columns[$0].name) }
        let numberType: ColumnType = value.type == .int && target.type == .int ? .int : .decimal
        result.columns += [Column("target", target.type ?? numberType), Column("gap", numberType),
                           Column("ratio", .decimal, percent: true), Column("status", .string)]
        result.rows = try table.rows.map { row in
            let actual = try value.evaluate(row), goal = try target.evaluate(row)
            let gap = Value.subtract(actual, goal)
            let ratio = Value.multiply(Value.divide(actual, goal), .int(100))
            var status = Value.null
            if let order = Value.compare(actual, goal) {
                if higherIsBetter {
                    status = .string(order == .orderedDescending ? words.exceeded : order == .orderedSame ? words.met : words.missed)
                } else {
                    // A ceiling (a budget, a deadline): at or under it is met, over it missed;
                    // "exceeded" would read as over the budget.
                    status = .string(order == .orderedDescending ? words.missed : words.met)
                }
            }
            return kept.map { row[$0] } + [goal, gap, ratio, status]
        }
        return result
    }
}
