import Foundation

/// A `chart` block bound to its table: series named and coloured as the recipe says, the
/// target read, axis titles rendered.
extension DocumentBuilder {
    func chart(_ node: YAMLNode) throws -> DocumentChart {
        let id = node["table"]?.scalarText ?? ""
        guard let table = report.table(id) else { throw Diagnostic("unknown table '\(id)'", at: node.location) }
        func column(_ key: YAMLNode) throws -> Int {
            let name = key.scalarText ?? ""
            guard let index = table.columnIndex(named: name) else {
                throw Diagnostic("the table '\(id)' has no column '\(name)'" + Suggestion.hint(for: name, in: table.columnNames), at: key.location)
            }
            return index
        }
        func numeric(_ index: Int, at key: YAMLNode) throws -> Int {
            guard table.columns[index].type.isNumeric else {
                throw Diagnostic("a chart draws numbers, but '\(table.columns[index].name)' is \(ExpressionCompiler.phrase(table.columns[index].type))",
                                 at: key.location)
            }
            return index
        }
        let x = try column(node["x"] ?? node)
        // `y: revenue`, `y: [revenue, target]` or `y: {revenue: Revenue, target: Target}`.
        let yNodes: [(key: YAMLNode, name: YAMLNode?)] = node["y"].map { y in
            y.mapping.map { $0.map { ($0.key, $0.value) } } ?? (y.sequence ?? [y]).map { ($0, nil) }
        } ?? []
        let colors = try seriesColors(node["colors"], keys: yNodes.map(\.key))
        let written = DocumentValues.rows(table, formatter: formatter)
        let series = try yNodes.enumerated().map { position, item -> DocumentChart.Series in
            let index = try numeric(try column(item.key), at: item.key)
            let name = try item.name.map { try render($0.scalarText ?? "", at: $0) } ?? table.columns[index].name
            return DocumentChart.Series(name: name, values: table.rows.map { $0[index].decimalValue?.doubleValue },
                                        labels: written.map { $0[index] }, color: colors[position], cells: table.rows.map { $0[index] })
        }
        let labels = table.rows.map { formatter.string(for: $0[x], in: table.columns[x]) }
        let kind = DocumentChart.Kind(rawValue: node["type"]?.scalarText ?? "bar") ?? .bar
        let title = try node["title"].map { try render($0.scalarText ?? "", at: $0) }
        let locale = formatter.locale, digits = formatter.maximumFractionDigits ?? 2
        var chart = DocumentChart(kind: kind, title: title, xLabels: labels, series: series) { number in
            ValueFormatter(locale: locale, maximumFractionDigits: digits).string(for: DecimalNumber(Decimal(number)))
        }
        chart.tableID = id
        chart.xTitle = try node["x_title"].map { try render($0.scalarText ?? "", at: $0) }
        chart.yTitle = try node["y_title"].map { try render($0.scalarText ?? "", at: $0) }
        chart.isStacked = node["stacked"]?.resolved == .bool(true) && series.count > 1
        let xColumn = table.columns[x]
        chart.xIsTime = xColumn.type == .date || xColumn.type == .period || (xColumn.type == .int && xColumn.isPlain)
        chart.orientation = node["orientation"]?.scalarText.flatMap(DocumentChart.Orientation.init(rawValue:)) ?? .auto
        chart.isIntegral = yNodes.allSatisfy { item in table.columnIndex(named: item.key.scalarText ?? "").map { table.columns[$0].type == .int } ?? false }
        if let target = node["target"] {
            let name = try node["target_label"].map { try render($0.scalarText ?? "", at: $0) } ?? Self.capitalized(ReportWords(locale: locale).target)
            if let text = target.scalarText, let index = table.columnIndex(named: text) {
                let index = try numeric(index, at: target)
                chart.target = DocumentChart.Target(name: name, values: table.rows.map { $0[index].decimalValue?.doubleValue },
                                                    labels: written.map { $0[index] })
                chart.target?.cells = table.rows.map { $0[index] }
                chart.isIntegral = chart.isIntegral && table.columns[index].type == .int
            } else {
                let figure = try figureValue(target)
                if let value = figure.value, value != .null, value.decimalValue == nil {
                    throw Diagnostic("a chart's target is a number, but '\(target.scalarText ?? "")' is '\(figure.text)'", at: target.location)
                }
                chart.target = DocumentChart.Target(name: name, values: [figure.value?.decimalValue?.doubleValue], labels: [figure.text])
                chart.target?.cells = [figure.value ?? .null]
                if case .int = figure.value {} else { chart.isIntegral = false }
            }
        }
        return chart
    }

    /// `colors` as a list in y's order or a map of column to colour; `nil` where none is given.
    private func seriesColors(_ node: YAMLNode?, keys: [YAMLNode]) throws -> [String?] {
        guard let node else { return keys.map { _ in nil } }
        if let pairs = node.mapping {
            let names = keys.compactMap(\.scalarText)
            for pair in pairs where !names.contains(pair.key.scalarText ?? "") {
                let name = pair.key.scalarText ?? ""
                throw Diagnostic("'\(name)' is not a series of this chart" + Suggestion.hint(for: name, in: names), at: pair.key.location)
            }
            return keys.map { key in pairs.first { $0.key.scalarText == key.scalarText }?.value.scalarText }
        }
        let list = (node.sequence ?? [node]).map(\.scalarText)
        if list.count > keys.count {
            throw Diagnostic("\(list.count) colours for \(keys.count) series", at: node.location)
        }
        return keys.indices.map { $0 < list.count ? list[$0] : nil }
    }

    static func capitalized(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }
}
