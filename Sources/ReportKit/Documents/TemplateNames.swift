/// Checks the names a template uses against the tables a run computed, so that a misspelt
/// column shows as an error instead of an empty place in the report. Mustache renders an
/// unknown name as nothing; a review that silently says "đã kết nạp được  đảng viên" is worse
/// than no review.
public struct TemplateNames {
    /// Each table's columns, by id.
    public var columns: [String: [String]]
    /// Each table's number of rows, by id: `{{id.column}}` needs exactly one.
    public var rowCounts: [String: Int]
    public var params: [String]
    public var hasPeriod: Bool

    static let periodWords = ["label", "start", "end"]

    public init(report: Report) {
        columns = Dictionary(report.tables.map { ($0.id, $0.table.columnNames) }) { first, _ in first }
        rowCounts = Dictionary(report.tables.map { ($0.id, $0.table.rows.count) }) { first, _ in first }
        params = report.params.map(\.name)
        hasPeriod = report.period != nil
    }

    /// The errors of the template at `node`: names that no table, column, param or period
    /// word answers, where they are written.
    public func check(_ node: YAMLNode) -> [Diagnostic] {
        guard let text = node.scalarText else { return [] }
        let place = TemplatePlace(node)
        var sections: [String] = []
        var diagnostics: [Diagnostic] = []
        for tag in ReportTemplate.tags(in: text) {
            let name = String(tag.name)
            switch tag.sigil {
            case "/": _ = sections.popLast(); continue
            case "!", ">": continue
            default: break
            }
            let offset = text.distance(from: text.startIndex, to: tag.range.lowerBound)
            // Helpers are checked when the recipe loads (``ReportTemplate/check(_:knownIDs:)``).
            let plain = TemplateHelpers.split(name)?.name ?? name
            if let problem = self.problem(with: plain, inside: sections) {
                diagnostics.append(Diagnostic("the template names '\(plain)', but \(problem)",
                                              at: place.location(offset: offset)))
            }
            if tag.sigil == "#" || tag.sigil == "^" { sections.append(plain) }
        }
        return diagnostics
    }

    /// Why `name` finds nothing, or `nil` when it finds a value. Inside `{{#id}}` sections the
    /// row's columns come first, as Mustache looks names up.
    private func problem(with name: String, inside sections: [String]) -> String? {
        if name == "." || name.isEmpty { return nil }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let head = parts[0], rest = parts.dropFirst()
        let rowColumns = sections.flatMap { columns[$0] ?? [] }
        if rowColumns.contains(head) { return nil }
        switch head {
        case "params":
            guard let param = rest.first else { return nil }
            return params.contains(param) && rest.count == 1 ? nil
                : "the recipe has no param '\(rest.joined(separator: "."))'" + Suggestion.hint(for: param, in: params)
        case "period":
            guard hasPeriod else { return "the recipe has no period" }
            let words = rest.first == "previous" || rest.first == "previous_year" ? Array(rest.dropFirst()) : Array(rest)
            return words.isEmpty || (words.count == 1 && Self.periodWords.contains(words[0])) ? nil
                : "a period has only label, start, end, and the same of previous (the period before) and previous_year (a year earlier)"
        default:
            break
        }
        guard let tableColumns = columns[head] else {
            let known = rowColumns + columns.keys.sorted() + ["params", "period"]
            return sections.isEmpty ? "there is no table '\(head)'" + Suggestion.hint(for: head, in: known)
                : "it is neither a column of \(sections.map { "'\($0)'" }.joined(separator: ", ")) nor a table"
                    + Suggestion.hint(for: head, in: known)
        }
        guard let column = rest.first else { return nil }
        guard rest.count == 1, tableColumns.contains(column) else {
            return "the table '\(head)' has no column '\(rest.joined(separator: "."))'" + Suggestion.hint(for: column, in: tableColumns)
        }
        let rows = rowCounts[head] ?? 0
        // No rows prints nothing, as Mustache does: a period without data is not an error.
        if rows <= 1 || sections.contains(head) { return nil }
        return "'\(head)' has \(rows) rows, and {{\(head).\(column)}} needs one; repeat over them with {{#\(head)}}...{{/\(head)}}"
    }
}
