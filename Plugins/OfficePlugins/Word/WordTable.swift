import ReportKit

/// Tables of a Word document: a report's table with its header row repeated on every page
/// and numbers aligned right, and the metrics as a table of figures.
enum WordTable {
    /// A table too wide for the page (a pivot of seventeen years) is cut into parts of
    /// whole columns, each repeating the first column (the rows' labels), as the HTML output
    /// prints it.
    static func table(_ table: DocumentTable, width: Int, points: Double) -> String {
        let texts = table.columns.indices.map { column in [table.columns[column].label] + table.rows.map { $0[column] } }
        let least = leastWidths(texts, total: Int.max, points: points)
        guard least.reduce(0, +) > Double(width), table.columns.count > 2 else { return part(table, width: width, points: points) }
        var groups: [[Int]] = [[]]
        var used = least[0]
        for column in 1..<table.columns.count {
            if !groups[groups.count - 1].isEmpty, used + least[column] > Double(width) {
                groups.append([])
                used = least[0]
            }
            groups[groups.count - 1].append(column)
            used += least[column]
        }
        return groups.enumerated().map { number, group in
            var piece = table
            let kept = [0] + group
            piece.columns = kept.map { table.columns[$0] }
            piece.rows = table.rows.map { row in kept.map { row[$0] } }
            piece.title = (table.title.map { $0 + " " } ?? "") + "(\(number + 1)/\(groups.count))"
            return part(piece, width: width, points: points)
        }.joined()
    }

    private static func part(_ table: DocumentTable, width: Int, points: Double) -> String {
        var xml = table.title.map { WordXML.paragraph("Caption", $0) } ?? ""
        let texts = table.columns.indices.map { column in [table.columns[column].label] + table.rows.map { $0[column] } }
        let widths = columnWidths(texts, total: width, points: points)
        xml += start(width: width, widths: widths, hasHeader: true)
        xml += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            + zip(table.columns, widths).map { WordXML.cell(width: $1, [WordXML.paragraph("TableHeading", $0.label)]) }.joined() + "</w:tr>"
        for row in table.rows {
            xml += "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + zip(zip(row, table.columns), widths).map { pair, width in
                let (text, column) = pair
                let style = column.isNumeric ? "TableNumber" : "TableText"
                guard let tone = column.tones[text] else { return WordXML.cell(width: width, [WordXML.paragraph(style, text)]) }
                let run = WordXML.run(text, properties: "<w:rStyle w:val=\"\(tone == .good ? "StatusGood" : "StatusBad")\"/>")
                return WordXML.cell(width: width, ["<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/></w:pPr>\(run)</w:p>"])
            }.joined() + "</w:tr>"
        }
        return xml + "</w:tbl>" + spacer
    }

    /// The metrics as rows of label, value and, where any has them, target and status.
    static func metrics(_ metrics: [DocumentMetric], width: Int, points: Double) -> String {
        let hasTarget = metrics.contains { $0.target != nil }, hasStatus = metrics.contains { $0.status != nil }
        let rows = metrics.map { metric in
            [("TableText", metric.label), ("MetricValue", metric.value)] + (hasTarget ? [("TableNumber", metric.target ?? "")] : [])
                + (hasStatus ? [("TableText", metric.status ?? "")] : [])
        }
        // Metric values are bold and larger than table text.
        let widths = columnWidths(rows.isEmpty ? [] : rows[0].indices.map { column in rows.map { $0[column].1 } }, total: width, points: points + 2)
        return start(width: width, widths: widths, hasHeader: false) + rows.map { row in
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + zip(row, widths).map { WordXML.cell(width: $1, [WordXML.paragraph($0.0, $0.1)]) }.joined() + "</w:tr>"
        }.joined() + "</w:tbl>" + spacer
    }

    private static func start(width: Int, widths: [Int], hasHeader: Bool) -> String {
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"\(width)\" w:type=\"dxa\"/>"
            + "<w:tblLook w:val=\"\(hasHeader ? "04A0" : "0400")\" w:firstRow=\"\(hasHeader ? 1 : 0)\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>"
            + "</w:tblPr><w:tblGrid>" + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
    }

    /// An empty paragraph after a table, so that two tables never merge and text never
    /// touches a table's last line.
    private static let spacer = "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>"

    /// Widths in twips adding up to `total`, shared as the columns' widest texts are (a long
    /// quotation counted as 50 characters, so that it does not squeeze the figures beside it),
    /// but each column at least as wide as its longest word, so that no word or number breaks
    /// (`thanh_nien`, `251,536.50`), up to a fifth of the table (a file's path may break).
    /// `points` is the text's size.
    static func columnWidths(_ columns: [[String]], total: Int, points: Double) -> [Int] {
        guard !columns.isEmpty else { return [] }
        let whole = Double(total), least = leastWidths(columns, total: total, points: points)
        let widest = columns.map { texts in min(longest(texts.flatMap { $0.split(separator: "\n") }), 50) * character(points) + padding }
        let leastSum = least.reduce(0, +)
        var widths: [Double]
        if leastSum >= whole {
            widths = least.map { $0 * whole / leastSum }
        } else {
            let share = widest.map { $0 * whole / widest.reduce(0, +) }
            let deficit = zip(share, least).map { max($1 - $0, 0) }.reduce(0, +)
            let slack = zip(share, least).map { max($0 - $1, 0) }
            let slackSum = slack.reduce(0, +)
            widths = zip(zip(share, least), slack).map { pair, slack in
                pair.0 < pair.1 ? pair.1 : pair.0 - (slackSum > 0 ? deficit * slack / slackSum : 0)
            }
        }
        var rounded = widths.map { Int($0) }
        rounded[rounded.count - 1] += total - rounded.reduce(0, +)
        return rounded
    }

    /// About 0.55 em a character (bold figures included), and the cell's padding, in twips.
    private static func character(_ points: Double) -> Double { points * 20 * 0.55 }
    private static let padding = 220.0

    private static func longest(_ pieces: [Substring]) -> Double { Double(pieces.map { DisplayWidth.of($0) }.max() ?? 1) }

    /// Each column's longest word, up to a fifth of `total` (a path may break).
    private static func leastWidths(_ columns: [[String]], total: Int, points: Double) -> [Double] {
        columns.map { texts in
            min(longest(texts.flatMap { $0.split(whereSeparator: \.isWhitespace) }) * character(points) + padding, Double(total) / 5)
        }
    }
}
