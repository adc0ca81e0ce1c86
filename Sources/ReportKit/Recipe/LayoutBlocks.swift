/// The blocks a `layout` may hold. Each block is a mapping whose first key names its kind and
/// holds its main value (`- heading: Results`); the other keys are the block's options.
public enum LayoutBlocks {
    public struct Kind: Sendable {
        public var name: String
        /// The first spec is the block's own key.
        public var keys: [OptionSpec]
    }

    public static let chartKeys: [OptionSpec] = [
        OptionSpec("type", .choice(["bar", "line", "area"]), required: true, doc: "chart kind", example: "bar"),
        OptionSpec("table", .reference, required: true, doc: "table to draw", example: "sales_by_year"),
        OptionSpec("x", .string, required: true, doc: "column along the x axis", example: "period"),
        OptionSpec("y", .anyOf([.list(.string), .map(.template)]), required: true,
                   doc: "column or columns to draw; a map names the series", example: "{revenue: Revenue, target: Target}"),
        OptionSpec("title", .template, doc: "title above the chart"),
        OptionSpec("x_title", .template, doc: "title of the x axis", example: "Quarter"),
        OptionSpec("y_title", .template, doc: "title of the value axis", example: "Revenue (USD)"),
        OptionSpec("colors", .anyOf([.list(.string), .map(.string)]),
                   doc: "colours of the series (#rrggbb), in y's order or by column", example: "{revenue: \"#1f6f9f\"}"),
        OptionSpec("stacked", .boolean, default: .bool(false), doc: "bars or areas of several series stacked, not side by side"),
        OptionSpec("orientation", .choice(DocumentChart.Orientation.allNames), default: .string("auto"),
                   doc: "bars up (vertical) or across (horizontal); auto goes across for many or long categories"),
        OptionSpec("target", .expression,
                   doc: "a reference line: a number, params.x, id.column of a one-row table, or a column of the table (one per x)",
                   example: "params.yearly_target"),
        OptionSpec("target_label", .template, doc: "what the target is called (default: the locale's word for target)"),
    ]

    public static let metricKeys: [OptionSpec] = [
        OptionSpec("label", .template, required: true, doc: "what the figure is"),
        OptionSpec("value", .expression, required: true, doc: "the figure", example: "totals.revenue"),
        OptionSpec("target", .expression, doc: "the figure it is measured against"),
        OptionSpec("status", .expression, doc: "a status word to show"),
    ]

    public static let kinds: [Kind] = [
        Kind(name: "heading", keys: [
            OptionSpec("heading", .template, required: true, doc: "heading text"),
            OptionSpec("level", .integer, default: .int(2), doc: "1 to 3", example: "2"),
        ]),
        Kind(name: "text", keys: [OptionSpec("text", .template, required: true, doc: "a Mustache template")]),
        Kind(name: "table", keys: [
            OptionSpec("table", .reference, required: true, doc: "table to show"),
            OptionSpec("columns", .anyOf([.list(.string), .map(.string)]),
                       doc: "columns to show, in order, optionally with labels", example: "{year: Year}"),
            OptionSpec("title", .template, doc: "caption above the table"),
            OptionSpec("formats", .map(.choice(ColumnFormat.allCases.map(\.rawValue))),
                       doc: "how columns' numbers are written: percent, signed, signed_percent, currency, signed_currency, plain",
                       example: "{ratio: percent, gap: signed}"),
            OptionSpec("currency", .string, doc: "ISO 4217 code for currency formats (default: the locale's)", example: "USD"),
        ]),
        Kind(name: "metrics", keys: [OptionSpec("metrics", .list(.record(metricKeys)), required: true, doc: "cards")]),
        Kind(name: "chart", keys: [OptionSpec("chart", .record(chartKeys), required: true, doc: "a chart")]),
        Kind(name: "page_break", keys: [OptionSpec("page_break", .anyValue, doc: "start a new page")]),
        Kind(name: "sources_and_method", keys: [OptionSpec(
            "sources_and_method", .template,
            doc: "a section that says, for every figure the document shows, its source files, the rows counted, the filters and the rounding; the value is its title (default in the report's language)",
            example: "Nguồn số liệu và cách tính")]),
    ]

    /// The blocks that may be written as a bare word (`- page_break`).
    public static let bareWords = ["page_break", "sources_and_method"]

    public static func kind(named name: String) -> Kind? {
        kinds.first { $0.name == name }
    }

    /// The template texts of blocks (headings, texts, titles, metric labels), for checking.
    public static func templateNodes(in blocks: [YAMLNode]) -> [YAMLNode] {
        blocks.flatMap { block -> [YAMLNode] in
            let chart = block["chart"]
            var nodes = [block["heading"], block["text"], block["title"], chart?["title"], chart?["x_title"], chart?["y_title"],
                         chart?["target_label"], block["sources_and_method"]].compactMap { $0 }
            nodes += (chart?["y"]?.mapping ?? []).map(\.value)
            nodes += (block["metrics"]?.sequence ?? []).compactMap { $0["label"] }
            return nodes.filter { $0.scalarText != nil }
        }
    }

    /// The ids of the tables that blocks show or name: table and chart blocks, metric
    /// figures (`id.column`) and templates.
    public static func tableIDs(in blocks: [YAMLNode]) -> Set<String> {
        var ids = Set(blocks.flatMap { block in
            (block.mapping ?? []).flatMap { pair -> [String] in
                guard let name = pair.key.scalarText, let kind = kind(named: name) else { return [] }
                return ReferenceCollector.references(in: block, specs: kind.keys).map(\.id)
            }
        })
        for metric in blocks.flatMap({ $0["metrics"]?.sequence ?? [] }) {
            for key in ["value", "target", "status"] {
                if let text = metric[key]?.scalarText, let id = text.split(separator: ".").first { ids.insert(String(id)) }
            }
        }
        // A chart's target may be a one-row table's column (`totals.goal`).
        for block in blocks {
            guard let parts = block["chart"]?["target"]?.scalarText?.split(separator: "."), parts.count == 2,
                  RecipeID.isValid(String(parts[0])), parts[0] != "params", parts[0] != "period" else { continue }
            ids.insert(String(parts[0]))
        }
        for node in templateNodes(in: blocks) { ids.formUnion(ReportTemplate.tableIDs(in: node.scalarText ?? "")) }
        return ids
    }
}
