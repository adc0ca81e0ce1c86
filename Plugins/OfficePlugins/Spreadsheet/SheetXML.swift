import Foundation

/// The text cells of a workbook, each once, in the order first used (`sharedStrings.xml`).
struct SharedStrings {
    private(set) var strings: [String] = []
    private var indexes: [String: Int] = [:]
    private(set) var uses = 0

    mutating func index(of text: String) -> Int {
        uses += 1
        if let index = indexes[text] { return index }
        strings.append(text)
        indexes[text] = strings.count - 1
        return strings.count - 1
    }

    var xml: String {
        OfficeXML.declaration
            + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(uses)\" uniqueCount=\"\(strings.count)\">"
            + strings.map { "<si>\(SheetXML.textElement($0))</si>" }.joined() + "</sst>"
    }
}

/// Writes one worksheet part (`xl/worksheets/sheetN.xml`). Text goes to the shared strings, so a
/// cell never holds a formula: `=SUM(A1)` in the data is a text cell that Excel shows as written.
enum SheetXML {
    static func worksheet(_ sheet: Sheet, isFirst: Bool, styles: inout CellStyles, strings: inout SharedStrings) -> String {
        let columns = max(sheet.widths.count, sheet.rows.map(\.count).max() ?? 0, 1)
        let lastRow = max(sheet.rows.count, 1)
        var xml = OfficeXML.declaration
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
            + "<dimension ref=\"A1:\(columnLetters(columns))\(lastRow)\"/>"
            + "<sheetViews><sheetView\(isFirst ? " tabSelected=\"1\"" : "") workbookViewId=\"0\">"
        if sheet.frozenRows > 0 {
            let topLeft = "A\(sheet.frozenRows + 1)"
            xml += "<pane ySplit=\"\(sheet.frozenRows)\" topLeftCell=\"\(topLeft)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                + "<selection pane=\"bottomLeft\" activeCell=\"\(topLeft)\" sqref=\"\(topLeft)\"/>"
        }
        xml += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"12.75\"/>"
        if !sheet.widths.isEmpty {
            xml += "<cols>" + sheet.widths.enumerated().map { index, width in
                "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(format(width))\" customWidth=\"1\"/>"
            }.joined() + "</cols>"
        }
        xml += "<sheetData>"
        for (rowIndex, row) in sheet.rows.enumerated() {
            let number = rowIndex + 1
            xml += "<row r=\"\(number)\">"
            for (columnIndex, cell) in row.enumerated() {
                let style = styles.index(of: cell.style)
                let reference = "\(columnLetters(columnIndex + 1))\(number)"
                let styleAttribute = style == 0 ? "" : " s=\"\(style)\""
                switch cell.content {
                case .empty: if style != 0 { xml += "<c r=\"\(reference)\"\(styleAttribute)/>" }
                case .number(let text): xml += "<c r=\"\(reference)\"\(styleAttribute)><v>\(text)</v></c>"
                case .bool(let flag): xml += "<c r=\"\(reference)\"\(styleAttribute) t=\"b\"><v>\(flag ? 1 : 0)</v></c>"
                case .text(let text): xml += "<c r=\"\(reference)\"\(styleAttribute) t=\"s\"><v>\(strings.index(of: text))</v></c>"
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        if let filter = sheet.filter {
            xml += "<autoFilter ref=\"A\(filter.header):\(columnLetters(filter.columns))\(filter.lastRow)\"/>"
        }
        if !sheet.links.isEmpty {
            xml += "<hyperlinks>" + sheet.links.map { link in
                "<hyperlink ref=\"\(columnLetters(link.column))\(link.row)\" location=\"\(XMLText.escape(quotedSheetName(link.sheet) + "!A1"))\"/>"
            }.joined() + "</hyperlinks>"
        }
        // A4 (paper size 9), as wide as the page, as many pages down as it takes.
        return xml + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
            + "<pageSetup paperSize=\"9\" fitToWidth=\"1\" fitToHeight=\"0\" orientation=\"\(columns > 6 ? "landscape" : "portrait")\"/>"
            + "</worksheet>"
    }

    /// `<t>` with its text, keeping leading and trailing spaces, which XML would let go.
    static func textElement(_ written: String) -> String {
        let text = XMLText.cleaned(written)
        let keepsSpace = text.first?.isWhitespace == true || text.last?.isWhitespace == true
        return "<t\(keepsSpace ? " xml:space=\"preserve\"" : "")>\(XMLText.escape(text))</t>"
    }

    /// A width with two fraction digits, the same on every machine.
    static func format(_ width: Double) -> String {
        String(format: "%.2f", width)
    }
}
