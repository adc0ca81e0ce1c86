import Foundation

/// Lays a report out as a ``Document``: each `layout` block bound to its table and rendered,
/// or, without a layout, every table the report shows by default under its id.
public struct DocumentBuilder {
    public let report: Report
    public let formatter: ValueFormatter
    /// Whether paragraphs are rendered as HTML (values escaped, `{{{raw}}}` not); everything
    /// else in the document is plain text, which each output escapes as it needs.
    public let html: Bool
    private let context: [String: Any]

    public init(report: Report, formatter: ValueFormatter, html: Bool) {
        self.report = report
        self.formatter = formatter
        self.html = html
        context = TemplateContext.make(report, formatter: formatter, tables: TemplateContext.namedTables(in: report))
    }

    public func build() throws -> Document {
        let title = try render(report.title, at: nil)
        let subtitle = try report.subtitle.map { try render($0, at: nil) }
        var blocks: [DocumentBlock] = []
        if report.layout.isEmpty {
            blocks = try report.documentTables.map { .table(try table($0.table, id: $0.id, title: $0.id, selection: nil)) }
        } else {
            var diagnostics = Diagnostics()
            for node in report.layout {
                if let block = diagnostics.collect({ try self.block(node) }) { blocks += block }
            }
            try diagnostics.throwIfAny()
        }
        let period = (context["period"] as? [String: Any])?["label"] as? String
        return Document(title: title, subtitle: subtitle, language: report.locale.languageCode, periodLabel: period, blocks: blocks)
    }

    private func render(_ text: String, at node: YAMLNode?, asHTML: Bool = false) throws -> String {
        do {
            return try ReportTemplate(text).render(context, html: asHTML)
        } catch {
            throw Diagnostic("template error: \(error)", at: node?.location)
        }
    }

