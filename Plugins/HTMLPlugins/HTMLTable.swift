import Foundation
import ReportKit

/// A table as HTML that is never cut in print. Its natural width is measured (``TextMeasure``)
/// against an A4 page's text: a table too wide for a portrait page gets a landscape page of
/// its own; too wide for that, its print size shrinks, down to 8 pt; too wide even then, its
/// columns are split over several tables (at 9 pt), each repeating the first (key) column,
/// while the screen keeps the whole table, scrolled sideways.
struct HTMLTable {
    let table: DocumentTable

    /// Widths of an A4 page's text (15 mm margins), in points.
    static let portraitWidth = 510.0, landscapeWidth = 757.0
    /// The print size of table text (11 pt × 0.95), the least it shrinks to, and the size of split parts.
    static let normalSize = 10.45, smallestSize = 8.0, splitSize = 9.0

    enum Fit: Equatable {
        case portrait
        /// A landscape page, printed at this size.
        case landscape(size: Double)
        /// Column groups (indices past the key column), each with the key column.
        case split([[Int]])
    }

    var fit: Fit {
        let natural = Self.naturalWidth(table, size: Self.normalSize)
        if natural <= Self.portraitWidth { return .portrait }
        if natural <= Self.landscapeWidth { return .landscape(size: Self.normalSize) }
        // Width grows with the size, so the size that fits is proportional.
        let size = (Self.normalSize * Self.landscapeWidth / natural * 10).rounded(.down) / 10
        if size >= Self.smallestSize { return .landscape(size: size) }
        let widths = table.columns.indices.map { Self.columnWidth(table, $0, size: Self.splitSize) }
        var groups: [[Int]] = [], current: [Int] = [], used = widths.first ?? 0
        for index in table.columns.indices.dropFirst() {
            if !current.isEmpty, used + widths[index] > Self.landscapeWidth {
                groups.append(current)
                current = []
                used = widths[0]
            }
            current.append(index)
            used += widths[index]
        }
        if !current.isEmpty { groups.append(current) }
        // As many parts, of about equal width: 9 and 9 columns rather than 11 and 7.
        let rest = Array(table.columns.indices.dropFirst()), share = Int((Double(rest.count) / Double(groups.count)).rounded(.up))
        let even = stride(from: 0, to: rest.count, by: share).map { Array(rest[$0..<min($0 + share, rest.count)]) }
        let fits = even.allSatisfy { group in group.reduce(widths[0]) { $0 + widths[$1] } <= Self.landscapeWidth }
        return .split(fits && even.count == groups.count ? even : groups)
    }

    var markup: String {
        switch fit {
        case .portrait:
            return Self.figure(table, columns: Array(table.columns.indices), caption: table.title)
        case .landscape(let size):
            let style = size < Self.normalSize ? " style=\"--print-size: \(SVGChart.format(size))pt\"" : ""
            return "<section class=\"landscape\"\(style)>\n" + Self.figure(table, columns: Array(table.columns.indices), caption: table.title)
                + "\n</section>"
        case .split(let groups):
            let whole = "<div class=\"screen-only\">\n" + Self.figure(table, columns: Array(table.columns.indices), caption: table.title) + "\n</div>"
            let parts = groups.enumerated().map { number, group in
                let caption = (table.title.map { $0 + " " } ?? "") + "(\(number + 1)/\(groups.count))"
                return Self.figure(table, columns: [0] + group, caption: caption)
            }
            return whole + "\n<section class=\"landscape print-only\" style=\"--print-size: \(SVGChart.format(Self.splitSize))pt\">\n"
                + parts.joined(separator: "\n") + "\n</section>"
        }
    }

    private static func figure(_ table: DocumentTable, columns: [Int], caption: String?) -> String {
        func classes(_ column: DocumentTable.Column) -> String {
            switch column.role {
            case .number: return " class=\"number\""
            case .date: return " class=\"date\""
            case .text: return ""
            }
        }
        let header = columns.map { "<th\(classes(table.columns[$0])) scope=\"col\">\(HTMLText.escape(table.columns[$0].label))</th>" }.joined()
        let rows = table.rows.map { row in
            "<tr>" + columns.map { index -> String in
                let column = table.columns[index], cell = row[index]
                if let tone = column.tones[cell] {
                    return "<td class=\"status \(tone.rawValue)\">\(HTMLText.escape(cell))</td>"
                }
                return "<td\(classes(column))>\(HTMLText.escape(cell))</td>"
            }.joined() + "</tr>"
        }.joined(separator: "\n")
        let caption = caption.map { "<figcaption>\(HTMLText.escape($0))</figcaption>\n" } ?? ""
        return "<figure class=\"table\">\n\(caption)<div class=\"scroll\">\n<table>\n<thead><tr>\(header)</tr></thead>\n<tbody>\n\(rows)\n</tbody>\n</table>\n</div>\n</figure>"
    }

    /// The width the table takes at `size` points: each column as wide as its widest cell
    /// (numbers and dates never wrap; text wraps past 180 pt) or its header's longest word, and
    /// its padding.
    static func naturalWidth(_ table: DocumentTable, size: Double) -> Double {
        table.columns.indices.reduce(0) { $0 + columnWidth(table, $1, size: size) }
    }

    static func columnWidth(_ table: DocumentTable, _ index: Int, size: Double) -> Double {
        let column = table.columns[index]
        let cells = table.rows.map { TextMeasure.width(of: $0[index], size: size) }.max() ?? 0
        let words = column.label.split(separator: " ").map { TextMeasure.width(of: $0, size: size, bold: true) }.max() ?? 0
        let header = min(TextMeasure.width(of: column.label, size: size, bold: true), max(words, 120))
        let content = column.role == .text ? min(cells, 180) : cells
        return max(content, header) + 1.2 * size + 1
    }
}
