import ReportKit

/// The rows in the order of one or more columns (stable: equal rows keep their order; nulls last).
public struct SortExtractor: Extractor {
    public static let type = "sort"
    public static let summary = "the rows ordered by one or more columns"
    public static let options: [OptionSpec] = [
        OptionSpec("input", .reference, required: true, doc: "the table", example: "wards"),
        OptionSpec("by", .list(.string), required: true, doc: "column or columns to order by", example: "[year, ward]"),
        OptionSpec("descending", .boolean, default: .bool(false), doc: "largest first"),
    ]

    private let options: PluginOptions

    public init(options: PluginOptions) throws { self.options = options }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        let table = try options.table("input", in: inputs)
        let keys = try options.list("by").map { node in
            try table.requireColumn(node.scalarText ?? "", for: options, option: "by", at: node.location)
        }
        var sorted = table
        sorted.rows = RowOrder.sorted(table.rows, by: keys, descending: options.bool("descending") ?? false)
        return sorted
    }
}

/// Stable ordering of rows by columns.
enum RowOrder {
    static func sorted(_ rows: [[Value]], by keys: [Int], descending: Bool) -> [[Value]] {
        rows.enumerated().sorted { a, b in
            for key in keys {
                let x = a.element[key], y = b.element[key]
                if x.isNull != y.isNull { return y.isNull }
                if Value.sortsBefore(x, y) { return !descending }
                if Value.sortsBefore(y, x) { return descending }
            }
            return a.offset < b.offset
        }.map(\.element)
    }
}