    private func block(_ node: YAMLNode) throws -> [DocumentBlock] {
        if node.scalarText == "page_break" || node["page_break"] != nil { return [.pageBreak] }
        if let heading = node["heading"] {
            let level = node["level"].flatMap { if case .int(let value) = $0.resolved { value } else { nil } } ?? 2
            return [.heading(try render(heading.scalarText ?? "", at: heading), level: min(max(level, 1), 3))]
        }
        if let text = node["text"] {
            let rendered = try render(text.scalarText ?? "", at: text, asHTML: html)
            return rendered.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty }.map(DocumentBlock.paragraph)
        }
        if let id = node["table"]?.scalarText {
            guard let table = report.table(id) else { return [] }
            let title = try node["title"].map { try render($0.scalarText ?? "", at: $0) }
            return [.table(try self.table(table, id: id, title: title, selection: node["columns"]))]
        }
        if let metrics = node["metrics"]?.sequence {
            var diagnostics = Diagnostics()
            let cards = metrics.compactMap { item in diagnostics.collect { try metric(item) } }
            try diagnostics.throwIfAnyAsFound()
            return [.metrics(cards)]
        }
        if let chart = node["chart"] {
            return [.chart(try self.chart(chart))]
        }
        return []
    }

    /// `id`'s table with all its columns under their names, as a document shows a table that
    /// the layout does not place; `nil` for an id that names no table.
    public func table(id: String) throws -> DocumentTable? {
        try report.table(id).map { try table($0, id: id, title: id, selection: nil) }
    }

    /// The table with the columns `selection` names (a list, or a map of column to label), in
    /// its order; all columns when there is none.
    private func table(_ table: Table, id: String, title: String?, selection: YAMLNode?) throws -> DocumentTable {
        var chosen: [(index: Int, label: String)] = table.columns.indices.map { ($0, table.columns[$0].name) }
        if let selection {
            let pairs: [(YAMLNode, String?)] = selection.mapping.map { $0.map { ($0.key, $0.value.scalarText) } }
                ?? (selection.sequence ?? [selection]).map { ($0, nil) }
            chosen = try pairs.map { key, label in
                let name = key.scalarText ?? ""
                guard let index = table.columnIndex(named: name) else {
                    throw Diagnostic("the table '\(id)' has no column '\(name)'" + Suggestion.hint(for: name, in: table.columnNames), at: key.location)
                }
                return (index, try label.map { try render($0, at: key) } ?? name)
            }
        }
        let cells = DocumentValues.rows(table, formatter: formatter)
        return DocumentTable(
            tableID: id,
            title: title,
            columns: chosen.map {
                DocumentTable.Column(label: $0.label, isNumeric: table.columns[$0.index].type.isNumeric, tableColumn: table.columns[$0.index])
            },
            rows: cells.map { row in chosen.map { row[$0.index] } },
            values: table.rows.map { row in chosen.map { row[$0.index] } })
    }

    private func metric(_ node: YAMLNode) throws -> DocumentMetric {
        let label = try render(node["label"]?.scalarText ?? "", at: node["label"])
        let value = try node["value"].map(figure)
        let target = try node["target"].map(figure)
        let status = try node["status"].map(figure)
        return DocumentMetric(label: label, value: value?.text ?? "",
                              target: target.map { "\(ReportWords(locale: formatter.locale).target) \($0.text)" }, status: status?.text,
                              valueCell: value?.value ?? .null, targetCell: target?.value ?? .null)
    }

    /// A metric's figure, written and as a value: `id.column` of a one-row table, `params.x`,
    /// or a literal.
    private func figure(_ node: YAMLNode) throws -> (text: String, value: Value) {
        let expression = try ExpressionParser.parse(ExpressionText(node))
        switch expression.kind {
        case .literal(let value): return (formatter.string(for: value), value)
        case .name(let parts) where parts.count == 2 && parts[0] == "params":
            guard let param = report.params.first(where: { $0.name == parts[1] }) else {
                throw Diagnostic("unknown param '\(parts[1])'" + Suggestion.hint(for: parts[1], in: report.params.map(\.name)), at: node.location)
            }
            return (formatter.string(for: param.value), param.value)
        case .name(let parts) where parts.count == 2:
            guard let table = report.table(parts[0]) else {
                throw Diagnostic("unknown table '\(parts[0])'" + Suggestion.hint(for: parts[0], in: report.tables.map(\.id)), at: node.location)
            }
            guard let column = table.columnIndex(named: parts[1]) else {
                throw Diagnostic("the table '\(parts[0])' has no column '\(parts[1])'" + Suggestion.hint(for: parts[1], in: table.columnNames),
                                 at: node.location)
            }
            // No rows (a period without data) shows a dash; more than one is a recipe's mistake.
            if table.rows.isEmpty { return ("–", .null) }
            guard table.rows.count == 1 else {
                throw Diagnostic("a metric needs one value, but '\(parts[0])' has \(table.rows.count) rows", at: node.location)
            }
            return (DocumentValues.rows(table, formatter: formatter)[0][column], table.rows[0][column])
        default:
            throw Diagnostic("a metric's value is a one-row table's column (id.column), params.NAME or a number", at: node.location)
        }
    }

    private func chart(_ node: YAMLNode) throws -> DocumentChart {
        let id = node["table"]?.scalarText ?? ""
        guard let table = report.table(id) else { throw Diagnostic("unknown table '\(id)'", at: node.location) }
        func column(_ key: YAMLNode) throws -> Int {
            let name = key.scalarText ?? ""
            guard let index = table.columnIndex(named: name) else {
                throw Diagnostic("the table '\(id)' has no column '\(name)'" + Suggestion.hint(for: name, in: table.columnNames), at: key.location)
            }
            return index
        }
        let x = try column(node["x"] ?? node)
        let yNodes = node["y"].map { $0.sequence ?? [$0] } ?? []
        let written = DocumentValues.rows(table, formatter: formatter)
        let series = try yNodes.map { key -> DocumentChart.Series in
            let index = try column(key)
            guard table.columns[index].type.isNumeric else {
                throw Diagnostic("a chart draws numbers, but '\(table.columns[index].name)' is \(ExpressionCompiler.phrase(table.columns[index].type))",
                                 at: key.location)
            }
            return DocumentChart.Series(name: table.columns[index].name,
                                        values: table.rows.map { $0[index].decimalValue?.doubleValue },
                                        labels: written.map { $0[index] }, cells: table.rows.map { $0[index] })
        }
        let labels = table.rows.map { formatter.string(for: $0[x], in: table.columns[x]) }
        let kind = DocumentChart.Kind(rawValue: node["type"]?.scalarText ?? "bar") ?? .bar
        let title = try node["title"].map { try render($0.scalarText ?? "", at: $0) }
        let locale = formatter.locale, digits = formatter.maximumFractionDigits ?? 2
        return DocumentChart(kind: kind, title: title, xLabels: labels, series: series) { number in
            ValueFormatter(locale: locale, maximumFractionDigits: digits).string(for: DecimalNumber(Decimal(number)))
        }
    }
}
