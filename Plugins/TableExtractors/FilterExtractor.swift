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

    let options: Options

    public init(options: Options, setup: PluginSetup) { self.options = options }

    public var streamedInput: String { options.input.id }

    public func makeConsumer(columns: [Column], context: RunContext) throws -> any RowConsumer {
        let text = options.where
        let scope = context.scope(for: columns)
        let condition = try Condition.compile(text, scope: scope)
        let judge = RecordJudge(width: columns.count, conditionParts: try ExpressionCompiler.compileConjuncts(text, scope: scope),
                                keys: [], periodKeys: [], argumentColumns: [], watch: FilterWatch(text, columns: columns))
        return Consumer(condition: condition, judge: judge, table: Table(columns: columns), warnings: context.warnings)
    }

    /// Keeps the rows the condition holds for. From records, the condition is worked out as
    /// an aggregate's `where` is (see ``RecordJudge``), and only a kept record is decoded
    /// whole; the cells of the others are checked, so that a bad cell is an error whichever
    /// rows the condition keeps.
    struct Consumer: RawRecordConsumer {
        let condition: CompiledExpression
        var judge: RecordJudge
        var table: Table
        let warnings: WarningLog

        mutating func consume(_ row: Row) throws {
            let kept = try condition.isTrue(row)
            judge.watchRow(row, kept: kept)
            if kept { table.rows.append(row) }
        }

        mutating func consume(_ record: RawRecord, decoder: RawFieldDecoder) throws {
            if try judge.judge(record, decoder: decoder) {
                table.rows.append(try record.decodedRow(decoder))
            } else {
                try record.checkCells(decoder)
            }
        }

        var lookedUpColumns: [Int] { judge.lookedUpColumns }

        var canMerge: Bool { true }

        mutating func merge(_ later: any RowConsumer) throws {
            guard let later = later as? Consumer else { throw Diagnostic("internal: merging different consumers", at: nil) }
            table.rows += later.table.rows
            judge.merge(later.judge)
        }

        mutating func finish() throws -> Table {
            judge.watch?.warn(into: warnings)
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
