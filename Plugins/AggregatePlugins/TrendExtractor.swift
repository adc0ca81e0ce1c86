import ReportKit

/// Change from one row to the next, in the order of a column: adds `change` (value − previous
/// value), `change_pct` (change in percent of the previous value) and `cumulative` (running sum).
/// A null value, or a null previous value, gives null: a bucket without data is no collapse.
public struct TrendExtractor: Extractor {
    public static let type = "trend"
    public static let summary = "change, change in percent and running total along an ordered column"
    public static let options: [OptionSpec] = [
        OptionSpec("input", .reference, required: true, doc: "the table", example: "admissions_by_year"),
        OptionSpec("value", .string, required: true, doc: "the numeric column", example: "admitted"),
        OptionSpec("by", .string, required: true, doc: "the column that orders the rows", example: "period"),
    ]

    private let options: PluginOptions

    public init(options: PluginOptions) throws { self.options = options }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        let table = try options.table("input", in: inputs)
        let valueIndex = try table.requireColumn(options.string("value") ?? "", for: options, option: "value")
        let byIndex = try table.requireColumn(options.string("by") ?? "", for: options, option: "by")
        let valueType = table.columns[valueIndex].type
        guard valueType.isNumeric else {
            throw options.error("the value column '\(table.columns[valueIndex].name)' must hold numbers, but it is \(valueType.rawValue)", at: "value")
        }
        var result = Table(columns: table.columns + [Column("change", valueType), Column("change_pct", .decimal, percent: true), Column("cumulative", valueType)])
        var previous = Value.null
        var cumulative = Value.int(0)
        for row in RowOrder.sorted(table.rows, by: [byIndex], descending: false) {
            // A row without a value (a bucket without data) has no change, no running total,
            // and is no base for the next row's change: nothing is invented from a gap.
            let value = row[valueIndex]
            let change = Value.subtract(value, previous)
            let percent = Value.multiply(Value.divide(change, previous), .int(100))
            if !value.isNull { cumulative = Value.add(cumulative, value) }
            result.rows.append(row + [change, percent, value.isNull ? .null : cumulative])
            previous = value
        }
        return result
    }
}
