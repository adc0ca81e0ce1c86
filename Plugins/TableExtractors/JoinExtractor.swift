import Foundation
import ReportKit

/// Rows of two tables matched on columns of the same name. The result has the left table's
/// columns, then the right one's other columns (renamed `<with>_<name>` where a name clashes).
public struct JoinExtractor: Extractor {
    public static let type = "join"
    public static let summary = "rows of two tables matched on shared columns (inner or left)"

    public struct Options: PluginOptions {
        @Option(doc: "the left table", example: "admissions_by_ward")
        var input: TableReference
        @Option(doc: "the right table", example: "ward_targets")
        var with: TableReference
        @InputColumn(of: \Options.input, \Options.with,
                     doc: "the columns both tables share; without it the right table must have one row, which every left row gets (a figure of another period beside this one's)",
                     example: "[ward]")
        var on: [ColumnName]?
        @Option(doc: "inner keeps matched rows; left keeps every left row")
        var kind = Kind.inner

        public init() {}
    }

    enum Kind: String, OptionChoice {
        case inner, left
    }

    private let options: Options

    public init(options: Options, setup: PluginSetup) { self.options = options }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        let left = try options.input.table(in: inputs), right = try options.with.table(in: inputs)
        let rightID = options.with.id
        var leftKeys: [Int] = [], rightKeys: [Int] = []
        for name in options.on ?? [] {
            let l = try name.index(in: left, named: options.input.id), r = try name.index(in: right, named: rightID)
            let types = (left.columns[l].type, right.columns[r].type)
            if types.0 != types.1, !(types.0.isNumeric && types.1.isNumeric) {
                throw Diagnostic("'\(name)' is \(PluginProblem.phrase(types.0)) on the left and \(PluginProblem.phrase(types.1)) on the right", at: name.location)
            }
            leftKeys.append(l)
            rightKeys.append(r)
        }
        if options.on == nil, right.rows.count > 1 {
            throw options.$with.error("without 'on', '\(rightID)' must have one row to give every row of '\(options.input.id)', but it has \(right.rows.count); name the columns to match with 'on'")
        }
        let rightRest = right.columns.indices.filter { !rightKeys.contains($0) }
        var columns = left.columns
        for index in rightRest {
            var column = right.columns[index]
            if left.columnIndex(named: column.name) != nil { column.name = "\(rightID)_\(column.name)" }
            columns.append(column)
        }
        var index: [[Value]: [Int]] = [:]
        for (position, row) in right.rows.enumerated() where !rightKeys.contains(where: { row[$0].isNull }) {
            index[rightKeys.map { Self.normalized(row[$0]) }, default: []].append(position)
        }
        let keepUnmatched = options.kind == .left
        var rows: [[Value]] = []
        var matched = 0
        for row in left.rows {
            let hasNullKey = leftKeys.contains { row[$0].isNull }
            let matches = hasNullKey ? [] : index[leftKeys.map { Self.normalized(row[$0]) }] ?? []
            if !matches.isEmpty { matched += 1 }
            if matches.isEmpty, keepUnmatched { rows.append(row + rightRest.map { _ in .null }) }
            for match in matches { rows.append(row + rightRest.map { right.rows[match][$0] }) }
        }
        if matched == 0, let on = options.on, !left.rows.isEmpty, !right.rows.isEmpty {
            let example = { (table: Table, keys: [Int]) in
                table.rows.first.map { row in keys.map { "'\(row[$0].plainText)'" }.joined(separator: ", ") } ?? ""
            }
            context.warn("no row of '\(options.input.id)' matches a row of '\(rightID)' on "
                         + on.map(\.name).joined(separator: ", ")
                         + " (the left has \(example(left, leftKeys)), the right \(example(right, rightKeys)))",
                         at: options.$on.location)
        }
        return Table(columns: columns, rows: rows)
    }

    /// Keys match by value: `1` and `1.0` are the same key. Rows with a null key match nothing.
    private static func normalized(_ value: Value) -> Value {
        if case .decimal(let number) = value, number == number.rounded(0), let integer = Int(number.description) {
            return .int(integer)
        }
        return value
    }
}
