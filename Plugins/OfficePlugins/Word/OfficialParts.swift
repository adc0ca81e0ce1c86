import ReportKit

/// What an official Vietnamese document has around its text, from the recipe's values: at the
/// top the issuing body (left) facing the national heading, or for a party body the party's
/// heading (right), the number under the one and the place and date under the other; the
/// kind of document over its title; at the end the recipients (left) and the signature (right).
///
/// Decree 30/2020/NĐ-CP, Appendix I, for state bodies: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" over
/// "Độc lập - Tự do - Hạnh phúc" and a line as long as it; a line of a third to a half of the
/// issuing body's name under it. Guideline 36-HD/VPTW (2018) for party bodies: "ĐẢNG CỘNG SẢN
/// VIỆT NAM" at the top right with a line as long as it under it; a star under the issuing body.
struct OfficialParts {
    enum Heading: String, OptionChoice { case national, party }

    var heading: Heading
    /// The issuing body's name, line by line: superior bodies first, the issuing body last.
    var issuer: [String]
    var number: String?
    var placeAndDate: String
    var kind: String?
    var authority: [String]
    var signer: String?
    var recipients: [String]
    var look: WordLook

    /// The top of the first page: two rows of two cells, so that the number and the date line up.
    func top(width: Int) -> String {
        let left = width * 2 / 5, right = width - left
        let points = look.size
        var issuerCell = issuer.enumerated().map { index, line in
            WordXML.paragraph(index == issuer.count - 1 ? "IssuingBody" : "SuperiorBody", line)
        }
        switch heading {
        // A third to a half of the name's line; a name that wraps is measured by the cell.
        case .national: issuerCell.append(rule(textWidth: (issuer.last ?? "").count, points: points - 1, factor: 0.7, share: 0.4, cell: left, longest: left * 2 / 5))
        case .party: issuerCell.append(WordXML.paragraph("SuperiorBody", "*"))
        }
        var headingCell: [String]
        switch heading {
        case .national:
            headingCell = [WordXML.paragraph("NationalHeading", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                           WordXML.paragraph("Motto", "Độc lập - Tự do - Hạnh phúc"),
                           rule(textWidth: 27, points: points, factor: 0.5, share: 1, cell: right)]
        case .party:
            headingCell = [WordXML.paragraph("PartyHeading", "ĐẢNG CỘNG SẢN VIỆT NAM"), rule(textWidth: 22, points: points + 1, factor: 0.62, share: 1, cell: right)]
        }
        return "<w:tbl>" + Self.layoutTable(width: width, columns: [left, right])
            + "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + WordXML.cell(width: left, issuerCell) + WordXML.cell(width: right, headingCell) + "</w:tr>"
            + "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + WordXML.cell(width: left, number.map { [WordXML.paragraph("DocumentNumber", $0)] } ?? [])
            + WordXML.cell(width: right, [WordXML.paragraph("PlaceAndDate", placeAndDate)]) + "</w:tr></w:tbl>"
    }

    /// The kind of document (`BÁO CÁO`), the title under it and a short line under both.
    func title(_ title: String, width: Int) -> String {
        (kind.map { WordXML.paragraph("DocumentKind", $0) } ?? "")
            + WordXML.paragraph("Title", title, extra: "<w:spacing w:after=\"0\"/>")
            + rule(textWidth: min(title.count, 60), points: look.size, factor: 0.5, share: 0.4, cell: width)
            + WordXML.paragraph(nil, "")
    }

    /// The end: recipients at the left, the signature at the right (authority and position in
    /// capitals, room to sign, the signer's name).
    func bottom(width: Int) -> String {
        let left = width * 9 / 20, right = width - left
        let recipientsCell = recipients.isEmpty ? [] : [WordXML.paragraph("RecipientsHeading", "Nơi nhận:")]
            + recipients.map { WordXML.paragraph("Recipients", "- " + $0) }
        let signatureCell = authority.map { WordXML.paragraph("SignatureTitle", $0) } + (signer.map { [WordXML.paragraph("SignatureName", $0)] } ?? [])
        return WordXML.paragraph(nil, "") + "<w:tbl>" + Self.layoutTable(width: width, columns: [left, right])
            + "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + WordXML.cell(width: left, recipientsCell) + WordXML.cell(width: right, signatureCell)
            + "</w:tr></w:tbl>" + WordXML.paragraph(nil, "")
    }

    /// "Tây Hồ, ngày 05 tháng 3 năm 2025": days below 10 and the months January and February
    /// with a leading zero, as the decree asks (so that no digit can be added in front); without
    /// a date, room to write it by hand.
    static func placeAndDate(place: String?, date: CivilDate?) -> String {
        let prefix = place.map { "\($0), " } ?? ""
        guard let date else { return prefix + "ngày      tháng      năm      " }
        let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        let month = date.month < 3 ? "0\(date.month)" : "\(date.month)"
        return prefix + "ngày \(day) tháng \(month) năm \(date.year)"
    }

    /// A horizontal line centred in a cell: the bottom border of an empty, tiny paragraph, as
    /// wide as `share` of a text of `textWidth` characters at `points` (a character taking
    /// `factor` of an em), at most `longest`.
    private func rule(textWidth characters: Int, points: Double, factor: Double, share: Double, cell: Int, longest: Int? = nil) -> String {
        let length = min(Int(Double(characters) * points * 20 * factor * share), longest ?? cell)
        let indent = max((cell - length) / 2, 0)
        return "<w:p><w:pPr><w:pStyle w:val=\"Rule\"/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>"
            + "<w:ind w:left=\"\(indent)\" w:right=\"\(indent)\" w:firstLine=\"0\"/></w:pPr></w:p>"
    }

    static func layoutTable(width: Int, columns: [Int]) -> String {
        "<w:tblPr><w:tblStyle w:val=\"LayoutTable\"/><w:tblW w:w=\"\(width)\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>"
            + "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr>"
            + "<w:tblGrid>" + columns.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
    }
}
