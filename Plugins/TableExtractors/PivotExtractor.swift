import ReportKit

/// A cross table: one row per value of `rows`, one column per value of `columns`, cells the
/// sum (or other aggregate) of `value`; `total` adds a total row and column, each the same
/// aggregate over all the rows it covers. A null column value is named `(blank)`, as
/// spreadsheets' pivot tables do.
public struct PivotExtractor: Extractor {
    public static let type = "pivot"
    public static let summary = "a cross table of one column by another, with optional totals"

    public struct Options: PluginOptions {
        @Option(doc: "the table", example: "admissions")
        var input: TableReference
        @InputColumn(doc: "the column whose values become rows", example: "ward")
        var rows: ColumnName
        @InputColumn(doc: "the column whose values become columns", example: "year")
        var columns: ColumnName
        @InputColumn(doc: "the column aggregated in each cell", example: "admitted")
        var value: ColumnName
        @Option(doc: "how the values of a cell combine")
        var aggregate = Aggregate.sum
        @Option(doc: "add a total row and a total column: the aggregate over all the rows of each row, column and the whole table")
        var total = false

        public init() {}
    }

    enum Aggregate: String, OptionChoice {
        case sum, count, avg, min, max
    }

    private let options: Options

    public init(options: Options, setup: PluginSetup) { self.options = options }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        let table = try options.input.table(in: inputs)
        let rowIndex = try options.rows.index(in: table)
        let columnIndex = try options.columns.index(in: table)
        let valueIndex = try options.value.index(in: table)
        let function = AggregateFunction(rawValue: options.aggregate.rawValue) ?? .sum
        let valueType = table.columns[valueIndex].type
        if !valueType.isNumeric, function == .sum || function == .avg {
            throw PluginProblem.wrongType(of: table.columns[valueIndex], for: "\(function.rawValue)()", needs: "a number",
                                          at: options.value.location)
        }
        let rowKeys = Self.distinct(table.rows.map { $0[rowIndex] })
        let columnKeys = Self.distinct(table.rows.map { $0[columnIndex] })
        let total = options.total
        // Every cell, and with `total` every row's, column's and the grand total, is the
        // aggregate over its rows: a total of averages is the average of all the rows, as a
        // spreadsheet's pivot table has it, never a sum of averages.
        let fresh = AggregateState(function, decimalArgument: valueType == .decimal)
        var cells: [Value: [Value: AggregateState]] = [:]
        var rowTotals: [Value: AggregateState] = [:], columnTotals: [Value: AggregateState] = [:]
        var grandTotal = fresh
        for row in table.rows {
            let rowKey = row[rowIndex], columnKey = row[columnIndex], value = row[valueIndex]
            cells[rowKey, default: [:]][columnKey, default: fresh].add(value)
            if total {
                rowTotals[rowKey, default: fresh].add(value)
                columnTotals[columnKey, default: fresh].add(value)
                grandTotal.add(value)
            }
        }
        let cellType = function.resultType(valueType) ?? .decimal
        // Row labels keep their type, so that machine outputs write them as values (`3675`,
        // `1854-04-01`), not in the locale; the total row's label is the one text among them.
        var columns = [table.columns[rowIndex]]
        // Documents write a date or period header in the locale (`Q1 2001`, not `2001-Q1`).
        columns += columnKeys.map { key in
            let isDated = if case .date = key { true } else if case .period = key { true } else { false }
            return Column(key.isNull ? "(blank)" : key.plainText, cellType, heading: isDated ? key : nil)
        }
        var rows: [[Value]] = rowKeys.map { key in
            [key] + columnKeys.map { cells[key]?[$0]?.result ?? .null }
        }
        if total {
            let word = ReportWords(locale: context.locale).total
            columns.append(Column(word, cellType))
            for index in rows.indices { rows[index].append(rowTotals[rowKeys[index]]?.result ?? .null) }
            rows.append([.string(word)] + columnKeys.map { columnTotals[$0]?.result ?? .null } + [grandTotal.result])
        }
        return Table(columns: columns, rows: rows)
    }

    private static func distinct(_ values: [Value]) -> [Value] {
        Array(Set(values)).sorted(by: Value.sortsBefore)
    }
}
