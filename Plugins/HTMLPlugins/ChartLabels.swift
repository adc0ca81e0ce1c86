import Foundation
import ReportKit

/// The rectangle a label's text takes as drawn: its centre, its width along the text, its
/// height across it, and its angle in degrees (0, or -45 for slanted labels). Widths come from
/// ``TextMeasure``, so that what the layout avoids is what the page shows.
struct LabelBox: Equatable {
    var centerX: Double
    var centerY: Double
    var width: Double
    var height: Double
    var angle: Double = 0

    /// The four corners, for overlap tests.
    var corners: [(Double, Double)] {
        let radians = angle * .pi / 180
        let along = (cos(radians), sin(radians)), across = (-sin(radians), cos(radians))
        return [(-1.0, -1.0), (1, -1), (1, 1), (-1, 1)].map { sign in
            (centerX + sign.0 * width / 2 * along.0 + sign.1 * height / 2 * across.0,
             centerY + sign.0 * width / 2 * along.1 + sign.1 * height / 2 * across.1)
        }
    }

    /// Whether two boxes share any area (separating axis theorem on their four edge normals).
    func overlaps(_ other: LabelBox) -> Bool {
        let mine = corners, theirs = other.corners
        for box in [self, other] {
            let radians = box.angle * .pi / 180
            for axis in [(cos(radians), sin(radians)), (-sin(radians), cos(radians))] {
                let a = mine.map { $0.0 * axis.0 + $0.1 * axis.1 }, b = theirs.map { $0.0 * axis.0 + $0.1 * axis.1 }
                if a.max()! <= b.min()! + 1e-6 || b.max()! <= a.min()! + 1e-6 { return false }
            }
        }
        return true
    }
}

/// How the category labels of a chart are set: every one across, wrapped on two lines,
/// slanted, or every k-th one, whichever first lets no two boxes touch.
struct CategoryLabels {
    enum Style: Equatable { case across, wrapped, slanted(every: Int), thinned(every: Int) }

    static let fontSize = 13.5
    static let gap = 4.0
    static let lineHeight = fontSize * 1.2
    /// Slanted labels longer than this are cut with an ellipsis (the text alternative keeps them).
    static let longestSlanted = 170.0

    var style: Style
    /// The label written at each shown index (`nil` where thinned out), one string per line.
    var lines: [[String]?]

    /// The first style, in order, that fits `labels` in slots `slot` wide. Names are slanted
    /// rather than thinned when that fits; long runs of time are thinned.
    init(_ labels: [String], slot: Double, isTime: Bool) {
        let widths = labels.map { TextMeasure.width(of: $0, size: Self.fontSize) }
        let widest = widths.max() ?? 0
        if widest + Self.gap <= slot {
            self.init(style: .across, lines: labels.map { [$0] })
            return
        }
        let wrapped = labels.map(Self.twoLines)
        if wrapped.allSatisfy({ $0.count == 2 }),
           wrapped.allSatisfy({ $0.map { TextMeasure.width(of: $0, size: Self.fontSize) }.max()! + Self.gap <= slot }) {
            self.init(style: .wrapped, lines: wrapped)
            return
        }
        // Slanted labels clear each other when their distance across the text exceeds a line:
        // names every one or every k-th, time only while every label is shown (two years of months).
        let slantedEvery = Self.niceStep(atLeast: Int(((Self.fontSize + Self.gap) / (slot * sin(.pi / 4))).rounded(.up)))
        if !isTime || (slantedEvery == 1 && labels.count <= 24) {
            self.init(style: .slanted(every: slantedEvery), lines: labels.indices.map {
                $0 % slantedEvery == 0 ? [Self.cut(labels[$0], to: Self.longestSlanted)] : nil
            })
            return
        }
        let every = Self.niceStep(atLeast: Int(((widest + Self.gap) / slot).rounded(.up)), twelfths: labels.count % 12 == 0)
        self.init(style: .thinned(every: every), lines: labels.indices.map { $0 % every == 0 ? [labels[$0]] : nil })
    }

    init(style: Style, lines: [[String]?]) {
        self.style = style
        self.lines = lines
    }

    /// The height the labels take below the axis.
    var height: Double {
        switch style {
        case .across, .thinned: return Self.lineHeight
        case .wrapped: return Self.lineHeight * 2
        case .slanted:
            let widest = lines.compactMap { $0?.first }.map { TextMeasure.width(of: $0, size: Self.fontSize) }.max() ?? 0
            return widest * sin(.pi / 4) + Self.fontSize
        }
    }

    /// The box of the label at `index`, whose slot is centred at `x`, below an axis at `top`.
    func box(at index: Int, x: Double, top: Double) -> LabelBox? {
        guard let text = lines[index] else { return nil }
        let width = text.map { TextMeasure.width(of: $0, size: Self.fontSize) }.max() ?? 0
        switch style {
        case .across, .thinned, .wrapped:
            let height = Double(text.count) * Self.lineHeight
            return LabelBox(centerX: x, centerY: top + height / 2, width: width, height: Self.fontSize + (height - Self.lineHeight))
        case .slanted:
            // Anchored at its end below the tick, rising to the right at 45 degrees.
            let anchorX = x + Self.fontSize * 0.35, anchorY = top + Self.fontSize * 0.35
            let half = width / 2 * cos(.pi / 4)
            return LabelBox(centerX: anchorX - half, centerY: anchorY + half, width: width, height: Self.fontSize, angle: -45)
        }
    }

    /// `Q1 2021` as `Q1` over `2021`: split at the space nearest the middle.
    static func twoLines(_ label: String) -> [String] {
        let characters = Array(label)
        let spaces = characters.indices.filter { characters[$0] == " " }
        guard let split = spaces.min(by: { abs($0 * 2 - characters.count) < abs($1 * 2 - characters.count) }) else { return [label] }
        return [String(characters[..<split]), String(characters[(split + 1)...])]
    }

    /// `text`, cut with an ellipsis to at most `width` units.
    static func cut(_ text: String, to width: Double) -> String {
        guard TextMeasure.width(of: text, size: fontSize) > width else { return text }
        var kept = ""
        for character in text {
            if TextMeasure.width(of: kept + String(character) + "…", size: fontSize) > width { break }
            kept.append(character)
        }
        return kept + "…"
    }

    /// The smallest step of 1, 2, 3, 4, 5, 6, 7, 10, 12, 14, 15, 20, 25, 30, 50 ... at or above
    /// `minimum`, so that thinned labels fall on round positions; for a count of twelfths
    /// (months of whole years) only divisors and multiples of 12, so that labels fall on
    /// quarters, half years and years.
    static func niceStep(atLeast minimum: Int, twelfths: Bool = false) -> Int {
        let steps = twelfths ? [1, 2, 3, 4, 6, 12, 24, 36, 48, 60, 120] : [1, 2, 3, 4, 5, 6, 7, 10, 12, 14, 15, 20, 24, 25, 30, 50, 60, 100]
        if let step = steps.first(where: { $0 >= minimum }) { return step }
        return Int((Double(minimum) / 100).rounded(.up)) * 100
    }
}
