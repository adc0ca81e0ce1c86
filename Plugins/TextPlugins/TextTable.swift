import ReportKit

/// A table laid out in columns: text left-aligned, numbers right-aligned, two spaces apart.
/// A table wider than the page has its widest text columns narrowed and their cells wrapped
/// over several lines, rows then set apart by a blank line; numbers are never wrapped.
struct TextTable {
    let text: String

    /// A text column is not narrowed below this, nor below its longest word when that is
    /// shorter.
    static let narrowest = 12

    init(_ table: DocumentTable, width: Int) {
        let header = table.columns.map(\.label)
        let widths = Self.widths(table, fitting: width)
        let wrapped = table.rows.map { row in
            row.indices.map { column in
                table.columns[column].isNumeric ? [row[column]]
                    : TextWrap.lines(row[column], width: widths[column], breakingWords: true)
            }
        }
        let headerLines = header.indices.map { TextWrap.lines(header[$0], width: widths[$0], breakingWords: true) }
        func lines(_ cells: [[String]]) -> [String] {
            (0..<(cells.map(\.count).max() ?? 1)).map { index in
                var joined = cells.indices.map { column in
                    let field = index < cells[column].count ? cells[column][index] : ""
                    return table.columns[column].isNumeric ? DisplayWidth.padLeft(field, to: widths[column])
                        : DisplayWidth.padRight(field, to: widths[column])
                }.joined(separator: "  ")
                while joined.last == " " { joined.removeLast() }
                return joined
            }
        }
        var result = lines(headerLines) + [widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        let spaced = wrapped.contains { $0.contains { $0.count > 1 } }
        for (index, row) in wrapped.enumerated() {
            if spaced, index > 0 { result.append("") }
            result += lines(row)
        }
        if table.rows.isEmpty { result.append("(no rows)") }
        text = result.joined(separator: "\n")
    }

    /// Each column's width: its widest cell; then, while the table is wider than `page`, the
    /// widest text column one narrower: first down to its longest word (so that words stay
    /// whole), then, if that is not enough, down to ``narrowest``.
    private static func widths(_ table: DocumentTable, fitting page: Int) -> [Int] {
        let columns = table.columns.indices
        let texts = columns.map { column in ([table.columns[column].label] + table.rows.map { $0[column] }) }
        var widths = texts.map { cells in
            cells.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }.map { DisplayWidth.of($0) }.max() ?? 0
        }
        let longestWords = texts.map { cells in
            cells.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\n" }) }.map { DisplayWidth.of($0) }.max() ?? 0
        }
        var total = widths.reduce(0, +) + 2 * max(0, widths.count - 1)
        for keepingWords in [true, false] {
            let floors = columns.map { column in
                table.columns[column].isNumeric ? widths[column]
                    : min(widths[column], keepingWords ? max(narrowest, longestWords[column]) : narrowest)
            }
            while total > page {
                guard let widest = columns.filter({ widths[$0] > floors[$0] }).max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
                total -= 1
            }
        }
        return widths
    }
}
