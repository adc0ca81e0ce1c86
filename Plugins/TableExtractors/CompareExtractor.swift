import ReportKit

/// Measures a value against a target: adds `target`, `gap` (value − target), `ratio` (value /
/// target in percent) and `status` in the recipe's language: with `better: higher` (a goal)
/// exceeded, met or missed; with `better: lower` (a ceiling) met at or under it, missed over it.
public struct CompareExtractor: Extractor {
    public static let type = "compare"
    public static let summary = "a value against a target: gap, ratio and status per row"

    public struct Options: PluginOptions {
        @Option(doc: "the table", example: "member_rates")
        var input: TableReference
        @Option(doc: "the figure: a column or an expression", example: "good_rate")
        var value: ExpressionText
        @Option(doc: "a number, a column, a param or an expression", example: "params.member_target")
        var target: ExpressionText
        @Option(doc: "higher: the target is a goal (exceeded, met, missed); lower: a ceiling (met at or under it, missed over it)")
        var better = Better.higher

        public init() {}
    }

    enum Better: String, OptionChoice {
        case higher, lower
    }

    private let options: Options

    public init(options: Options, setup: PluginSetup) { self.options = options }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        let table = try options.input.table(in: inputs)
        let scope = context.scope(for: table.columns)
        var diagnostics = Diagnostics()
        let compiled = [(options.value, "the value"), (options.target, "the target")].compactMap { text, what in
            diagnostics.collect { try ExpressionCompiler.compileNumber(text, scope: scope, for: what) }
        }
        try diagnostics.throwIfAnyAsFound()
        let value = compiled[0], target = compiled[1]
        let higherIsBetter = options.better == .higher
        let words = ReportWords(locale: context.locale)
        var result = table
        let numberType: ColumnType = value.type == .int && target.type == .int ? .int : .decimal
        let added = [Column("target", target.type ?? numberType), Column("gap", numberType),
                     Column("ratio", .decimal, percent: true), Column("status", .string)]
        try result.addColumns(added, replacing: .atTheEnd) { row in
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
            return [goal, gap, ratio, status]
        }
        return result
    }
}
