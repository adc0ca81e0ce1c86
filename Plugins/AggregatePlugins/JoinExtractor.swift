import Foundation
import ReportKit

/// Rows of two tables matched on columns of the same name. The result has the left table's
/// columns, then the right one's other columns (renamed `<with>_<name>` where a name clashes).
public struct JoinExtractor: Extractor {
    public static let type = "join"
    public static let summary = "rows of two tables matched on shared columns (inner or left)"
    public static let options: [OptionSpec] = [
        OptionSpec("input", .reference, required: true, doc: "the left table", example: "admissions_by_ward"),
        OptionSpec("with", .reference, required: true, doc: "the right table", example: "ward_targets"),
        OptionSpec("on", .list(.string),
                   doc: "the columns both tables share; without it the right table must have one row, which every left row gets (a figure of another period beside this one's)",
                   example: "[ward]"),
        OptionSpec("kind", .choice(["inner", "left"]), default: .string("inner"),
                   doc: "inner keeps matched rows; left keeps every left row"),
    ]

    private let options: PluginOptions

    public init(options: PluginOptions) throws { self.options = options }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        let left = try options.table("input", in: inputs), right = try options.table("with", in: inputs)
        let rightID = options.string("with") ?? "right"
        var leftKeys: [Int] = [], rightKeys: [Int] = []
        for node in options.list("on") {
            let name = node.scalarText ?? ""
            let l = try left.requireColumn(name, for: options, option: "on", at: node.location)
            guard let r = right.columnIndex(named: name) else {
                throw Diagnostic("the table '\(rightID)' has no column '\(name)'" + Suggestion.hint(for: name, in: right.columnNames), at: node.location)
            }
            let types = (left.columns[l].type, right.columns[r].type)
            if types.0 != types.1, !(types.0.isNumeric && types.1.isNumeric) {
                throw Diagnostic("'\(name)' is \(types.0.rawValue) on the left and \(types.1.rawValue) on the right", at: node.location)
            }
            leftKeys.append(l)
            rightKeys.append(r)
        }
        if !options.has("on"), right.rows.count > 1 {
            throw options.error("without 'on', '\(rightID)' must have one row to give every row of '\(options.string("input") ?? "")', but it has \(right.rows.count); name the columns to match with 'on'",
                                at: "with")
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
        let keepUnmatched = options.string("kind") == "left"
        var rows: [[Value]] = []
        var matched = 0
        for row in left.rows {
            let hasNullKey = leftKeys.contains { row[$0].isNull }
            let matches = hasNullKey ? [] : index[leftKeys.map { Self.normalized(row[$0]) }] ?? []
            if !matches.isEmpty { matched += 1 }
            if matches.isEmpty, keepUnmatched { rows.append(row + rightRest.map { _ in .null }) }
            for match in matches { rows.append(row + rightRest.map { right.rows[match][$0] }) }
        }
        if matched == 0, options.has("on"), !left.rows.isEmpty, !right.rows.isEmpty {
            let example = { (table: Table, keys: [Int]) in
                table.rows.first.map { row in keys.map { "'\(row[$0].plainText)'" }.joined(separator: ", ") } ?? ""
            }
            context.warn("no row of '\(options.string("input") ?? "")' matches a row of '\(rightID)' on "
                         + options.list("on").compactMap(\.scalarText).joined(separator: ", ")
                         + " (the left has \(example(left, leftKeys)), the right \(example(right, rightKeys)))",
                         at: options.location(of: "on"))
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
