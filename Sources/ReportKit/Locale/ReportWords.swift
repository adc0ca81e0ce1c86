/// The few words a report writes that CLDR has no entry for: the status of a comparison, the
/// total of a pivot, a target's label, a printed page's number ("Page 2 of 5", "Trang 2/5":
/// `page`, the number, `pageOf`, the count). A language without an entry gets English.
public struct ReportWords: Sendable {
    public let exceeded: String, met: String, missed: String, total: String, target: String
    public let page: String, pageOf: String

    public init(locale: ReportLocale) {
        switch locale.languageCode {
        case "vi": (page, pageOf) = ("Trang", "/")
        case "de": (page, pageOf) = ("Seite", " von ")
        case "fr": (page, pageOf) = ("Page", " sur ")
        default: (page, pageOf) = ("Page", " of ")
        }
        switch locale.languageCode {
        case "vi": (exceeded, met, missed, total, target) = ("vượt", "đạt", "không đạt", "Tổng cộng", "chỉ tiêu")
        case "de": (exceeded, met, missed, total, target) = ("übertroffen", "erreicht", "verfehlt", "Gesamt", "Ziel")
        case "fr": (exceeded, met, missed, total, target) = ("dépassé", "atteint", "manqué", "Total", "objectif")
        default: (exceeded, met, missed, total, target) = ("exceeded", "met", "missed", "Total", "target")
        }
    }
}
