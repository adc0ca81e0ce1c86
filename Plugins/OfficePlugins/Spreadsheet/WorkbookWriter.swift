import Foundation

/// Makes the package of an `.xlsx` workbook (ECMA-376 Part 1, SpreadsheetML) from sheets.
struct WorkbookWriter {
    var sheets: [Sheet]
    var title: String
    var language: String
    var fontName = "Arial"

    func package() -> OfficePackage {
        var styles = CellStyles(fontName: fontName)
        var strings = SharedStrings()
        let worksheets = sheets.enumerated().map { index, sheet in
            SheetXML.worksheet(sheet, isFirst: index == 0, styles: &styles, strings: &strings)
        }
        var package = OfficePackage()
        package.add("_rels/.rels", OfficeXML.relationshipsType, OfficeXML.relationships([
            ("rId1", "officeDocument", "xl/workbook.xml"), ("rId2", OfficeXML.corePropertiesRelationship, "docProps/core.xml"),
        ]))
        package.add("docProps/core.xml", OfficeXML.corePropertiesType, OfficeXML.coreProperties(title: title, language: language))
        package.add("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", workbook)
        var relationships = sheets.indices.map { (id: "rId\($0 + 1)", type: "worksheet", target: "worksheets/sheet\($0 + 1).xml") }
        relationships.append((id: "rId\(sheets.count + 1)", type: "styles", target: "styles.xml"))
        relationships.append((id: "rId\(sheets.count + 2)", type: "sharedStrings", target: "sharedStrings.xml"))
        package.add("xl/_rels/workbook.xml.rels", OfficeXML.relationshipsType, OfficeXML.relationships(relationships))
        package.add("xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml", styles.xml)
        package.add("xl/sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml", strings.xml)
        for (index, worksheet) in worksheets.enumerated() {
            package.add("xl/worksheets/sheet\(index + 1).xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml", worksheet)
        }
        return package
    }

    /// `workbook.xml`: the sheets in order, and the names Excel keeps for a filter's range and
    /// the rows printed on every page.
    private var workbook: String {
        var names: [String] = []
        for (index, sheet) in sheets.enumerated() {
            let quoted = XMLText.escape(quotedSheetName(sheet.name))
            if let filter = sheet.filter {
                names.append("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" hidden=\"1\">"
                    + "\(quoted)!$A$\(filter.header):$\(columnLetters(filter.columns))$\(filter.lastRow)</definedName>")
            }
            if sheet.printTitleRows > 0 {
                names.append("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">\(quoted)!$1:$\(sheet.printTitleRows)</definedName>")
            }
        }
        return OfficeXML.declaration
            + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
            + sheets.enumerated().map { "<sheet name=\"\(XMLText.escape($1.name))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined()
            + "</sheets>" + (names.isEmpty ? "" : "<definedNames>\(names.joined())</definedNames>") + "</workbook>"
    }
}
