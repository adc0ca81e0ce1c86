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

    func render(_ text: String, at node: YAMLNode?, asHTML: Bool = false) throws -> String {
        do {
            return try ReportTemplate(text).render(context, html: asHTML)
        } catch {
            throw Diagnostic("template error: \(error)", at: node?.location)
        }
    }

    private func block(_ node: YAMLNode) throws -> [DocumentBlock] {
        if node.scalarText == "page_break" || node["page_break"] != nil { return [.pageBreak] }
        if node.scalarText == "sources_and_method" || node["sources_and_method"] != nil {
            let title = try node["sources_and_method"].flatMap(\.scalarText).map { try render($0, at: node["sources_and_method"]) }
            return [.method(MethodWriter(report: report, formatter: formatter, decimals: formatter.maximumFractionDigits)
                .method(title: title, ids: shownTables()))]
        }
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
            return [.table(try self.table(table, id: id, title: title, selection: node["columns"], formats: node["formats"],
                                          currency: node["currency"]?.scalarText))]
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

    /// The table with the columns `selection` names (a list, or a map of column to label), in
    /// its order; all columns when there is none. `formats` maps columns to ``ColumnFormat``s.
    private func table(_ table: Table, id: String, title: String?, selection: YAMLNode?, formats: YAMLNode? = nil,
                       currency: String? = nil) throws -> DocumentTable {
        func columnIndex(_ key: YAMLNode) throws -> Int {
            let name = key.scalarText ?? ""
            guard let index = table.columnIndex(named: name) else {
                throw Diagnostic("the table '\(id)' has no column '\(name)'" + Suggestion.hint(for: name, in: table.columnNames), at: key.location)
            }
            return index
        }
        var chosen: [(index: Int, label: String)] = table.columns.indices.map { ($0, self.heading(of: table.columns[$0])) }
        if let selection {
            let pairs: [(YAMLNode, String?)] = selection.mapping.map { $0.map { ($0.key, $0.value.scalarText) } }
                ?? (selection.sequence ?? [selection]).map { ($0, nil) }
            chosen = try pairs.map { key, label in
                let index = try columnIndex(key)
                return (index, try label.map { try render($0, at: key) } ?? heading(of: table.columns[index]))
            }
        }
        var formatOf: [Int: ColumnFormat] = [:]
        for pair in formats?.mapping ?? [] {
            let index = try columnIndex(pair.key)
            guard let format = pair.value.scalarText.flatMap(ColumnFormat.init(rawValue:)) else { continue }
            if format != .plain, !table.columns[index].type.isNumeric {
                throw Diagnostic("'\(format.rawValue)' writes numbers, but '\(table.columns[index].name)' is "
                                 + ExpressionCompiler.phrase(table.columns[index].type), at: pair.value.location)
            }
            formatOf[index] = format
        }
        var cells = DocumentValues.rows(table, formatter: formatter)
        if !formatOf.isEmpty {
            let formatting = ColumnFormatting(formatter: formatter, currencyCode: currency)
            for (row, values) in table.rows.enumerated() {
                for (index, format) in formatOf {
                    cells[row][index] = formatting.string(values[index], written: cells[row][index], in: table.columns[index], format: format)
                }
            }
        }
        let words = ReportWords(locale: formatter.locale)
        let statusTones: [String: DocumentTable.Tone] = [words.exceeded: .good, words.met: .good, words.missed: .bad]
        let columns = chosen.map { index, label -> DocumentTable.Column in
            let column = table.columns[index]
            let role: DocumentTable.Role = column.type.isNumeric ? .number : column.type == .date || column.type == .period ? .date : .text
            // A column of nothing but status words (a compare's `status`) is coloured by them.
            let values = Set(cells.map { $0[index] }).subtracting([""])
            let tones = column.type == .string && !values.isEmpty && values.isSubset(of: statusTones.keys) ? statusTones : [:]
            var shown = DocumentTable.Column(label: label, role: role, format: formatOf[index], tones: tones)
            shown.tableColumn = column
            return shown
        }
        return DocumentTable(tableID: id, title: title, columns: columns, rows: cells.map { row in chosen.map { row[$0.index] } },
                             values: table.rows.map { row in chosen.map { row[$0.index] } })
    }

    /// `id`'s table with all its columns under their names, as a document shows a table that
    /// the layout does not place; `nil` for an id that names no table.
    public func table(id: String) throws -> DocumentTable? {
        try report.table(id).map { try table($0, id: id, title: id, selection: nil) }
    }

    /// A column's header: its name, or the date or period it stands for, in the locale.
    private func heading(of column: Column) -> String {
        column.heading.map { formatter.string(for: $0) } ?? column.name
    }

    private func metric(_ node: YAMLNode) throws -> DocumentMetric {
        let label = try render(node["label"]?.scalarText ?? "", at: node["label"])
        let value = try node["value"].map(figureValue)
        let target = try node["target"].map(figureValue)
        let status = try node["status"].map(figure)
        var metric = DocumentMetric(label: label, value: value?.text ?? "",
                                    target: target.map { "\(ReportWords(locale: formatter.locale).target) \($0.text)" }, status: status,
                                    valueCell: value?.value ?? .null, targetCell: target?.value ?? .null)
        if let text = node["value"]?.scalarText, let id = text.split(separator: ".").first, report.table(String(id)) != nil {
            metric.tableID = String(id)
        }
        return metric
    }

    /// A metric's figure: `id.column` of a one-row table, `params.x`, or a literal.
    private func figure(_ node: YAMLNode) throws -> String {
        try figureValue(node).text
    }

    /// A figure and how documents write it; a table without rows gives `nil` and a dash.
    func figureValue(_ node: YAMLNode) throws -> (value: Value?, text: String) {
        let expression = try ExpressionParser.parse(ExpressionText(node))
        switch expression.kind {
        case .literal(let value): return (value, formatter.string(for: value))
        case .name(let parts) where parts.count == 2 && parts[0] == "params":
            guard let param = report.params.first(where: { $0.name == parts[1] }) else {
                throw Diagnostic("unknown param '\(parts[1])'" + Suggestion.hint(for: parts[1], in: report.params.map(\.name)), at: node.location)
            }
            return (param.value, formatter.string(for: param.value))
        case .name(let parts) where parts.count == 2:
            guard let table = report.table(parts[0]) else {
                throw Diagnostic("unknown table '\(parts[0])'" + Suggestion.hint(for: parts[0], in: report.tables.map(\.id)), at: node.location)
            }
            guard let column = table.columnIndex(named: parts[1]) else {
                throw Diagnostic("the table '\(parts[0])' has no column '\(parts[1])'" + Suggestion.hint(for: parts[1], in: table.columnNames),
                                 at: node.location)
            }
            // No rows (a period without data) shows a dash; more than one is a recipe's mistake.
            if table.rows.isEmpty { return (nil, "–") }
            guard table.rows.count == 1 else {
                throw Diagnostic("a metric needs one value, but '\(parts[0])' has \(table.rows.count) rows", at: node.location)
            }
            return (table.rows[0][column], DocumentValues.rows(table, formatter: formatter)[0][column])
        default:
            throw Diagnostic("a metric's value is a one-row table's column (id.column), params.NAME or a number", at: node.location)
        }
    }

    /// The tables the layout shows or names, in the order it first does, each with what the
    /// document calls it (a table's or a chart's title, else its id).
    private func shownTables() -> [(id: String, title: String)] {
        var shown: [(id: String, title: String)] = []
        func add(_ id: String, _ title: YAMLNode?) {
            guard report.table(id) != nil, !shown.contains(where: { $0.id == id }) else { return }
            shown.append((id, (try? title.map { try render($0.scalarText ?? "", at: $0) }) ?? nil ?? id))
        }
        for node in report.layout {
            if let id = node["table"]?.scalarText { add(id, node["title"]) }
            if let chart = node["chart"], let id = chart["table"]?.scalarText { add(id, chart["title"]) }
            for metric in node["metrics"]?.sequence ?? [] {
                if let id = metric["value"]?.scalarText?.split(separator: ".").first { add(String(id), metric["label"]) }
            }
            for id in LayoutBlocks.tableIDs(in: [node]).sorted() { add(id, nil) }
        }
        return shown
    }
}
