import Foundation
import ReportKit

/// A chart as a native Word chart (DrawingML, `c:chartSpace`): Word draws it, a reader can
/// restyle it, and it carries its data twice, as the chart's cache of every label and value
/// (what Word and LibreOffice draw) and as an embedded workbook (what Word's "Edit Data"
/// opens). Values are the report's exact cells rounded to `decimals`, never floating point.
/// A target is a dashed line over the chart's categories, except on bars drawn across, which
/// Word cannot cross with a line: there the caption under the chart states it.
struct WordChart {
    let chart: DocumentChart
    /// 1-based, for part names and ids.
    let number: Int
    let font: String
    let language: String
    let values: CellValues
    /// The width between the page's margins, in twips, for choosing bars across.
    let width: Int

    static let palette = ["1F77B4", "E8710A", "2CA02C", "D62728", "9467BD", "8C564B"]
    static let targetColor = "404040"

    var partName: String { "word/charts/chart\(number).xml" }
    var workbookName: String { "word/embeddings/Microsoft_Excel_Worksheet\(number).xlsx" }

    /// Bars drawn across, as the recipe asks, or when the labels are many or long and x is
    /// not time (which runs left to right), as the HTML output decides.
    var isHorizontal: Bool {
        guard chart.kind == .bar else { return false }
        switch chart.orientation {
        case .horizontal: return true
        case .vertical: return false
        case .auto:
            let count = max(chart.xLabels.count, 1)
            let widest = Double(chart.xLabels.map { DisplayWidth.of($0) }.max() ?? 0) * 9 * 0.55 * 20
            return !chart.xIsTime && (count > 12 || widest > Double(width - 1200) / Double(count))
        }
    }

    /// The series Word draws: the chart's, then its target when a line can show it.
    var drawnSeries: [(name: String, cells: [Value], color: String, isTarget: Bool)] {
        var drawn = chart.series.enumerated().map { index, series in
            (name: series.name, cells: series.cells, color: Self.hex(series.color) ?? Self.palette[index % Self.palette.count], isTarget: false)
        }
        if let target = chart.target, !isHorizontal {
            let cells = target.isPerCategory ? target.cells : Array(repeating: target.cells.first ?? .null, count: chart.xLabels.count)
            drawn.append((name: target.name, cells: cells, color: Self.targetColor, isTarget: true))
        }
        return drawn
    }

    /// What the chart cannot draw, for the caption under it: a target beside bars drawn across.
    var note: String? {
        guard let target = chart.target, isHorizontal else { return nil }
        return target.name + ": " + (target.isPerCategory ? zip(chart.xLabels, target.labels).map { "\($0) \($1)" }.joined(separator: "; ")
                                                               : target.labels.first ?? "")
    }

    /// Each drawn series' values as exact decimal text, `nil` where the table has no number.
    var numbers: [[String?]] {
        drawnSeries.map { $0.cells.map(values.numberText) }
    }

    /// The values' format, with the digits the report shows.
    var formatCode: String {
        Self.code(digits: drawnSeries.map { values.layout(nil, values: $0.cells).fractionDigits }.max() ?? 0)
    }

    /// The value axis's format: as many digits as its steps need (a fifth of the values'
    /// span, 0.2 for rates of 97.2-98.8%), none for whole numbers, never the values' own
    /// (no `18,000.00`).
    var axisFormatCode: String {
        let numbers = (chart.series.map(\.values) + (chart.target.map { [$0.values] } ?? [])).flatMap { $0.compactMap { $0 } }
        guard !chart.isIntegral, let low = numbers.min(), let high = numbers.max(), high > low else {
            return chart.isIntegral ? Self.code(digits: 0) : formatCode
        }
        return Self.code(digits: max(0, -Int((log10((high - low) / 5)).rounded(.down))))
    }

    static func code(digits: Int) -> String {
        "#,##0" + (digits > 0 ? "." + String(repeating: "0", count: min(digits, 10)) : "")
    }

    /// `#1f77b4` or `#18b` as DrawingML's `1F77B4`; `nil` for anything else.
    static func hex(_ color: String?) -> String? {
        guard let color, color.hasPrefix("#") else { return nil }
        let digits = color.dropFirst().uppercased()
        guard digits.allSatisfy(\.isHexDigit) else { return nil }
        if digits.count == 3 { return digits.map { "\($0)\($0)" }.joined() }
        return digits.count == 6 ? digits : nil
    }

    var relationships: String {
        OfficeXML.relationships([(id: "rId1", type: "package", target: "../embeddings/Microsoft_Excel_Worksheet\(number).xlsx")])
    }

    /// The chart's data as a workbook of one sheet, `Sheet1`, as the chart's formulas name it:
    /// the x labels down column A, a series in each column from B, its name on top.
    func workbook() throws -> [UInt8] {
        var sheet = Sheet(name: "Sheet1")
        let drawn = drawnSeries
        sheet.rows = [[.empty] + drawn.map { SheetCell(.text($0.name), .header) }]
        let numbers = self.numbers
        for (position, label) in chart.xLabels.enumerated() {
            sheet.rows.append([SheetCell(.text(label))] + numbers.map { series in
                series[position].map { SheetCell(.number($0), CellStyle(numberFormat: formatCode)) } ?? .empty
            })
        }
        sheet.widths = [ReportSheets.width(of: chart.xLabels)] + drawn.map { series in
            ReportSheets.width(of: [series.name] + series.cells.map { values.numberText($0) ?? "" }, bold: true)
        }
        return try WorkbookWriter(sheets: [sheet], title: chart.title ?? "", language: language).package().zipped()
    }

    /// The run that places the chart in a paragraph, `width` by `height` EMUs, with the chart
    /// in words as its description for screen readers.
    func drawing(relationshipID: String, width: Int, height: Int) -> String {
        var description = chart.series.map { series in
            series.name + ": " + zip(chart.xLabels, series.labels).map { "\($0) \($1.isEmpty ? "–" : $1)" }.joined(separator: "; ")
        }.joined(separator: ". ")
        if let target = chart.target {
            description += ". " + target.name + ": " + (target.isPerCategory ? target.labels.joined(separator: "; ") : target.labels.first ?? "")
        }
        return "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"\(width)\" cy=\"\(height)\"/>"
            + "<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
            + "<wp:docPr id=\"\(number)\" name=\"Chart \(number)\" title=\"\(XMLText.escape(chart.title ?? ""))\" descr=\"\(XMLText.escape(description))\"/>"
            + "<wp:cNvGraphicFramePr/><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
            + "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">"
            + "<c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" r:id=\"\(relationshipID)\"/>"
            + "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    }
}
