import ReportKit

/// The example extractor of the README: adds `rank`, each row's place by a numeric column:
/// 1 for the largest (the smallest with `descending: false`); equal values share a place and
/// the next place skips, as in sport (1, 2, 2, 4). A row without a value has no place.
public struct RankExtractor: Extractor {
    public static let type = "rank"
    public static let summary = "each row's place by a numeric column: 1, 2, 2, 4"

    public struct Options: PluginOptions {
        @Option(doc: "the table", example: "sales_by_region")
        var input: TableReference
        @InputColumn(holding: .number, doc: "the column to rank by", example: "revenue")
        var by: ColumnName
        @Option(doc: "1 for the largest; false: 1 for the smallest")
        var descending = true
        @Option(doc: "the name of the new column")
        var `as` = "rank"

        public init() {}
    }

    private let options: Options

    public init(options: Options, setup: PluginSetup) {
        self.options = options
    }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        var table = try options.input.table(in: inputs)
        let by = try options.by.index(in: table)
        // Best first; a row's place is one more than the number of values better than its own.
        let ordered = table.rows.map { $0[by] }.filter { !$0.isNull }.sorted { better($0, than: $1) }
        table.addColumn(Column(options.as, .int)) { row in
            guard !row[by].isNull else { return .null }
            var low = 0, high = ordered.count
            while low < high {
                let middle = (low + high) / 2
                if better(ordered[middle], than: row[by]) { low = middle + 1 } else { high = middle }
            }
            return .int(low + 1)
        }
        return table
    }

    private func better(_ a: Value, than b: Value) -> Bool {
        options.descending ? Value.sortsBefore(b, a) : Value.sortsBefore(a, b)
    }
}
