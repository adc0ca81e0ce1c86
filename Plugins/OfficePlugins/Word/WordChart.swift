import Foundation
import ReportKit

/// A chart as a native Word chart (DrawingML, `c:chartSpace`): Word draws it, a reader can
/// restyle it, and it carries its data twice, as the chart's cache of every label and value
/// (what Word and LibreOffice draw) and as an embedded workbook (what Word's "Edit Data"
/// opens). Values are the report's exact cells rounded to `decimals`, never floating point.
struct WordChart {
    let chart: DocumentChart
    /// 1-based, for part names and ids.
    let number: Int
    let font: String
    let language: String
    let values: CellValues

    static let palette = ["1F77B4", "E8710A", "2CA02C", "D62728", "9467BD", "8C564B"]

    var partName: String { "word/charts/chart\(number).xml" }
    var workbookName: String { "word/embeddings/Microsoft_Excel_Worksheet\(number).xlsx" }

    /// Each series' values as exact decimal text, `nil` where the table has no number.
    private var seriesNumbers: [[String?]] {
        chart.series.map { $0.cells.map(values.numberText) }
    }

    /// The values' format, with the digits the report shows.
    private var formatCode: String {
        Self.code(digits: chart.series.map { values.columnFormat(nil, values: $0.cells).fractionDigits }.max() ?? 0)
    }

    /// The value axis's format: as many digits as its steps need (a fifth of the values'
    /// span, 0.2 for rates of 97.2-98.8%), not the values' own (no `18,000.00`).
    private var axisFormatCode: String {
        let numbers = chart.series.flatMap { $0.values.compactMap { $0 } }
        guard let low = numbers.min(), let high = numbers.max(), high > low else { return formatCode }
        return Self.code(digits: max(0, -Int((log10((high - low) / 5)).rounded(.down))))
    }

    private static func code(digits: Int) -> String {
        "#,##0" + (digits > 0 ? "." + String(repeating: "0", count: min(digits, 10)) : "")
    }

    var xml: String {
        let numbers = seriesNumbers
        let lastRow = chart.xLabels.count + 1
        let categories = "<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$\(lastRow)</c:f><c:strCache><c:ptCount val=\"\(chart.xLabels.count)\"/>"
            + chart.xLabels.enumerated().map { "<c:pt idx=\"\($0)\"><c:v>\(XMLText.escape($1))</c:v></c:pt>" }.joined() + "</c:strCache></c:strRef></c:cat>"
        let series = chart.series.enumerated().map { index, series -> String in
            let column = columnLetters(index + 2), color = Self.palette[index % Self.palette.count]
            let look: String
            switch chart.kind {
            case .bar: look = "<c:spPr><a:solidFill><a:srgbClr val=\"\(color)\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>"
            case .line: look = "<c:spPr><a:ln w=\"28575\" cap=\"rnd\"><a:solidFill><a:srgbClr val=\"\(color)\"/></a:solidFill><a:round/></a:ln></c:spPr>"
                + "<c:marker><c:symbol val=\"circle\"/><c:size val=\"5\"/><c:spPr><a:solidFill><a:srgbClr val=\"\(color)\"/></a:solidFill></c:spPr></c:marker>"
            case .area: look = "<c:spPr><a:solidFill><a:srgbClr val=\"\(color)\"><a:alpha val=\"60000\"/></a:srgbClr></a:solidFill></c:spPr>"
            }
            let points = numbers[index].enumerated().compactMap { position, text in text.map { "<c:pt idx=\"\(position)\"><c:v>\($0)</c:v></c:pt>" } }
            return "<c:ser><c:idx val=\"\(index)\"/><c:order val=\"\(index)\"/>"
                + "<c:tx><c:strRef><c:f>Sheet1!$\(column)$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>\(XMLText.escape(series.name))</c:v></c:pt></c:strCache></c:strRef></c:tx>"
                + look + categories
                + "<c:val><c:numRef><c:f>Sheet1!$\(column)$2:$\(column)$\(lastRow)</c:f><c:numCache><c:formatCode>\(XMLText.escape(formatCode))</c:formatCode>"
                + "<c:ptCount val=\"\(chart.xLabels.count)\"/>\(points.joined())</c:numCache></c:numRef></c:val>"
                + (chart.kind == .line ? "<c:smooth val=\"0\"/>" : "") + "</c:ser>"
        }.joined()
        let plot: String
        switch chart.kind {
        case .bar: plot = "<c:barChart><c:barDir val=\"col\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>\(series)<c:gapWidth val=\"60\"/>"
            + "<c:axId val=\"1001\"/><c:axId val=\"1002\"/></c:barChart>"
        case .line: plot = "<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>\(series)<c:marker val=\"1\"/>"
            + "<c:axId val=\"1001\"/><c:axId val=\"1002\"/></c:lineChart>"
        case .area: plot = "<c:areaChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>\(series)"
            + "<c:axId val=\"1001\"/><c:axId val=\"1002\"/></c:areaChart>"
        }
        let fontXML = "<a:latin typeface=\"\(XMLText.escape(font))\"/><a:cs typeface=\"\(XMLText.escape(font))\"/>"
        let title = chart.title.map { title in
            "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1100\" b=\"1\">\(fontXML)</a:defRPr></a:pPr>"
                + "<a:r><a:rPr lang=\"\(XMLText.escape(language))\" sz=\"1100\" b=\"1\">\(fontXML)</a:rPr><a:t>\(XMLText.escape(title))</a:t></a:r></a:p></c:rich></c:tx>"
                + "<c:overlay val=\"0\"/></c:title><c:autoTitleDeleted val=\"0\"/>"
        } ?? "<c:autoTitleDeleted val=\"1\"/>"
        let legend = chart.series.count > 1 ? "<c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/></c:legend>" : ""
        return OfficeXML.declaration
            + "<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" "
            + "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<c:date1904 val=\"0\"/><c:lang val=\"\(XMLText.escape(language))\"/><c:roundedCorners val=\"0\"/>"
            + "<c:chart>\(title)<c:plotArea><c:layout/>\(plot)"
            + "<c:catAx><c:axId val=\"1001\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"b\"/>"
            + "<c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"low\"/>"
            + "<c:crossAx val=\"1002\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>"
            + "<c:valAx><c:axId val=\"1002\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"l\"/>"
            + "<c:majorGridlines><c:spPr><a:ln w=\"6350\"><a:solidFill><a:srgbClr val=\"D9D9D9\"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>"
            + "<c:numFmt formatCode=\"\(XMLText.escape(axisFormatCode))\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/>"
            + "<c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"1001\"/><c:crosses val=\"autoZero\"/><c:crossBetween val=\"between\"/></c:valAx>"
            + "</c:plotArea>\(legend)<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>"
            + "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"900\">\(fontXML)</a:defRPr></a:pPr><a:endParaRPr lang=\"\(XMLText.escape(language))\"/></a:p></c:txPr>"
            + "<c:externalData r:id=\"rId1\"><c:autoUpdate val=\"0\"/></c:externalData></c:chartSpace>"
    }

