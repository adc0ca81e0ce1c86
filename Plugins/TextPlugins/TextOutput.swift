import Foundation
import ReportKit

/// The report as plain UTF-8 text: the title underlined, then the layout (or every table):
/// headings underlined, paragraphs wrapped at `width`, tables aligned by display width
/// (Vietnamese marks take no room, wide characters two), metrics as lines, charts as bars of
/// block characters, page breaks as form feeds; numbers and dates in the recipe's locale.
public struct TextOutput: Output {
    public static let type = "text"
    public static let summary = "the report as plain UTF-8 text, tables aligned for a terminal or an e-mail"

    public struct Options: PluginOptions {
        @Option(doc: "line width for underlines, wrapped text and charts", example: "100")
        var width = 80
        @OptionGroup var numbers: NumberOptions

        public init() {}
    }

    private let width: Int
    private let numbers: NumberStyle

    public init(options: Options, setup: PluginSetup) throws {
        width = options.width
        numbers = try NumberStyle(options.numbers)
        guard width >= 20 else { throw options.$width.mustBe("at least 20", not: String(width)) }
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
                blocks.append((table.title.map { underlined($0, with: "-") + "\n" } ?? "") + TextTable(table, width: width).text)
            case .metrics(let metrics): blocks.append(metrics.map(line).joined(separator: "\n"))
            case .chart(let chart): blocks.append(TextChart(chart, width: width).text)
            case .pageBreak: blocks.append("\u{0C}")
            case .method(let method):
                blocks.append(underlined(method.title, with: "-") + "\n\n" + method.entries.map { entry in
                    TextWrap.wrap(entry.title, width: width) + "\n"
                        + entry.lines.map { TextWrap.wrap("- " + $0, width: width) }.joined(separator: "\n")
                }.joined(separator: "\n\n") + "\n\n" + method.closing.map { TextWrap.wrap($0, width: width) }.joined(separator: "\n"))
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
