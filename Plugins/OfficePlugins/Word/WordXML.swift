/// Paragraphs and runs of WordprocessingML, with their text escaped: a line break in the
/// text is `<w:br/>`, a tab `<w:tab/>`, spaces at either end kept.
enum WordXML {
    static func paragraph(_ style: String?, _ text: String, extra: String = "") -> String {
        let properties = (style.map { "<w:pStyle w:val=\"\($0)\"/>" } ?? "") + extra
        return "<w:p>" + (properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>") + run(text) + "</w:p>"
    }

    /// One run of `text`; empty text makes no run.
    static func run(_ text: String, properties: String = "") -> String {
        guard !text.isEmpty else { return "" }
        var xml = "<w:r>" + (properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>")
        var piece = ""
        func flush() {
            guard !piece.isEmpty else { return }
            let keepsSpace = piece.first == " " || piece.last == " "
            xml += "<w:t\(keepsSpace ? " xml:space=\"preserve\"" : "")>\(XMLText.escape(piece))</w:t>"
            piece = ""
        }
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n":
                flush()
                if !previousWasCarriageReturn { xml += "<w:br/>" }
            case "\r":
                flush()
                xml += "<w:br/>"
            case "\t":
                flush()
                xml += "<w:tab/>"
            default: if XMLText.isAllowed(scalar) { piece.unicodeScalars.append(scalar) }
            }
            previousWasCarriageReturn = scalar == "\r"
        }
        flush()
        return xml + "</w:r>"
    }

    static let pageBreak = "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"

    /// A cell of `width` twips holding `paragraphs`; Word needs at least one paragraph.
    static func cell(width: Int, _ paragraphs: [String], properties: String = "") -> String {
        "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>\(properties)</w:tcPr>"
            + (paragraphs.isEmpty ? "<w:p/>" : paragraphs.joined()) + "</w:tc>"
    }
}
