import ReportKit

/// The sheets of a report's workbook: a summary first (title, subtitle, period, the metrics,
/// links to the tables), then one sheet per table with a bold, shaded, frozen header row and
/// an autofilter.
struct ReportSheets {
    let values: CellValues
    let words: OfficeWords

    /// Widest a column gets; longer text wraps inside it.
    static let widest = 60.0

    func tableSheet(_ table: DocumentTable, name: String) -> Sheet {
        var sheet = Sheet(name: name)
        sheet.rows = [table.columns.map { SheetCell(.text($0.label), .header) }] + values.rows(of: table)
        sheet.frozenRows = 1
        sheet.printTitleRows = 1
        if !table.columns.isEmpty { sheet.filter = (header: 1, lastRow: sheet.rows.count, columns: table.columns.count) }
        // The arrow of the filter takes about three characters beside the header's text; a
        // percentage gains its sign.
        for (index, column) in table.columns.enumerated() {
            let sign = values.isPercent(column.tableColumn) && column.format == nil ? "%" : ""
            let width = max(Self.width(of: [column.label], bold: true, extra: 3), Self.width(of: table.rows.map { $0[index] + sign }))
            sheet.widths.append(min(width, Self.widest))
            guard width > Self.widest else { continue }
            for row in 1..<sheet.rows.count { sheet.rows[row][index].style.wraps = true }
        }
        return sheet
    }

    /// The first sheet: the report's words and figures, and a link to each table's sheet.
    func summarySheet(_ document: Document, name: String, tables: [(sheet: String, title: String)]) -> Sheet {
        var sheet = Sheet(name: name)
        sheet.rows.append([SheetCell(.text(document.title), CellStyle(font: .title))])
        if let subtitle = document.subtitle { sheet.rows.append([SheetCell(.text(subtitle))]) }
        if let period = document.periodLabel { sheet.rows.append([SheetCell(.text(words.period), CellStyle(font: .bold)), SheetCell(.text(period))]) }
        var firstColumn: [String] = [], secondColumn: [String] = []
        let metrics = document.blocks.flatMap { block -> [DocumentMetric] in
            if case .metrics(let metrics) = block { return metrics }
            return []
        }
        if !metrics.isEmpty {
            let hasTarget = metrics.contains { !$0.targetCell.isNull }, hasStatus = metrics.contains { $0.status != nil }
            sheet.rows.append([])
            sheet.rows.append(([words.figure, words.value] + (hasTarget ? [words.target] : []) + (hasStatus ? [words.status] : []))
                .map { SheetCell(.text($0), .header) })
            for metric in metrics {
                var row = [SheetCell(.text(metric.label), CellStyle(wraps: true)),
                           values.cell(metric.valueCell, layout: values.layout(nil, values: [metric.valueCell]), written: metric.value)]
                if hasTarget {
                    row.append(values.cell(metric.targetCell, layout: values.layout(nil, values: [metric.targetCell]), written: metric.target ?? ""))
                }
                if hasStatus { row.append(metric.status.map { SheetCell(.text($0)) } ?? .empty) }
                sheet.rows.append(row)
                firstColumn.append(metric.label)
                secondColumn.append(metric.value)
            }
        }
        if !tables.isEmpty {
            sheet.rows.append([])
            sheet.rows.append([SheetCell(.text(words.tables), CellStyle(font: .bold))])
            for table in tables {
                sheet.rows.append([SheetCell(.text(table.title), CellStyle(font: .link))])
                sheet.links.append((row: sheet.rows.count, column: 1, sheet: table.sheet))
                firstColumn.append(table.title)
            }
        }
        sheet.widths = [min(Self.width(of: firstColumn + [words.figure]), Self.widest), max(Self.width(of: secondColumn + [words.value]), 12), 14, 14]
        return sheet
    }

    /// Excel's width for the widest of `texts`, in its unit (the default font's digit, about
    /// as wide as a letter; bold letters a tenth wider), with room either side and `extra`
    /// characters more; a wide (CJK) character counts two.
    static func width(of texts: [String], bold: Bool = false, extra: Int = 0) -> Double {
        let widest = texts.map { text in text.split(separator: "\n").map { DisplayWidth.of($0) }.max() ?? 0 }.max() ?? 0
        return max(Double(widest) * (bold ? 1.1 : 1) + Double(extra) + 1.5, 6)
    }
}
