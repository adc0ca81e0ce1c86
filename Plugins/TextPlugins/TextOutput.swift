import Foundation
import ReportKit

/// The report as plain UTF-8 text: the title underlined, then the layout (or every table):
/// headings underlined, paragraphs wrapped at `width`, tables aligned by display width
/// (Vietnamese marks take no room, wide characters two), metrics as lines, charts as bars of
/// block characters, page breaks as form feeds; numbers and dates in the recipe's locale.
public struct TextOutput: Output {
    public static let type = "text"
    public static let summary = "the report as plain UTF-8 text, tables aligned for a terminal or an e-mail"
    public static let options: [OptionSpec] = [
        OptionSpec("width", .integer, default: .int(80), doc: "line width for underlines, wrapped text and charts", example: "100"),
    ] + NumberStyle.options()

    private let width: Int
    private let numbers: NumberStyle

    public init(options: PluginOptions) throws {
        width = options.int("width") ?? 80
        numbers = try NumberStyle(options: options)
        guard width >= 20 else { throw options.error("the width must be at least 20, not \(width)", at: "width") }
    }

    public func render(_ report: Report) throws -> [UInt8] {
        let formatter = numbers.formatter(report.locale)
        let document = try DocumentBuilder(report: report, formatter: formatter, html: false).build()
        var blocks = [underlined(document.title, with: "=") + (document.subtitle.map { "\n" + $0 } ?? "")]
        for block in document.blocks {
            switch block {
            case .heading(let text, let level): blocks.append(underlined(text, with: level == 1 ? "=" : level == 2 ? "-" : "~"))
            case .paragraph(let text): blocks.append(TextWrap.wrap(text, width: width))
            case .table(let table):
                blocks.append((table.title.map { underlined($0, with: "-") + "\n" } ?? "") + TextTable(table).text)
            case .metrics(let metrics): blocks.append(metrics.map(line).joined(separator: "\n"))
            case .chart(let chart): blocks.append(TextChart(chart, width: width).text)
            case .pageBreak: blocks.append("\u{0C}")
            }
        }
        return Array((blocks.joined(separator: "\n\n") + "\n").utf8)
    }

    private func line(_ metric: DocumentMetric) -> String {
        var extra = [metric.target, metric.status].compactMap { $0 }.joined(separator: ", ")
        if !extra.isEmpty { extra = " (\(extra))" }
        return "\(metric.label): \(metric.value)\(extra)"
    }

    private func underlined(_ text: String, with character: Character) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let longest = min(width, lines.map { DisplayWidth.of($0) }.max() ?? 0)
        return text + "\n" + String(repeating: character, count: longest)
    }
}

/// A table laid out in columns: text left-aligned, numbers right-aligned, two spaces apart.
struct TextTable {
    let text: String

    init(_ table: DocumentTable) {
        // A line break inside a cell would break the alignment of every row after it.
        let cells = table.rows.map { $0.map { $0.replacingOccurrences(of: "\n", with: " ") } }
        let header = table.columns.map(\.label)
        let widths = header.indices.map { column in
            ([header[column]] + cells.map { $0[column] }).map { DisplayWidth.of($0) }.max() ?? 0
        }
        func line(_ fields: [String]) -> String {
            let padded = fields.enumerated().map { column, field in
                table.columns[column].isNumeric
                    ? DisplayWidth.padLeft(field, to: widths[column])
                    : DisplayWidth.padRight(field, to: widths[column])
            }
            var joined = padded.joined(separator: "  ")
            while joined.last == " " { joined.removeLast() }
            return joined
        }
        var lines = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += cells.map(line)
        if table.rows.isEmpty { lines.append("(no rows)") }
        text = lines.joined(separator: "\n")
    }
}

/// Words wrapped at a display width.
enum TextWrap {
    static func wrap(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var lines: [String] = [], current = ""
            for word in line.split(separator: " ") {
                if !current.isEmpty, DisplayWidth.of(current) + 1 + DisplayWidth.of(word) > width {
                    lines.append(current)
                    current = ""
                }
                current += (current.isEmpty ? "" : " ") + word
            }
            lines.append(current)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

/// A chart as horizontal bars of block characters, one line per x value and series.
struct TextChart {
    let text: String

    init(_ chart: DocumentChart, width: Int) {
        let labelWidth = chart.xLabels.map { DisplayWidth.of($0) }.max() ?? 0
        let nameWidth = chart.series.count > 1 ? (chart.series.map { DisplayWidth.of($0.name) }.max() ?? 0) + 1 : 0
        let largest = chart.series.flatMap { $0.values.compactMap { $0 } }.map(abs).max() ?? 0
        let room = max(10, width - labelWidth - nameWidth - 14)
        var lines = chart.title.map { [$0] } ?? []
        for (index, label) in chart.xLabels.enumerated() {
            for (number, series) in chart.series.enumerated() {
                let value = series.values[index]
                let cells = largest > 0 ? Int(((abs(value ?? 0) / largest) * Double(room)).rounded()) : 0
                let name = chart.series.count > 1 ? DisplayWidth.padRight(series.name, to: nameWidth - 1) + " " : ""
                let shown = number == 0 ? label : ""
                let bar = String(repeating: "█", count: cells)
                lines.append(DisplayWidth.padRight(shown, to: labelWidth) + "  " + name + bar
                             + (value == nil ? "" : (bar.isEmpty ? "" : " ") + series.labels[index]))
            }
        }
        text = lines.map { line in
            var trimmed = line
            while trimmed.last == " " { trimmed.removeLast() }
            return trimmed
        }.joined(separator: "\n")
    }
}

public enum TextPlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [TextSource.self, TextOutput.self]
}
