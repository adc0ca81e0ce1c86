import ReportKit

/// Change from one row to the next, in the order of a column: adds `change` (value − previous
/// value), `change_pct` (change in percent of the previous value) and `cumulative` (running sum).
/// A null value, or a null previous value, gives null: a bucket without data is no collapse.
public struct TrendExtractor: Extractor {
    public static let type = "trend"
    public static let summary = "change, change in percent and running total along an ordered column"

    public struct Options: PluginOptions {
        @Option(doc: "the table", example: "admissions_by_year")
        var input: TableReference
        @InputColumn(holding: .number, doc: "the numeric column", example: "admitted")
        var value: ColumnName
        @InputColumn(doc: "the column that orders the rows", example: "period")
        var by: ColumnName

        public init() {}
    }

    private let options: Options

    public init(options: Options, setup: PluginSetup) { self.options = options }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        var result = try options.input.table(in: inputs)
        let valueIndex = try options.value.index(in: result)
        let byIndex = try options.by.index(in: result)
        let valueType = result.columns[valueIndex].type
        result.rows = RowOrder.sorted(result.rows, by: [byIndex], descending: false)
        var previous = Value.null
        var cumulative = Value.int(0)
        let added = [Column("change", valueType), Column("change_pct", .decimal, percent: true), Column("cumulative", valueType)]
        result.addColumns(added) { row in
            // A row without a value (a bucket without data) has no change, no running total,
            // and is no base for the next row's change: nothing is invented from a gap.
            let value = row[valueIndex]
            let change = Value.subtract(value, previous)
            let percent = Value.multiply(Value.divide(change, previous), .int(100))
            if !value.isNull { cumulative = Value.add(cumulative, value) }
            previous = value
            return [change, percent, value.isNull ? .null : cumulative]
        }
        return result
    }
}
