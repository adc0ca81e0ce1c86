import ReportKit

/// The first rows by a column: the largest by default ("top 5 wards by admissions"). Rows
/// whose column is null are not ranked.
public struct TopExtractor: Extractor {
    public static let type = "top"
    public static let summary = "the first rows by a column, largest first"
    public static let options: [OptionSpec] = [
        OptionSpec("input", .reference, required: true, doc: "the table", example: "ward_totals"),
        OptionSpec("by", .string, required: true, doc: "the column to rank by", example: "admitted"),
        OptionSpec("limit", .integer, required: true, doc: "how many rows", example: "5"),
        OptionSpec("descending", .boolean, default: .bool(true), doc: "largest first; false for the smallest"),
    ]

    private let options: PluginOptions
    private let limit: Int

    public init(options: PluginOptions) throws {
        self.options = options
        limit = options.int("limit") ?? 0
        if limit < 1 { throw options.error("the limit must be at least 1, not \(limit)", at: "limit") }
    }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        let table = try options.table("input", in: inputs)
        let key = try table.requireColumn(options.string("by") ?? "", for: options, option: "by")
        var top = table
        // A row without a value (a bucket without data) ranks nowhere, best or worst.
        let ranked = table.rows.filter { !$0[key].isNull }
        top.rows = Array(RowOrder.sorted(ranked, by: [key], descending: options.bool("descending") ?? true).prefix(limit))
        return top
    }
}
