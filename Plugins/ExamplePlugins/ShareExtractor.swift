import ReportKit

/// The example plugin of the README's "Adding a plugin": adds `share`, each row's part of the
/// column's total in percent (exact; rounded only when written). Rows with a null value get
/// a null share; when the total is zero, every share is null.
public struct ShareExtractor: Extractor {
    public static let type = "share"
    public static let summary = "each row's share of a column's total, in percent"

    public struct Options: PluginOptions {
        @Option(doc: "the table", example: "revenue_by_region")
        var input: TableReference
        @InputColumn(holding: .number, doc: "the numeric column to share out", example: "revenue")
        var value: ColumnName
        @Option(doc: "the name of the new column")
        var `as` = "share"

        public init() {}
    }

    private let options: Options

    public init(options: Options, setup: PluginSetup) {
        self.options = options
    }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        var table = try options.input.table(in: inputs)
        let value = try options.value.index(in: table)
        let total = table.rows.reduce(Value.int(0)) { $1[value].isNull ? $0 : Value.add($0, $1[value]) }
        table.addColumn(Column(options.as, .decimal, percent: true)) { row in
            Value.multiply(Value.divide(row[value], total), .int(100))
        }
        return table
    }
}
