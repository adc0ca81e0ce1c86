/// An extractor's reading of one source, described for a database: which rows it reads (the
/// span of a dated source, its `where`) and what it makes of them (the rows themselves, or
/// groups with aggregates). A source translates what it can and leaves the rest to reportgen.
public struct PushdownRequest: Sendable {
    /// The source's columns, and the params and period that expressions may name.
    public var scope: ExpressionScope
    /// The rows of a dated source that the extractor reads; `nil` for a source without
    /// `dated_by`. Set by the runner from the extractor's `span`.
    public var span: Span?
    /// The `where`, split at its top-level `and`s; empty without one.
    public var conditions: [ExpressionPart]
    /// The texts the `where` compares text columns with (``FilterWatch``), whose absence
    /// from the data is a warning.
    public var watched: [WatchedText]
    public var work: Work
    /// The columns the work reads; `nil` for all of them.
    public var neededColumns: Set<Int>?

    public init(scope: ExpressionScope, conditions: [ExpressionPart], watched: [WatchedText], work: Work, neededColumns: Set<Int>?) {
        self.scope = scope
        self.conditions = conditions
        self.watched = watched
        self.work = work
        self.neededColumns = neededColumns
    }

    /// A dated source's cut: rows whose days (by `unit`: a date's day, a year's whole year)
    /// lie in `days`; rows without a date only when `days` is `nil` (every row).
    public struct Span: Sendable {
        public var column: Int
        public var unit: RowDating.Unit
        public var days: ClosedRange<CivilDate>?
    }

    public struct WatchedText: Sendable, Hashable {
        public var column: Int
        public var text: String
    }

    public enum Work: Sendable {
        /// The rows that satisfy the conditions, every column, in order (`filter`).
        case rows
        /// One row per distinct key (a key by `period(...)` drops rows outside the period),
        /// with each aggregate call's state (`aggregate`).
        case groups(keys: [GroupKey], calls: [AggregateCall])
    }

    public struct GroupKey: Sendable {
        public var name: String
        public var part: ExpressionPart
        public var type: ColumnType?

        public init(name: String, part: ExpressionPart, type: ColumnType?) {
            self.name = name
            self.part = part
            self.type = type
        }
    }

    /// Whether `part` is a period key, `period(x)`: its argument.
    public static func periodArgument(of part: ExpressionPart) -> ExpressionPart? {
        guard case .call("period", let arguments) = part.node.kind, arguments.count == 1 else { return nil }
        return part.part(arguments[0])
    }

    /// The keys by `period(...)`.
    public var periodKeys: [Int] {
        guard case .groups(let keys, _) = work else { return [] }
        return keys.indices.filter { Self.periodArgument(of: keys[$0].part) != nil }
    }
}
