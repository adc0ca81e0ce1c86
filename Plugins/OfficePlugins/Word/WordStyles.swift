/// `word/styles.xml`: the document's defaults and every style its paragraphs and tables name,
/// so that the look is changed in one place (Word's Styles pane) and not cell by cell.
///
/// Paragraph styles carry the look of table cells too (`Table Heading`, `Table Number`), since
/// LibreOffice applies a table style's conditional formats (its header row) only in part.
enum WordStyles {
    static func xml(_ look: WordLook, language: String) -> String {
        let font = XMLText.escape(look.font)
        let body = WordLook.halfPoints(look.size)
        let table = WordLook.halfPoints(look.size - 1)
        let official = look.isOfficial
        var styles: [String] = []
        // Body text: the decree's indent of 1 cm and at least 6 pt between paragraphs.
        styles.append(paragraph("Normal", "Normal", isDefault: true,
                                pPr: official ? "<w:spacing w:before=\"0\" w:after=\"120\" w:line=\"300\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"567\"/><w:jc w:val=\"both\"/>"
                                    : "<w:spacing w:before=\"0\" w:after=\"160\" w:line=\"264\" w:lineRule=\"auto\"/>",
                                rPr: "<w:rFonts w:ascii=\"\(font)\" w:hAnsi=\"\(font)\" w:eastAsia=\"\(font)\" w:cs=\"\(font)\"/><w:sz w:val=\"\(body)\"/><w:szCs w:val=\"\(body)\"/>"))
        styles.append(paragraph("Title", "Title", basedOn: "Normal", next: "Normal",
                                pPr: official ? "<w:keepNext/><w:spacing w:before=\"0\" w:after=\"240\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>"
                                    : "<w:keepNext/><w:spacing w:before=\"0\" w:after=\"120\"/>",
                                rPr: official ? "<w:b/>" : "<w:b/><w:color w:val=\"1F3864\"/><w:sz w:val=\"\(body + 18)\"/>"))
        styles.append(paragraph("Subtitle", "Subtitle", basedOn: "Normal", next: "Normal",
                                pPr: official ? "<w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>" : "<w:spacing w:after=\"60\"/>",
                                rPr: "<w:i/><w:color w:val=\"404040\"/>"))
        let headingSizes = official ? [body, body, body] : [body + 10, body + 4, body + 2]
        for level in 1...3 {
            styles.append(paragraph("Heading\(level)", "heading \(level)", basedOn: "Normal", next: "Normal",
                                    pPr: "<w:keepNext/><w:keepLines/><w:spacing w:before=\"\(official ? 120 : 240)\" w:after=\"\(official ? 120 : 80)\"/>"
                                        + (official ? "" : "<w:ind w:firstLine=\"0\"/>") + "<w:outlineLvl w:val=\"\(level - 1)\"/>",
                                    rPr: (level == 3 && official ? "<w:b/><w:i/>" : "<w:b/>") + (level == 1 && official ? "<w:caps/>" : "")
                                        + (official ? "" : "<w:color w:val=\"1F3864\"/>") + "<w:sz w:val=\"\(headingSizes[level - 1])\"/>"))
        }
        styles.append(paragraph("Caption", "caption", basedOn: "Normal", next: "Normal",
                                pPr: "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\"/><w:ind w:firstLine=\"0\"/>" + (official ? "<w:jc w:val=\"center\"/>" : ""),
                                rPr: "<w:b/><w:sz w:val=\"\(table)\"/>"))
        styles.append(paragraph("TableText", "Table Text", basedOn: "Normal",
                                pPr: "<w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"left\"/>",
                                rPr: "<w:sz w:val=\"\(table)\"/>"))
        styles.append(paragraph("TableNumber", "Table Number", basedOn: "TableText", pPr: "<w:jc w:val=\"right\"/>", rPr: ""))
        styles.append(paragraph("TableHeading", "Table Heading", basedOn: "TableText", pPr: "<w:keepNext/><w:jc w:val=\"center\"/>", rPr: "<w:b/>"))
        styles.append(paragraph("MetricValue", "Metric Value", basedOn: "TableNumber", pPr: "", rPr: "<w:b/><w:sz w:val=\"\(body + 2)\"/>"))
        styles.append(paragraph("Chart", "Chart", basedOn: "Normal", pPr: "<w:spacing w:before=\"120\" w:after=\"120\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>", rPr: ""))
        styles.append(paragraph("Header", "header", basedOn: "Normal",
                                pPr: "<w:spacing w:after=\"0\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>", rPr: ""))
        styles.append(paragraph("Footer", "footer", basedOn: "Header", pPr: "", rPr: "<w:sz w:val=\"\(table)\"/>"))
        if official { styles += OfficialStyles.all(bodySize: body) }
        // Status words (exceeded, met, missed) in colour; an official document stays black.
        for (id, name, color) in [("StatusGood", "Status Good", "1E7B34"), ("StatusBad", "Status Bad", "B42318")] {
            styles.append("<w:style w:type=\"character\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/><w:qFormat/>"
                + "<w:rPr>\(official ? "" : "<w:color w:val=\"\(color)\"/>")</w:rPr></w:style>")
        }
        styles.append(reportTable(headerFill: official ? nil : "DDE4EE"))
        styles.append(plainTable)
        return OfficeXML.declaration
            + "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"\(font)\" w:hAnsi=\"\(font)\" w:eastAsia=\"\(font)\" w:cs=\"\(font)\"/>"
            + "<w:sz w:val=\"\(body)\"/><w:szCs w:val=\"\(body)\"/><w:lang w:val=\"\(XMLText.escape(language))\"/></w:rPr></w:rPrDefault>"
            + "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
            + styles.joined() + "</w:styles>"
    }

    static func paragraph(_ id: String, _ name: String, isDefault: Bool = false, basedOn: String? = nil, next: String? = nil,
                          pPr: String, rPr: String) -> String {
        "<w:style w:type=\"paragraph\"\(isDefault ? " w:default=\"1\"" : "") w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/>"
            + (basedOn.map { "<w:basedOn w:val=\"\($0)\"/>" } ?? "") + (next.map { "<w:next w:val=\"\($0)\"/>" } ?? "")
            + "<w:qFormat/>" + (pPr.isEmpty ? "" : "<w:pPr>\(pPr)</w:pPr>") + (rPr.isEmpty ? "" : "<w:rPr>\(rPr)</w:rPr>") + "</w:style>"
    }

    /// The tables of data: a thin grid, cells padded, the first row shaded where `headerFill` says.
    static func reportTable(headerFill: String?) -> String {
        let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\""
        return "<w:style w:type=\"table\" w:styleId=\"ReportTable\"><w:name w:val=\"Report Table\"/><w:basedOn w:val=\"TableNormal\"/><w:qFormat/>"
            + "<w:tblPr><w:tblBorders><w:top \(border)/><w:left \(border)/><w:bottom \(border)/><w:right \(border)/>"
            + "<w:insideH \(border)/><w:insideV \(border)/></w:tblBorders>"
            + "<w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
            + (headerFill.map { "<w:tblStylePr w:type=\"firstRow\"><w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\($0)\"/></w:tcPr></w:tblStylePr>" } ?? "")
            + "</w:style>"
    }

    /// Tables that only place things side by side (the official heading, the signature): no borders.
    static let plainTable = "<w:style w:type=\"table\" w:styleId=\"LayoutTable\"><w:name w:val=\"Layout Table\"/><w:basedOn w:val=\"TableNormal\"/>"
        + "<w:tblPr><w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
        + "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/>"
        + "<w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
        + "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
}
