/// The ``InputScope`` of each extractor's reading of each source: which rows of a dated
/// source (`dated_by`) it reads, by its `span` (default: the report's period).
struct InputScopes {
    let recipe: Recipe
    let warnings: WarningLog
    var lineage: LineageLog? = nil

    /// How `source` dates its rows, once its columns are known; `nil` without `dated_by`.
    func dating(of source: Configured<any Source>, columns: [Column]) throws -> RowDating? {
        guard let datedBy = source.datedBy, let column = datedBy.column else { return nil }
        return try RowDating(column: column, in: columns, owner: "source '\(source.id)'", at: datedBy.location,
                             timeZone: recipe.locale.timeZone)
    }

    /// The scope of `reader`'s reading of `source`.
    func scope(of reader: Configured<any Extractor>, reading source: Configured<any Source>, dating: RowDating?) throws -> InputScope {
        let record = lineage.map { (reader: reader.id, log: $0) }
        guard let dating else {
            return InputScope(sourceID: source.id, sourceLocation: source.location, dated: nil, warnings: warnings, lineage: record)
        }
        let span = reader.span?.span ?? .period
        if case .range(let from, nil) = span, let period = recipe.period, from > period.end, let setting = reader.span {
            throw Diagnostic("this span starts on \(from), after the period ends (\(period.end)): it would read no row of the period's time",
                             at: setting.location)
        }
        let days = span.days(in: recipe.period)
        let name = Self.name(of: span, days: days, period: recipe.period)
        if let days { try dating.check(days, what: name, owner: "source '\(source.id)'") }
        let dated = InputScope.Dated(dating: dating, days: days, location: reader.span?.location ?? dating.location, name: name)
        return InputScope(sourceID: source.id, sourceLocation: source.location, dated: dated, warnings: warnings, lineage: record)
    }

    /// The period an extractor sees: its `span` when it reads another span of a dated source
    /// than the report's (`previous_year`: last year's quarter, cut into the same buckets),
    /// so that `period(...)` buckets and `period.start` are those of the rows it reads; the
    /// report's period otherwise (and for `span: all`, which has no days of its own).
    func period(of reader: Configured<any Extractor>) -> PeriodSpec? {
        guard let period = recipe.period, let span = reader.span?.span, span != .period, span != .all,
              let days = span.days(in: period), days.upperBound != .latest,
              reader.references.contains(where: { reference in recipe.sources.contains { $0.id == reference.id && $0.datedBy?.column != nil } })
        else { return recipe.period }
        return PeriodSpec(start: days.lowerBound, end: days.upperBound, every: period.every)
    }

    /// "the period 2025-Q3", "the previous period 2024", "the span 2010-01-01 to 2025-12-31".
    private static func name(of span: RowSpan, days: ClosedRange<CivilDate>?, period: PeriodSpec?) -> String {
        switch span {
        case .period: return period.map { "the period \($0.code)" } ?? "every row"
        case .previous: return period.map { "the previous period \($0.previous.code)" } ?? "every row"
        case .previousYear: return period.map { "the same period a year earlier \($0.previousYear.code)" } ?? "every row"
        case .all: return "every row"
        case .range:
            guard let days else { return "every row" }
            return "the span \(days.lowerBound) to \(days.upperBound == .latest ? "the last row" : days.upperBound.description)"
        }
    }
}
