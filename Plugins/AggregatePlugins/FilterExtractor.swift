import ReportKit

/// The rows of a table for which a condition holds (null counts as false).
public struct FilterExtractor: StreamingExtractor {
    public static let type = "filter"
    public static let summary = "the rows of a table for which a condition holds"
    public static let options: [OptionSpec] = [
        OptionSpec("input", .reference, required: true, doc: "the table to filter", example: "admissions"),
        OptionSpec("where", .expression, required: true, doc: "the condition", example: "year >= 2020 and ward = 'Bưởi'"),
    ]

    private let options: PluginOptions

    public init(options: PluginOptions) throws { self.options = options }

    public var streamedInput: String { options.string("input") ?? "" }

    public func makeConsumer(columns: [Column], context: RunContext) throws -> any RowConsumer {
        let text = options.expression("where")!
        let condition = try Condition.compile(text, scope: context.scope(for: columns))
        return Consumer(condition: condition, table: Table(columns: columns), watch: FilterWatch(text, columns: columns),
                        warnings: context.warnings)
    }

    private struct Consumer: RowConsumer {
        let condition: CompiledExpression
        var table: Table
        var watch: FilterWatch
        let warnings: WarningLog

        mutating func consume(_ row: Row) throws {
            let kept = try condition.isTrue(row)
            watch.observe(row, kept: kept)
            if kept { table.rows.append(row) }
        }

        var canMerge: Bool { true }

        mutating func merge(_ later: any RowConsumer) throws {
            guard let later = later as? Consumer else { throw Diagnostic("internal: merging different consumers", at: nil) }
            table.rows += later.table.rows
            watch.merge(later.watch)
        }

        mutating func finish() throws -> Table {
            watch.warn(into: warnings)
            return table
        }
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
