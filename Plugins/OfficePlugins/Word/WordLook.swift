/// What a Word document looks like: its font, sizes, margins and whether it follows the
/// Vietnamese official format. Everything here ends in `styles.xml` or the section's page
/// setup, so a user changes it in Word once, for the whole document.
struct WordLook {
    /// Page margins in millimetres.
    struct Margins {
        var top: Double, bottom: Double, left: Double, right: Double
    }

    var font: String
    /// The body text's size in points.
    var size: Double
    var margins: Margins
    var isOfficial: Bool

    static let standard = WordLook(font: "Arial", size: 11, margins: Margins(top: 25.4, bottom: 25.4, left: 25.4, right: 25.4),
                                   isOfficial: false)
    /// Decree 30/2020/NĐ-CP, Appendix I: Times New Roman, 13-14 pt, margins top and bottom
    /// 20-25 mm, left 30-35 mm, right 15-20 mm (the lower bounds here).
    static let vietnameseOfficial = WordLook(font: "Times New Roman", size: 14, margins: Margins(top: 20, bottom: 20, left: 30, right: 15),
                                             isOfficial: true)

    /// A4 in twentieths of a point.
    static let pageWidth = 11_906, pageHeight = 16_838

    static func twips(millimetres: Double) -> Int { Int((millimetres * 1440 / 25.4).rounded()) }

    /// The width between the margins, in twips.
    var textWidth: Int {
        Self.pageWidth - Self.twips(millimetres: margins.left) - Self.twips(millimetres: margins.right)
    }

    /// A size in points as Word's half-points.
    static func halfPoints(_ points: Double) -> Int { Int((points * 2).rounded()) }
}
