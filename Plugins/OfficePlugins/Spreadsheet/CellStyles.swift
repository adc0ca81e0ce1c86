/// The distinct cell styles of a workbook, each given its index in `styles.xml`'s `cellXfs`
/// in the order first used, and `styles.xml` itself.
struct CellStyles {
    private(set) var styles: [CellStyle] = [CellStyle()]
    private var indexes: [CellStyle: Int] = [CellStyle(): 0]
    let fontName: String

    init(fontName: String) {
        self.fontName = fontName
    }

    mutating func index(of style: CellStyle) -> Int {
        if let index = indexes[style] { return index }
        styles.append(style)
        indexes[style] = styles.count - 1
        return styles.count - 1
    }

    /// `styles.xml`: custom number formats from id 164 (the first id Excel leaves to files),
    /// four fonts, a shaded fill and a bottom border for headers, and one `xf` per style.
    var xml: String {
        var formatIDs: [String: Int] = ["General": 0]
        var formats = ""
        for style in styles where formatIDs[style.numberFormat] == nil {
            formatIDs[style.numberFormat] = 164 + formatIDs.count - 1
            formats += "<numFmt numFmtId=\"\(formatIDs[style.numberFormat]!)\" formatCode=\"\(XMLText.escape(style.numberFormat))\"/>"
        }
        let name = "<name val=\"\(XMLText.escape(fontName))\"/><family val=\"2\"/>"
        let fonts = [
            "<font><sz val=\"10\"/>\(name)</font>",
            "<font><b/><sz val=\"10\"/>\(name)</font>",
            "<font><b/><sz val=\"14\"/>\(name)</font>",
            "<font><u/><sz val=\"10\"/><color rgb=\"FF0563C1\"/>\(name)</font>",
        ]
        let xfs = styles.map { style -> String in
            let format = formatIDs[style.numberFormat]!
            var attributes = "numFmtId=\"\(format)\" fontId=\"\(style.font.rawValue)\" fillId=\"\(style.isHeader ? 2 : 0)\" "
                + "borderId=\"\(style.isHeader ? 1 : 0)\" xfId=\"0\""
            if format != 0 { attributes += " applyNumberFormat=\"1\"" }
            if style.font != .normal { attributes += " applyFont=\"1\"" }
            if style.isHeader { attributes += " applyFill=\"1\" applyBorder=\"1\"" }
            guard style.wraps || style.isHeader else { return "<xf \(attributes)/>" }
            let horizontal = style.isHeader ? " horizontal=\"center\"" : ""
            return "<xf \(attributes) applyAlignment=\"1\"><alignment\(horizontal) vertical=\"top\"\(style.wraps ? " wrapText=\"1\"" : "")/></xf>"
        }
        return OfficeXML.declaration
            + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            + (formats.isEmpty ? "" : "<numFmts count=\"\(formatIDs.count - 1)\">\(formats)</numFmts>")
            + "<fonts count=\"\(fonts.count)\">\(fonts.joined())</fonts>"
            + "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
            + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFDDE4EE\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
            + "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
            + "<border><left/><right/><top/><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"\(xfs.count)\">\(xfs.joined())</cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
            + "</styleSheet>"
    }
}
