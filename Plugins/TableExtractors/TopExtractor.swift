import ReportKit

/// The first rows by a column: the largest by default ("top 5 wards by admissions"). Rows
/// whose column is null are not ranked.
public struct TopExtractor: Extractor {
    public static let type = "top"
    public static let summary = "the first rows by a column, largest first"

    public struct Options: PluginOptions {
        @Option(doc: "the table", example: "ward_totals")
        var input: TableReference
        @InputColumn(doc: "the column to rank by", example: "admitted")
        var by: ColumnName
        @Option(doc: "how many rows", example: "5")
        var limit: Int
        @Option(doc: "largest first; false for the smallest")
        var descending = true

        public init() {}
    }

    private let options: Options
    private let limit: Int

    public init(options: Options, setup: PluginSetup) throws {
        self.options = options
        limit = options.limit
        if limit < 1 { throw options.$limit.mustBe("at least 1", not: String(limit)) }
    }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        let table = try options.input.table(in: inputs)
        let key = try options.by.index(in: table)
        var top = table
        // A row without a value (a bucket without data) ranks nowhere, best or worst.
        let ranked = table.rows.filter { !$0[key].isNull }
        top.rows = Array(RowOrder.sorted(ranked, by: [key], descending: options.descending).prefix(limit))
        return top
    }
}
