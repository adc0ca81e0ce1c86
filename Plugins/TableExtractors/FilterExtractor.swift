import ReportKit

/// The rows of a table for which a condition holds (null counts as false).
public struct FilterExtractor: StreamingExtractor {
    public static let type = "filter"
    public static let summary = "the rows of a table for which a condition holds"

    public struct Options: PluginOptions {
        @Option(doc: "the table to filter", example: "admissions")
        var input: TableReference
        @Option(doc: "the condition", example: "year >= 2020 and ward = 'Bưởi'")
        var `where`: ExpressionText

        public init() {}
    }

    private let options: Options

    public init(options: Options, setup: PluginSetup) { self.options = options }

    public var streamedInput: String { options.input.id }

    public func makeConsumer(columns: [Column], context: RunContext) throws -> any RowConsumer {
        let text = options.where
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
            throw Diagnostic("'where' needs true or false, but '\(text.text)' is \(PluginProblem.phrase(type))", at: text.location(at: 0))
        }
        return condition
    }
}
