import Foundation
import ReportKit

/// The report as one self-contained, printable HTML file: inline CSS, charts as inline SVG,
/// no scripts, no network, `lang` from the locale, every value escaped. `template` replaces the
/// page with a Mustache template of the user's, which gets `title`, `subtitle`, `lang`,
/// `period`, `stylesheet` and `body` (the rendered blocks, to write with `{{{body}}}`) besides
/// every table, `params` and `period` as in text blocks.
public struct HTMLOutput: Output {
    public static let type = "html"
    public static let summary = "one self-contained, printable HTML file with tables and SVG charts"

    public struct Options: PluginOptions {
        @Option(doc: "a Mustache template for the whole page, relative to the recipe's folder", example: "templates/page.mustache")
        var template: InputPath?
        @OptionGroup var numbers: NumberOptions

        public init() {}
    }

    private let numbers: NumberStyle
    private let template: ReportTemplate?

    public init(options: Options, setup: PluginSetup) throws {
        numbers = try NumberStyle(options.numbers)
        // The page template is part of the recipe, like the recipe itself: read here, once.
        if let path = options.template, let file = try path.files().first {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                throw path.site.error("the template '\(path.pattern)' is not readable UTF-8 text")
            }
            do { template = try ReportTemplate(text, isMarkup: true) } catch {
                throw path.site.error("the template '\(path.pattern)' has an error: \(error)")
            }
        } else {
            template = nil
        }
    }

    public func render(_ report: Report) throws -> [UInt8] {
        let formatter = numbers.formatter(report.locale)
        let document = try DocumentBuilder(report: report, formatter: formatter, html: true).build()
        var explained: [String: String] = [:]
        for case .method(let method) in document.blocks {
            for entry in method.entries { explained[entry.id] = method.title }
        }
        let body = document.blocks.enumerated().map { block($0.element, number: $0.offset, explained: explained) }.joined(separator: "\n")
        if let template {
            let named = TemplateContext.namedTables(in: report).union(ReportTemplate.tableIDs(in: template.text))
            var context = TemplateContext.make(report, formatter: formatter, tables: named)
            context["title"] = document.title
            context["subtitle"] = document.subtitle
            context["lang"] = document.language
            context["stylesheet"] = HTMLStyle.css(title: document.title, locale: report.locale)
            context["body"] = body
            return Array(template.render(context, html: true).utf8)
        }
        var head = "<h1>\(HTMLText.escape(document.title))</h1>"
        if let subtitle = document.subtitle { head += "\n<p class=\"subtitle\">\(HTMLText.escape(subtitle))</p>" }
        // The period once: not again when the title or subtitle already says it.
        if let period = document.periodLabel, !document.title.contains(period), !(document.subtitle ?? "").contains(period) {
            head += "\n<p class=\"period\">\(HTMLText.escape(period))</p>"
        }
        let page = """
            <!DOCTYPE html>
            <html lang="\(HTMLText.escape(document.language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(document.title))</title>
            <style>
            \(HTMLStyle.css(title: document.title, locale: report.locale))
            </style>
            </head>
            <body>
            <header>
            \(head)
            </header>
            <main>
            \(body)
            </main>
            </body>
            </html>

            """
        return Array(page.utf8)
    }

    /// `explained`: the tables the document's sources-and-method section has an entry for,
    /// which their figures link to.
    private func block(_ block: DocumentBlock, number: Int, explained: [String: String]) -> String {
        switch block {
        case .heading(let text, let level): return "<h\(level + 1)>\(HTMLText.escape(text))</h\(level + 1)>"
        case .paragraph(let html): return "<p>\(html.replacingOccurrences(of: "\n", with: "<br>\n"))</p>"
        case .table(let table): return HTMLTable(table: table).markup + Self.methodLink(table.tableID, explained)
        case .method(let method): return HTMLMethod.markup(method)
        case .metrics(let metrics):
            let cards = metrics.map { metric in
                var value = HTMLText.escape(metric.value)
                if let id = metric.tableID, explained[id] != nil { value = "<a href=\"#\(HTMLMethod.anchor(id))\">\(value)</a>" }
                var card = "<div class=\"metric\"><div class=\"label\">\(HTMLText.escape(metric.label))</div><div class=\"value\">\(value)</div>"
                if let target = metric.target { card += "<div class=\"target\">\(HTMLText.escape(target))</div>" }
                if let status = metric.status { card += "<div class=\"status\">\(HTMLText.escape(status))</div>" }
                return card + "</div>"
            }.joined(separator: "\n")
            // An even grid: 4 cards in a row of 4, 5 or 6 in rows of 3, 7 or 8 in rows of 4.
            let columns = metrics.count <= 4 ? max(metrics.count, 1) : metrics.count <= 6 ? 3 : 4
            return "<section class=\"metrics columns-\(columns)\">\n\(cards)\n</section>"
        case .chart(let chart):
            let caption = chart.title.map { "<figcaption>\(HTMLText.escape($0))</figcaption>\n" } ?? ""
            return "<figure class=\"chart-figure\">\n\(caption)\(SVGChart(chart: chart, identifier: "chart\(number)").markup)\n</figure>"
                + Self.methodLink(chart.tableID, explained)
        case .pageBreak: return "<div class=\"page-break\"></div>"
        }
    }
}

extension HTMLOutput {
    /// A line under a table or a chart that links to its entry in sources and method.
    static func methodLink(_ id: String, _ explained: [String: String]) -> String {
        guard let title = explained[id] else { return "" }
        return "\n<p class=\"method-link\"><a href=\"#\(HTMLMethod.anchor(id))\">\(HTMLText.escape(title))</a></p>"
    }
}

public enum HTMLPlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [HTMLOutput.self]
}
