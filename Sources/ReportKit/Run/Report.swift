/// Everything an output renders: the recipe's words and every table of the run.
public struct Report: Sendable {
    public var title: String
    public var subtitle: String?
    public var locale: ReportLocale
    public var period: PeriodSpec?
    public var params: [Param]
    /// Every table, sources first, then extractors, each in recipe order.
    public var tables: [NamedTable]
    /// The ids of the extractors' tables, in recipe order.
    public var extractorIDs: [String]
    public var layout: [YAMLNode]
    /// The environment the user ran reportgen in, with the command line's settings for
    /// programs (`--chromium` as `REPORTGEN_CHROMIUM`), for an output that runs a program the
    /// user installed (the `pdf` output finds Chromium by it). Never set by a recipe.
    public var environment: [String: String] = [:]
    /// What the run found suspicious but not wrong, sorted by position.
    public var warnings: [Diagnostic] = []
    /// Where every table came from, by id (see ``TableLineage``).
    public var lineage: [String: TableLineage] = [:]

    public init(title: String, subtitle: String?, locale: ReportLocale, period: PeriodSpec?, params: [Param],
                tables: [NamedTable], extractorIDs: [String], layout: [YAMLNode]) {
        self.title = title
        self.subtitle = subtitle
        self.locale = locale
        self.period = period
        self.params = params
        self.tables = tables
        self.extractorIDs = extractorIDs
        self.layout = layout
    }

    public func table(_ id: String) -> Table? {
        tables.first { $0.id == id }?.table
    }

    /// What a document shows without a layout: every extractor's table, or every source's
    /// when the recipe has no extractors.
    public var documentTables: [NamedTable] {
        extractorIDs.isEmpty ? tables : tables.filter { extractorIDs.contains($0.id) }
    }
}
