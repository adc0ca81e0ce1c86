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
        OptionSpec("y", .list(.string), required: true, doc: "column or columns to draw", example: "revenue"),
        OptionSpec("title", .template, doc: "title above the chart"),
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
        ]),
        Kind(name: "metrics", keys: [OptionSpec("metrics", .list(.record(metricKeys)), required: true, doc: "cards")]),
        Kind(name: "chart", keys: [OptionSpec("chart", .record(chartKeys), required: true, doc: "a chart")]),
        Kind(name: "page_break", keys: [OptionSpec("page_break", .anyValue, doc: "start a new page")]),
    ]

    public static func kind(named name: String) -> Kind? {
        kinds.first { $0.name == name }
    }

    /// The template texts of blocks (headings, texts, titles, metric labels), for checking.
    public static func templateNodes(in blocks: [YAMLNode]) -> [YAMLNode] {
        blocks.flatMap { block -> [YAMLNode] in
            var nodes = [block["heading"], block["text"], block["title"], block["chart"]?["title"]].compactMap { $0 }
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
        for node in templateNodes(in: blocks) { ids.formUnion(ReportTemplate.tableIDs(in: node.scalarText ?? "")) }
        return ids
    }
}
