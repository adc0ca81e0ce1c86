import Foundation

/// What `reportgen explain` prints of a figure: its value, the chain of steps that made it
/// (each with its place in the recipe and its options as written), the rows each step read,
/// the source files with size and SHA-256, the period; and with `rows`, the source rows that
/// make it, each with its file and line, and their total where the figure is a sum or a count.
public struct Explanation {
    public let recipe: Recipe
    public let report: Report

    public init(recipe: Recipe, report: Report) {
        self.recipe = recipe
        self.report = report
    }

    /// `target` is `TABLE` or `TABLE.COLUMN`; `selecting` picks a row (column -> value).
    public func text(target: String?, selecting: [String: String], rows trace: RowTrace?) throws -> String {
        guard let target else { return overview() }
        let parts = target.split(separator: ".", maxSplits: 1).map(String.init)
        let id = parts[0], column = parts.count > 1 ? parts[1] : nil
        let known = report.tables.map(\.id)
        guard let table = report.table(id), let lineage = report.lineage[id] else {
            throw Diagnostic("there is no table '\(id)'" + Suggestion.hint(for: id, in: known), at: nil)
        }
        if let column, table.columnIndex(named: column) == nil {
            throw Diagnostic("the table '\(id)' has no column '\(column)'" + Suggestion.hint(for: column, in: table.columnNames), at: nil)
        }
        var lines: [String] = []
        lines += figure(id: id, column: column, table: table, selecting: selecting)
        lines.append("")
        lines += chain(from: lineage, column: column)
        if let period = report.period {
            lines.append("period \(ValueFormatter(locale: report.locale).label(for: period)): \(period.start) to \(period.end), every \(period.every.rawValue)")
        }
        if let trace { lines += rows(trace) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every table, a line each: what made it, from what, how many rows.
    private func overview() -> String {
        let lines = report.tables.map { named -> String in
            guard let lineage = report.lineage[named.id] else { return named.id }
            let from = lineage.reads.map(\.input) + lineage.files.map(\.path)
            return "\(named.id): \(lineage.type) \(lineage.kind.rawValue) at \(lineage.location), \(lineage.rowCount) row\(lineage.rowCount == 1 ? "" : "s")"
                + (from.isEmpty ? "" : ", from " + from.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The figure's value: one row's, or the rows `selecting` picks.
    private func figure(id: String, column: String?, table: Table, selecting: [String: String]) -> [String] {
        let picked = table.rows.indices.filter { row in
            selecting.allSatisfy { name, text in table.columnIndex(named: name).map { table.rows[row][$0].plainText == text } ?? true }
        }
        let where_ = selecting.isEmpty ? "" : " where " + selecting.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")
        guard let column, let index = table.columnIndex(named: column) else {
            return ["\(id)\(where_): \(picked.count) of \(table.rows.count) row\(table.rows.count == 1 ? "" : "s")"]
        }
        return picked.prefix(20).map { "\(id).\(column)\(where_) = \(table.rows[$0][index].plainText)" }
            + (picked.count > 20 ? ["... and \(picked.count - 20) more rows"] : [])
    }

    /// The steps from the figure's table down to its sources, each once.
    private func chain(from lineage: TableLineage, column: String?) -> [String] {
        var lines: [String] = [], stack = [lineage], seen: Set<String> = []
        while let step = stack.popLast() {
            guard seen.insert(step.id).inserted else { continue }
            lines.append("\(step.type) \(step.kind.rawValue) '\(step.id)' at \(step.location)")
            for option in step.options {
                if option.entries.isEmpty || option.key != "measures" && option.key != "columns" {
                    lines.append("    \(option.key): \(option.text)    (\(option.location))")
                } else {
                    for entry in option.entries where column == nil || step.id != lineage.id || entry.key == column {
                        lines.append("    \(option.key).\(entry.key): \(entry.text)    (\(entry.location))")
                    }
                }
            }
            for read in step.reads {
                lines.append("    read \(read.rowsRead) of \(read.rowsOffered) rows of '\(read.input)'" + (read.span.map { ", \($0)" } ?? ""))
            }
            for file in step.files {
                lines.append("    file \(file.path), \(file.size) bytes" + (file.sha256.isEmpty ? "" : ", sha256 \(file.sha256)"))
            }
            if let dated = step.datedBy {
                lines.append("    dated by '\(dated)'" + (step.dataSpan.map { ", its rows from \($0.lowerBound) to \($0.upperBound)" } ?? ""))
            }
            if let query = step.query { lines.append("    ran in the database: \(query)") }
            lines.append("    \(step.rowCount) row\(step.rowCount == 1 ? "" : "s")")
            for read in step.reads.reversed() { if let input = report.lineage[read.input] { stack.append(input) } }
        }
        return lines
    }

    /// A cell as `explain` lists it: quoted when it holds a space or a quote (`'Nhật Tân'`).
    static func cell(_ value: Value) -> String {
        let text = value.plainText
        guard text.contains(where: { $0 == " " || $0 == "'" || $0 == "=" }) || text.isEmpty else { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The source rows, each with its place, and the totals of their numeric columns, against
    /// which a sum or a count can be checked by hand.
    private func rows(_ trace: RowTrace) -> [String] {
        var lines = ["", "\(trace.rows.count) source row\(trace.rows.count == 1 ? "" : "s") make it (through \(trace.path.joined(separator: " <- "))):"]
        let names = trace.columns.map(\.name)
        for (row, origin) in zip(trace.rows, trace.origins) {
            lines.append("  \(origin)  " + zip(names, row).map { "\($0)=\(Self.cell($1))" }.joined(separator: " "))
        }
        for (index, name) in names.enumerated() where trace.columns[index].type.isNumeric && !trace.columns[index].isPlain {
            let total = trace.rows.reduce(Value.null) { sum, row in row[index].isNull ? sum : sum.isNull ? row[index] : Value.add(sum, row[index]) }
            lines.append("  sum of \(name): \(total.plainText)")
        }
        return lines
    }
}
