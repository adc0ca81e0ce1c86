import ReportKit

/// A cross table: one row per value of `rows`, one column per value of `columns`, cells the
/// sum (or other aggregate) of `value`; `total` adds a total row and column. A null row or
/// column value is shown as `(blank)`, as spreadsheets' pivot tables do.
public struct PivotExtractor: Extractor {
    public static let type = "pivot"
    public static let summary = "a cross table of one column by another, with optional totals"
    public static let options: [OptionSpec] = [
        OptionSpec("input", .reference, required: true, doc: "the table", example: "admissions"),
        OptionSpec("rows", .string, required: true, doc: "the column whose values become rows", example: "ward"),
        OptionSpec("columns", .string, required: true, doc: "the column whose values become columns", example: "year"),
        OptionSpec("value", .string, required: true, doc: "the column aggregated in each cell", example: "admitted"),
        OptionSpec("aggregate", .choice(["sum", "count", "avg", "min", "max"]), default: .string("sum"),
                   doc: "how the values of a cell combine"),
        OptionSpec("total", .boolean, default: .bool(false), doc: "add a total row and a total column (sums)"),
    ]

    private let options: PluginOptions

    public init(options: PluginOptions) throws { self.options = options }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        let table = try options.table("input", in: inputs)
        let rowIndex = try table.requireColumn(options.string("rows") ?? "", for: options, option: "rows")
        let columnIndex = try table.requireColumn(options.string("columns") ?? "", for: options, option: "columns")
        let valueIndex = try table.requireColumn(options.string("value") ?? "", for: options, option: "value")
        let function = AggregateFunction(rawValue: options.string("aggregate") ?? "sum") ?? .sum
        let valueType = table.columns[valueIndex].type
        if function != .count, !valueType.isNumeric, function == .sum || function == .avg {
            throw options.error("\(function.rawValue) needs numbers, but '\(table.columns[valueIndex].name)' is \(valueType.rawValue)", at: "value")
        }
        let rowKeys = Self.distinct(table.rows.map { $0[rowIndex] })
        let columnKeys = Self.distinct(table.rows.map { $0[columnIndex] })
        var cells: [Value: [Value: AggregateState]] = [:]
        for row in table.rows {
            var state = cells[row[rowIndex], default: [:]][row[columnIndex]] ?? AggregateState(function, decimalArgument: valueType == .decimal)
            state.add(row[valueIndex])
            cells[row[rowIndex], default: [:]][row[columnIndex]] = state
        }
        let cellType = function.resultType(valueType) ?? .decimal
        let total = options.bool("total") ?? false
        let rowColumn = table.columns[rowIndex]
        var columns = [total ? Column(rowColumn.name, .string) : rowColumn]
        // Documents write a date or period header in the locale (`Q1 2001`, not `2001-Q1`).
        columns += columnKeys.map { key in
            let isDated = if case .date = key { true } else if case .period = key { true } else { false }
            return Column(key.isNull ? "(blank)" : key.plainText, cellType, heading: isDated ? key : nil)
        }
        let formatter = ValueFormatter(locale: context.locale)
        var rows: [[Value]] = rowKeys.map { key in
            let label = total ? Value.string(key.isNull ? "(blank)" : formatter.string(for: key, in: rowColumn)) : key
            return [label] + columnKeys.map { cells[key]?[$0]?.result ?? .null }
        }
        if total {
            let word = ReportWords(locale: context.locale).total
            columns.append(Column(word, cellType))
            rows = rows.map { $0 + [$0.dropFirst().reduce(Value.int(0)) { $1.isNull ? $0 : Value.add($0, $1) }] }
            let sums = (1..<columns.count).map { column in rows.reduce(Value.int(0)) { $1[column].isNull ? $0 : Value.add($0, $1[column]) } }
            rows.append([.string(word)] + sums)
        }
        return Table(columns: columns, rows: rows)
    }

    private static func distinct(_ values: [Value]) -> [Value] {
        Array(Set(values)).sorted(by: Value.sortsBefore)
    }
}
