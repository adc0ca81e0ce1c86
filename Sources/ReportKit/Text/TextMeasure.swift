/// How wide a text is when drawn in the fonts reportgen's documents name ("Noto Sans", then
/// "DejaVu Sans"), in points, so that a chart can place labels that never collide and a
/// document can tell whether a table fits its page.
///
/// A document that draws text (an SVG chart, a page) cannot ask the browser how wide its text
/// will be: it is laid out before any browser sees it. So the widths are the fonts' own
/// advance widths, taken once from Debian's fonts-noto-core and fonts-dejavu (the larger of
/// the two for each character, so that either font fits), for ASCII and Latin-1. A letter with
/// Vietnamese marks is as wide as its base letter (marks stack, they take no room); other
/// letters take the width of a wide Latin letter, CJK and emoji a full em. Bold text is about
/// 5% wider than regular in both fonts.
public enum TextMeasure {
    /// The width of `text` at `size` points, in points.
    public static func width(of text: some StringProtocol, size: Double, bold: Bool = false) -> Double {
        let thousandths = text.reduce(0) { $0 + advance($1) }
        return Double(thousandths) * size / 1000 * (bold ? 1.05 : 1)
    }

    /// The advance of one character in thousandths of an em.
    static func advance(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if let width = latin(first.value) { return width }
        if DisplayWidth.of(character) == 2 { return 1000 }
        if DisplayWidth.of(character) == 0 { return 0 }
        // A precomposed letter (ế, Ư): its base letter, found by canonical decomposition.
        if let base = String(character).decomposedStringWithCanonicalMapping.unicodeScalars.first,
           base != first, let width = latin(base.value) {
            return width
        }
        switch first.value {
        case 0x0110: return 775   // Đ
        case 0x0111: return 635   // đ
        case 0x01A0: return 913   // Ơ
        case 0x01A1: return 616   // ơ
        case 0x01AF: return 858   // Ư
        case 0x01B0: return 674   // ư
        case 0x2013: return 500   // –
        case 0x2014, 0x2026: return 1000
        case 0x2212: return 838   // −
        case 0x0300...0x036F: return 0
        default: return 700
        }
    }

    private static func latin(_ value: UInt32) -> Int? {
        switch value {
        case 0x20...0x7E: return ascii[Int(value - 0x20)]
        case 0xA0...0xFF: return latin1[Int(value - 0xA0)]
        default: return nil
        }
    }

    /// U+0020 to U+007E.
    private static let ascii = [
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 551, 838, 318, 361, 318, 372, 636, 636, 636, 636, 636, 636, 636, 636,
        636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 339, 295, 656, 557, 907, 760, 787,
        605, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 372, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
        634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 413, 521, 392, 634, 592, 818, 592, 592, 525, 636, 551, 636, 838,
    ]

    /// U+00A0 to U+00FF.
    private static let latin1 = [
        318, 401, 636, 636, 636, 636, 551, 513, 580, 1000, 471, 612, 838, 361, 1000, 500, 500, 838, 401, 401, 500, 636, 655, 318,
        500, 401, 471, 612, 969, 969, 969, 531, 684, 684, 684, 684, 684, 684, 974, 698, 632, 632, 632, 632, 339, 339, 339, 339,
        775, 760, 787, 787, 787, 787, 787, 838, 787, 732, 732, 732, 732, 611, 605, 631, 613, 613, 613, 613, 613, 613, 982, 550,
        615, 615, 615, 615, 278, 278, 278, 278, 612, 634, 612, 612, 612, 612, 612, 838, 612, 634, 634, 634, 634, 592, 635, 592,
    ]
}
