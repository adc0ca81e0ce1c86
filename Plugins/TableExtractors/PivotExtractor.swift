import ReportKit

/// A cross table: one row per value of `rows`, one column per value of `columns`, cells the
/// sum (or other aggregate) of `value`; `total` adds a total row and column, each the same
/// aggregate over all the rows it covers. A null column value is named `(blank)`, as
/// spreadsheets' pivot tables do. It streams: only a state per cell is kept.
public struct PivotExtractor: StreamingExtractor {
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

    public var streamedInput: String { options.input.id }

    public func makeConsumer(columns: [Column], context: RunContext) throws -> any RowConsumer {
        let table = Table(columns: columns)
        let rowIndex = try options.rows.index(in: table)
        let columnIndex = try options.columns.index(in: table)
        let valueIndex = try options.value.index(in: table)
        let function = AggregateFunction(rawValue: options.aggregate.rawValue) ?? .sum
        let valueType = columns[valueIndex].type
        if !valueType.isNumeric, function == .sum || function == .avg {
            throw PluginProblem.wrongType(of: columns[valueIndex], for: "\(function.rawValue)()", needs: "a number",
                                          at: options.value.location)
        }
        func key(_ index: Int) -> CompiledExpression {
            var key = CompiledExpression(type: columns[index].type) { $0[index] }
            key.columns = [index]
            return key
        }
        let judge = RecordJudge(width: columns.count, conditionParts: [], keys: [key(rowIndex), key(columnIndex)], periodKeys: [],
                                argumentColumns: [valueIndex], watch: nil)
        return Consumer(input: columns, rowIndex: rowIndex, columnIndex: columnIndex, valueIndex: valueIndex,
                        fresh: AggregateState(function, decimalArgument: valueType == .decimal),
                        cellType: function.resultType(valueType) ?? .decimal, total: options.total,
                        totalWord: ReportWords(locale: context.locale).total, judge: judge)
    }

    /// The state of each cell, by the numbers of its row and column values (as ``RecordJudge``
    /// numbers them, from records and rows alike).
    private struct Consumer: RawRecordConsumer {
        let input: [Column]
        let rowIndex: Int, columnIndex: Int, valueIndex: Int
        let fresh: AggregateState
        let cellType: ColumnType
        let total: Bool
        let totalWord: String
        var judge: RecordJudge
        private var cells = GroupIndex(width: 2)
        /// Per entry of `cells`, its row and column values and its state.
        private var keys: [(row: Value, column: Value)] = []
        private var states: [AggregateState] = []
        /// With `total`: the states of each row value and column value, by number, and of all.
        private var totals: [[(key: Value, state: AggregateState)]] = [[], []]
        private var grandTotal: AggregateState

        init(input: [Column], rowIndex: Int, columnIndex: Int, valueIndex: Int, fresh: AggregateState, cellType: ColumnType,
             total: Bool, totalWord: String, judge: RecordJudge) {
            (self.input, self.rowIndex, self.columnIndex, self.valueIndex) = (input, rowIndex, columnIndex, valueIndex)
            (self.fresh, self.cellType, self.total, self.totalWord, self.judge) = (fresh, cellType, total, totalWord, judge)
            grandTotal = fresh
        }

        var neededColumns: Set<Int>? { [rowIndex, columnIndex, valueIndex] }
        var lookedUpColumns: [Int] { judge.lookedUpColumns }

        mutating func consume(_ row: Row) throws {
            // Numbered as records number them: a source may hand some records as rows.
            let ids = [judge.keyNumber(0, of: row[rowIndex]), judge.keyNumber(1, of: row[columnIndex])]
            let (entry, isNew) = cells.entry(of: ids)
            if isNew { addCell((row[rowIndex], row[columnIndex])) }
            add(row[valueIndex], to: entry, ids: ids)
        }