    var relationships: String {
        OfficeXML.relationships([(id: "rId1", type: "package", target: "../embeddings/Microsoft_Excel_Worksheet\(number).xlsx")])
    }

    /// The chart's data as a workbook of one sheet, `Sheet1`, as the chart's formulas name it:
    /// the x labels down column A, a series in each column from B, its name on top.
    func workbook() throws -> [UInt8] {
        var sheet = Sheet(name: "Sheet1")
        sheet.rows = [[.empty] + chart.series.map { SheetCell(.text($0.name), .header) }]
        let numbers = seriesNumbers
        for (position, label) in chart.xLabels.enumerated() {
            sheet.rows.append([SheetCell(.text(label))] + numbers.map { series in
                series[position].map { SheetCell(.number($0), CellStyle(numberFormat: formatCode)) } ?? .empty
            })
        }
        sheet.widths = [ReportSheets.width(of: chart.xLabels)] + chart.series.map { ReportSheets.width(of: [$0.name] + $0.labels, bold: true) }
        return try WorkbookWriter(sheets: [sheet], title: chart.title ?? "", language: language).package().zipped()
    }

    /// The run that places the chart in a paragraph, `width` by `height` EMUs, with the chart
    /// in words as its description for screen readers.
    func drawing(relationshipID: String, width: Int, height: Int) -> String {
        let description = chart.series.map { series in
            series.name + ": " + zip(chart.xLabels, series.labels).map { "\($0) \($1.isEmpty ? "–" : $1)" }.joined(separator: "; ")
        }.joined(separator: ". ")
        return "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"\(width)\" cy=\"\(height)\"/>"
            + "<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
            + "<wp:docPr id=\"\(number)\" name=\"Chart \(number)\" title=\"\(XMLText.escape(chart.title ?? ""))\" descr=\"\(XMLText.escape(description))\"/>"
            + "<wp:cNvGraphicFramePr/><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
            + "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">"
            + "<c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" r:id=\"\(relationshipID)\"/>"
            + "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    }
}
