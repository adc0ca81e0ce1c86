/// Which rows of a dated source (one with `dated_by`) an extractor reads: its `span` option.
/// By default the report's period, so that every figure covers what the report says it does;
/// a figure that covers another span says so in the recipe.
///
///     span: period              # the default: the report's period (--period moves it)
///     span: all                 # every row, whatever the period
///     span: previous            # the period of the same length just before
///     span: previous_year       # the same period one year earlier
///     span: {from: 2010}        # from the first day of 2010 to the period's last day
///     span: {from: 2010, to: 2015-06}
public enum RowSpan: Sendable, Hashable {
    case period
    case all
    case previous
    case previousYear
    /// `from` to `to`; a missing `to` is the period's end (every row after `from` without a period).
    case range(from: CivilDate, to: CivilDate?)

    public static let words = ["period", "all", "previous", "previous_year"]

    /// The option as recipes write it, for ``RecipeKeys``.
    public static let optionType = OptionType.anyOf([
        .choice(words),
        .record([
            OptionSpec("from", .string, required: true, doc: "first year, month or day", example: "2010"),
            OptionSpec("to", .string, doc: "last year, month or day, inclusive; default the period's end", example: "2025"),
        ]),
    ])

    /// Reads the `span` node (already checked against ``optionType``).
    public static func read(_ node: YAMLNode) throws -> RowSpan {
        if let word = node.scalarText {
            switch word {
            case "all": return .all
            case "previous": return .previous
            case "previous_year": return .previousYear
            default: return .period
            }
        }
        func bound(_ key: String, isEnd: Bool) throws -> CivilDate? {
            guard let value = node[key], let text = value.scalarText else { return nil }
            guard let date = PeriodSpec.bound(text, isEnd: isEnd) else {
                throw Diagnostic("'\(text)' is not a year (2020), a month (2020-03) or a date (2020-03-15)", at: value.location)
            }
            return date
        }
        guard let from = try bound("from", isEnd: false) else {
            throw Diagnostic("a span needs 'from'", at: node.location)
        }
        let to = try bound("to", isEnd: true)
        if let to, to < from, let place = node["to"] {
            throw Diagnostic("the span ends (\(to)) before it starts (\(from))", at: place.location)
        }
        return .range(from: from, to: to)
    }

    /// The days whose rows the extractor reads, given the report's period; `nil` for every row.
    public func days(in period: PeriodSpec?) -> ClosedRange<CivilDate>? {
        switch self {
        case .all: return nil
        case .period: return period.map { $0.start...$0.end }
        case .previous: return period.map { $0.previous.start...$0.previous.end }
        case .previousYear: return period.map { $0.previousYear.start...$0.previousYear.end }
        case .range(let from, let to):
            if let to { return from...to }
            return period.map { from...max(from, $0.end) } ?? from...CivilDate.latest
        }
    }
}
