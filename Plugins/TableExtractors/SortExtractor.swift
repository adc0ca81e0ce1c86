import ReportKit

/// The rows in the order of one or more columns (stable: equal rows keep their order; nulls last).
public struct SortExtractor: Extractor {
    public static let type = "sort"
    public static let summary = "the rows ordered by one or more columns"

    public struct Options: PluginOptions {
        @Option(doc: "the table", example: "wards")
        var input: TableReference
        @InputColumn(doc: "column or columns to order by", example: "[year, ward]")
        var by: [ColumnName]
        @Option(doc: "largest first")
        var descending = false

        public init() {}
    }

    private let options: Options

    public init(options: Options, setup: PluginSetup) { self.options = options }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        let table = try options.input.table(in: inputs)
        let keys = try options.by.map { try $0.index(in: table) }
        var sorted = table
        sorted.rows = RowOrder.sorted(table.rows, by: keys, descending: options.descending)
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