        mutating func consume(_ record: RawRecord, decoder: RawFieldDecoder) throws {
            _ = try judge.judge(record, decoder: decoder)
            let ids = judge.ids
            let (entry, isNew) = cells.entry(of: ids)
            if isNew { addCell((judge.keyValue(0, ids[0]), judge.keyValue(1, ids[1]))) }
            add(judge.row[valueIndex], to: entry, ids: ids)
        }

        private mutating func addCell(_ key: (row: Value, column: Value)) {
            keys.append(key)
            states.append(fresh)
        }

        @inline(__always)
        private mutating func add(_ value: Value, to entry: Int, ids: [Int32]) {
            states[entry].add(value)
            guard total else { return }
            for position in 0..<2 {
                let number = Int(ids[position])
                if number == totals[position].count {
                    totals[position].append((position == 0 ? keys[entry].row : keys[entry].column, fresh))
                }
                totals[position][number].state.add(value)
            }
            grandTotal.add(value)
        }

        var canMerge: Bool { true }

        mutating func merge(_ later: any RowConsumer) throws {
            guard let later = later as? Consumer else { throw Diagnostic("internal: merging different consumers", at: nil) }
            var mine = Dictionary(uniqueKeysWithValues: keys.indices.map { ([keys[$0].row, keys[$0].column], $0) })
            for (index, key) in later.keys.enumerated() {
                if let entry = mine[[key.row, key.column]] {
                    states[entry].merge(later.states[index])
                } else {
                    mine[[key.row, key.column]] = keys.count
                    keys.append(key)
                    states.append(later.states[index])
                }
            }
            for position in 0..<2 {
                var mine = Dictionary(uniqueKeysWithValues: totals[position].indices.map { (totals[position][$0].key, $0) })
                for (key, state) in later.totals[position] {
                    if let index = mine[key] {
                        totals[position][index].state.merge(state)
                    } else {
                        mine[key] = totals[position].count
                        totals[position].append((key, state))
                    }
                }
            }
            grandTotal.merge(later.grandTotal)
            judge.merge(later.judge)
        }

        /// Every cell, and with `total` every row's, column's and the grand total, is the
        /// aggregate over its rows: a total of averages is the average of all the rows, as a
        /// spreadsheet's pivot table has it, never a sum of averages.
        mutating func finish() throws -> Table {
            let rowKeys = Array(Set(keys.map(\.row))).sorted(by: Value.sortsBefore)
            let columnKeys = Array(Set(keys.map(\.column))).sorted(by: Value.sortsBefore)
            var cellStates: [Value: [Value: AggregateState]] = [:]
            for (index, key) in keys.enumerated() { cellStates[key.row, default: [:]][key.column] = states[index] }
            let rowTotals = Dictionary(totals[0].map { ($0.key, $0.state) }) { first, _ in first }
            let columnTotals = Dictionary(totals[1].map { ($0.key, $0.state) }) { first, _ in first }
            // Row labels keep their type, so that machine outputs write them as values (`3675`,
            // `1854-04-01`), not in the locale; the total row's label is the one text among them.
            var columns = [input[rowIndex]]
            // Documents write a date or period header in the locale (`Q1 2001`, not `2001-Q1`).
            columns += columnKeys.map { key in
                let isDated = if case .date = key { true } else if case .period = key { true } else { false }
                return Column(key.isNull ? "(blank)" : key.plainText, cellType, heading: isDated ? key : nil)
            }
            var rows: [[Value]] = rowKeys.map { key in
                [key] + columnKeys.map { cellStates[key]?[$0]?.result ?? .null }
            }
            if total {
                columns.append(Column(totalWord, cellType))
                for index in rows.indices { rows[index].append(rowTotals[rowKeys[index]]?.result ?? .null) }
                rows.append([.string(totalWord)] + columnKeys.map { columnTotals[$0]?.result ?? .null } + [grandTotal.result])
            }
            return Table(columns: columns, rows: rows)
        }
    }
}
