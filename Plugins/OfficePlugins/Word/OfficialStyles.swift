/// The paragraph styles of the parts that Decree 30/2020/NĐ-CP (Appendix I) and the party's
/// Guideline 36-HD/VPTW (2018) place around an official document's text: the national or
/// party heading, the issuing body, the number, the place and date, the kind of document, the
/// signature and the recipients. Sizes follow the decree's table (body 13-14 pt; heading,
/// issuer and number a point smaller; recipients 11-12 pt).
enum OfficialStyles {
    static func all(bodySize body: Int) -> [String] {
        let small = body - 2
        let centred = "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>"
        return [
            WordStyles.paragraph("NationalHeading", "National Heading", basedOn: "Normal", pPr: centred, rPr: "<w:b/><w:sz w:val=\"\(small)\"/>"),
            WordStyles.paragraph("PartyHeading", "Party Heading", basedOn: "Normal", pPr: centred, rPr: "<w:b/><w:sz w:val=\"\(body + 2)\"/>"),
            WordStyles.paragraph("Motto", "Motto", basedOn: "Normal", pPr: centred, rPr: "<w:b/>"),
            WordStyles.paragraph("SuperiorBody", "Superior Body", basedOn: "Normal", pPr: centred, rPr: "<w:caps/><w:sz w:val=\"\(small)\"/>"),
            WordStyles.paragraph("IssuingBody", "Issuing Body", basedOn: "Normal", pPr: centred, rPr: "<w:b/><w:caps/><w:sz w:val=\"\(small)\"/>"),
            WordStyles.paragraph("DocumentNumber", "Document Number", basedOn: "Normal", pPr: centred.replacingOccurrences(of: "w:before=\"0\"", with: "w:before=\"120\""),
                                 rPr: "<w:sz w:val=\"\(small)\"/>"),
            WordStyles.paragraph("PlaceAndDate", "Place and Date", basedOn: "Normal", pPr: centred.replacingOccurrences(of: "w:before=\"0\"", with: "w:before=\"120\""),
                                 rPr: "<w:i/>"),
            WordStyles.paragraph("DocumentKind", "Document Kind", basedOn: "Normal", next: "Title",
                                 pPr: "<w:keepNext/>" + centred.replacingOccurrences(of: "w:before=\"0\"", with: "w:before=\"360\""), rPr: "<w:b/><w:caps/>"),
            WordStyles.paragraph("Rule", "Rule", basedOn: "Normal", pPr: centred, rPr: "<w:sz w:val=\"4\"/>"),
            WordStyles.paragraph("SignatureTitle", "Signature Title", basedOn: "Normal", pPr: "<w:keepNext/>" + centred, rPr: "<w:b/><w:caps/>"),
            WordStyles.paragraph("SignatureName", "Signature Name", basedOn: "Normal",
                                 pPr: centred.replacingOccurrences(of: "w:before=\"0\"", with: "w:before=\"1560\""), rPr: "<w:b/>"),
            WordStyles.paragraph("RecipientsHeading", "Recipients Heading", basedOn: "Normal", next: "Recipients",
                                 pPr: "<w:keepNext/><w:spacing w:before=\"0\" w:after=\"0\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"left\"/>",
                                 rPr: "<w:b/><w:i/><w:sz w:val=\"24\"/>"),
            WordStyles.paragraph("Recipients", "Recipients", basedOn: "Normal",
                                 pPr: "<w:spacing w:before=\"0\" w:after=\"0\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"left\"/>", rPr: "<w:sz w:val=\"22\"/>"),
        ]
    }
}
