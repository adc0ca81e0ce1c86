import ReportKit

/// Adds columns computed from each row (or replaces columns of the same name). Each column may
/// use the ones computed before it.
public struct ComputeExtractor: StreamingExtractor {
    public static let type = "compute"
    public static let summary = "adds columns computed from each row"

    public struct Options: PluginOptions {
        @Option(doc: "the table", example: "ratings")
        var input: TableReference
        @Option(doc: "name -> expression, in order", example: "{rate: 100.0 * good / total}")
        var columns: OptionMap<ExpressionText>

        public init() {}
    }

    private let options: Options

    public init(options: Options, setup: PluginSetup) { self.options = options }

    public var streamedInput: String { options.input.id }

    public func makeConsumer(columns: [Column], context: RunContext) throws -> any RowConsumer {
        var columns = columns
        var steps: [(index: Int, expression: CompiledExpression)] = []
        var diagnostics = Diagnostics()
        for (name, text) in options.columns.entries.map({ ($0.name, $0.value) }) {
            guard let expression = diagnostics.collect({ try ExpressionCompiler.compile(text, scope: context.scope(for: columns)) })
            else { continue }
            let column = Column(name, expression.type ?? .string)
            if let index = columns.firstIndex(where: { $0.name == name }) {
                columns[index] = column
                steps.append((index, expression))
            } else {
                columns.append(column)
                steps.append((columns.count - 1, expression))
            }
        }
        try diagnostics.throwIfAnyAsFound()
        return Consumer(steps: steps, table: Table(columns: columns))
    }

    private struct Consumer: RowConsumer {
        let steps: [(index: Int, expression: CompiledExpression)]
        var table: Table

        mutating func consume(_ row: Row) throws {
            var row = row
            for step in steps {
                let value = try step.expression.evaluate(row)
                if step.index < row.count { row[step.index] = value } else { row.append(value) }
            }
            table.rows.append(row)
        }

        var canMerge: Bool { true }

        mutating func merge(_ later: any RowConsumer) throws {
            guard let later = later as? Consumer else { throw Diagnostic("internal: merging different consumers", at: nil) }
            table.rows += later.table.rows
        }

        mutating func finish() throws -> Table { table }
    }
}
