import ReportKit

/// Makes the package of a `.docx` (ECMA-376 Part 1, WordprocessingML) from a laid-out report:
/// the document, its styles, settings, page numbers and charts.
struct WordDocumentWriter {
    let document: Document
    let look: WordLook
    let official: OfficialParts?
    let language: String
    /// How chart data is written (rounding as the report's documents round).
    let values: CellValues

    private static let main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    private static let namespaces = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
        + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
        + "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""

    func package() throws -> OfficePackage {
        let width = look.textWidth
        var relationships: [(id: String, type: String, target: String)] = [("rId1", "styles", "styles.xml"), ("rId2", "settings", "settings.xml")]
        var body = ""
        if let official {
            body += official.top(width: width) + official.title(document.title, width: width)
        } else {
            body += WordXML.paragraph("Title", document.title)
            if let subtitle = document.subtitle { body += WordXML.paragraph("Subtitle", subtitle) }
            if let period = document.periodLabel { body += WordXML.paragraph("Subtitle", period) }
        }
        var charts: [WordChart] = []
        for block in document.blocks {
            switch block {
            case .heading(let text, let level): body += WordXML.paragraph("Heading\(level)", text)
            case .paragraph(let text): body += WordXML.paragraph(nil, text)
            case .table(let table): body += WordTable.table(table, width: width, points: look.size - 1)
            case .metrics(let metrics): body += WordTable.metrics(metrics, width: width, points: look.size - 1)
            case .chart(let chart):
                let wordChart = WordChart(chart: chart, number: charts.count + 1, font: look.font, language: language, values: values, width: width)
                let id = "rIdChart\(wordChart.number)"
                relationships.append((id, "chart", "charts/chart\(wordChart.number).xml"))
                // A twip is 635 EMUs; the chart spans the text's width at half as high.
                // Bars across get a row's height each.
                let height = wordChart.isHorizontal ? max(width / 2, min(chart.xLabels.count * 330 + 1400, width * 5 / 4)) : width / 2
                body += "<w:p><w:pPr><w:pStyle w:val=\"Chart\"/></w:pPr>\(wordChart.drawing(relationshipID: id, width: width * 635, height: height * 635))</w:p>"
                if let note = wordChart.note { body += WordXML.paragraph("Caption", note) }
                charts.append(wordChart)
            case .pageBreak: body += WordXML.pageBreak
            case .method(let method):
                // Sources and method: a heading, then each table's entry as a heading and its sentences.
                body += WordXML.paragraph("Heading2", method.title)
                for entry in method.entries {
                    body += WordXML.paragraph("Heading3", entry.title)
                    for line in entry.lines { body += WordXML.paragraph(nil, "– " + line) }
                }
                for line in method.closing { body += WordXML.paragraph(nil, line) }
            }
        }
        if let official { body += official.bottom(width: width) }

        // Official documents number pages at the top, from the second page; others at the foot.
        var sectionReferences = ""
        var pageParts: [(name: String, type: String, xml: String)] = []
        let number = "<w:p><w:pPr><w:pStyle w:val=\"\(official == nil ? "Footer" : "Header")\"/></w:pPr><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>"
        if official != nil {
            pageParts = [("header1.xml", "header", "<w:hdr \(Self.namespaces)>\(number)</w:hdr>"),
                         ("header2.xml", "header", "<w:hdr \(Self.namespaces)><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr></w:p></w:hdr>")]
            sectionReferences = "<w:headerReference w:type=\"default\" r:id=\"rIdPage1\"/><w:headerReference w:type=\"first\" r:id=\"rIdPage2\"/>"
        } else {
            pageParts = [("footer1.xml", "footer", "<w:ftr \(Self.namespaces)>\(number)</w:ftr>")]
            sectionReferences = "<w:footerReference w:type=\"default\" r:id=\"rIdPage1\"/>"
        }
        for (index, part) in pageParts.enumerated() { relationships.append(("rIdPage\(index + 1)", part.type, part.name)) }
        let margins = look.margins
        let section = "<w:sectPr>\(sectionReferences)<w:pgSz w:w=\"\(WordLook.pageWidth)\" w:h=\"\(WordLook.pageHeight)\"/>"
            + "<w:pgMar w:top=\"\(WordLook.twips(millimetres: margins.top))\" w:right=\"\(WordLook.twips(millimetres: margins.right))\" "
            + "w:bottom=\"\(WordLook.twips(millimetres: margins.bottom))\" w:left=\"\(WordLook.twips(millimetres: margins.left))\" "
            + "w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>" + (official != nil ? "<w:titlePg/>" : "") + "</w:sectPr>"

        var package = OfficePackage()
        package.add("_rels/.rels", OfficeXML.relationshipsType, OfficeXML.relationships([
            ("rId1", "officeDocument", "word/document.xml"), ("rId2", OfficeXML.corePropertiesRelationship, "docProps/core.xml"),
        ]))
        package.add("docProps/core.xml", OfficeXML.corePropertiesType, OfficeXML.coreProperties(title: document.title, language: language))
        package.add("word/document.xml", "\(Self.main).document.main+xml",
                    OfficeXML.declaration + "<w:document \(Self.namespaces)><w:body>\(body)\(section)</w:body></w:document>")
        package.add("word/_rels/document.xml.rels", OfficeXML.relationshipsType, OfficeXML.relationships(relationships))
        package.add("word/styles.xml", "\(Self.main).styles+xml", WordStyles.xml(look, language: language))
        package.add("word/settings.xml", "\(Self.main).settings+xml", settings)
        for part in pageParts { package.add("word/\(part.name)", "\(Self.main).\(part.type)+xml", OfficeXML.declaration + part.xml) }
        for chart in charts {
            package.add(chart.partName, "application/vnd.openxmlformats-officedocument.drawingml.chart+xml", chart.xml)
            package.add("word/charts/_rels/chart\(chart.number).xml.rels", OfficeXML.relationshipsType, chart.relationships)
            package.add(chart.workbookName, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes: try chart.workbook())
        }
        return package
    }

    /// Word 2013 and later's compatibility mode (no "Compatibility Mode" banner), different
    /// first-page headers when the section asks, the document's language.
    private var settings: String {
        OfficeXML.declaration + "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>"
            + "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
            + "<w:themeFontLang w:val=\"\(XMLText.escape(language))\"/></w:settings>"
    }
}
