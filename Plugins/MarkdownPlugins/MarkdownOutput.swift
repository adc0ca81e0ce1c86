import Foundation
import ReportKit

/// The report as GitHub-flavoured Markdown: headings, paragraphs, tables (numbers aligned
/// right), metrics as a table, charts as a table of their values or, with `mermaid: true`, a
/// Mermaid chart. Every value is escaped, so `<script>` or `*` in data show as written.
public struct MarkdownOutput: Output {
    public static let type = "markdown"
    public static let summary = "the report as GitHub-flavoured Markdown"

    public struct Options: PluginOptions {
        @Option(doc: "draw charts as Mermaid blocks instead of tables")
        var mermaid = false
        @OptionGroup var numbers: NumberOptions

        public init() {}
    }

    private let numbers: NumberStyle
    private let mermaid: Bool

    public init(options: Options, setup: PluginSetup) throws {
        numbers = try NumberStyle(options.numbers)
        mermaid = options.mermaid
    }

    public func render(_ report: Report) throws -> [UInt8] {
        let formatter = numbers.formatter(report.locale)
        let document = try DocumentBuilder(report: report, formatter: formatter, html: false).build()
        var parts = ["# " + Self.escape(document.title)]
        if let subtitle = document.subtitle { parts.append("_" + Self.escape(subtitle) + "_") }
        for block in document.blocks {
            switch block {
            case .heading(let text, let level): parts.append(String(repeating: "#", count: level + 1) + " " + Self.escape(text))
            case .paragraph(let text): parts.append(Self.escape(text).replacingOccurrences(of: "\n", with: "  \n"))
            case .table(let table):
                parts.append((table.title.map { "**\(Self.escape($0))**\n\n" } ?? "") + Self.table(table.columns, table.rows))
            case .metrics(let metrics):
                let hasTarget = metrics.contains { $0.target != nil }, hasStatus = metrics.contains { $0.status != nil }
                var columns = [DocumentTable.Column(label: "", isNumeric: false), DocumentTable.Column(label: "", isNumeric: true)]
                if hasTarget { columns.append(DocumentTable.Column(label: "", isNumeric: true)) }
                if hasStatus { columns.append(DocumentTable.Column(label: "", isNumeric: false)) }
                let rows = metrics.map { metric in
                    [metric.label, metric.value] + (hasTarget ? [metric.target ?? ""] : []) + (hasStatus ? [metric.status ?? ""] : [])
                }
                parts.append(Self.table(columns, rows))
            case .chart(let chart): parts.append(mermaid ? Self.mermaid(chart) : Self.chartTable(chart))
            case .pageBreak: parts.append("---")
            case .method(let method):
                parts.append("## " + Self.escape(method.title))
                for entry in method.entries {
                    parts.append("**\(Self.escape(entry.title))**\n\n" + entry.lines.map { "- " + Self.escape($0) }.joined(separator: "\n"))
                }
                parts += method.closing.map(Self.escape)
            }
        }
        return Array((parts.joined(separator: "\n\n") + "\n").utf8)
    }

    private static func table(_ columns: [DocumentTable.Column], _ rows: [[String]]) -> String {
        let header = "| " + columns.map { escape($0.label) }.joined(separator: " | ") + " |"
        let rule = "|" + columns.map { $0.isNumeric ? "---:|" : "---|" }.joined()
        let body = rows.map { "| " + $0.map { escape($0).replacingOccurrences(of: "\n", with: "<br>") }.joined(separator: " | ") + " |" }
        return ([header, rule] + body).joined(separator: "\n")
    }

    /// The chart's values as a table; a target per x value is a column, one for the whole
    /// chart a line below.
    private static func chartTable(_ chart: DocumentChart) -> String {
        let perCategory = chart.target.flatMap { $0.isPerCategory ? $0 : nil }
        var columns = [DocumentTable.Column(label: "", isNumeric: false)] + chart.series.map { DocumentTable.Column(label: $0.name, isNumeric: true) }
        if let perCategory { columns.append(DocumentTable.Column(label: perCategory.name, isNumeric: true)) }
        let rows = chart.xLabels.indices.map { index in
            [chart.xLabels[index]] + chart.series.map { $0.labels[index] } + (perCategory.map { [$0.labels[index]] } ?? [])
        }
        var text = (chart.title.map { "**\(escape($0))**\n\n" } ?? "") + table(columns, rows)
        if let target = chart.target, !target.isPerCategory {
            text += "\n\n" + escape("\(target.name): \(target.labels.first ?? "")")
        }
        return text
    }

    private static func mermaid(_ chart: DocumentChart) -> String {
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "'") + "\"" }
        var lines = ["```mermaid", "xychart-beta"]
        if let title = chart.title { lines.append("    title " + quoted(title)) }
        lines.append("    x-axis [" + chart.xLabels.map(quoted).joined(separator: ", ") + "]")
        for series in chart.series {
            let keyword = chart.kind == .bar ? "bar" : "line"
            lines.append("    \(keyword) [" + series.values.map { $0.map { String($0) } ?? "0" }.joined(separator: ", ") + "]")
        }
        // A target is a line: its values, or its one value at every x.
        if let target = chart.target {
            let values = target.isPerCategory ? target.values : chart.xLabels.map { _ in target.values.first ?? nil }
            lines.append("    line [" + values.map { $0.map { String($0) } ?? "0" }.joined(separator: ", ") + "]")
        }
        lines.append("```")
        return lines.joined(separator: "\n")
    }

    /// Text that shows as written: HTML's special characters as entities, Markdown's marks
    /// and table bars escaped.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "#", "!": result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }
}

public enum MarkdownPlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [MarkdownOutput.self]
}
