/// What a source will do of a ``PushdownRequest``, decided before anything runs, so that
/// `reportgen validate --explain` can show it.
public struct PushdownPlan {
    /// What the database does, in the recipe's words ("where doi_tuong = 'dang_vien'",
    /// "group_by nam", "sum(ket_nap)").
    public var pushed: [String]
    /// What reportgen does with what comes back, and why it is not pushed.
    public var local: [String]
    /// The statement sent, with `$n` for the values bound to it, and those values as text.
    public var statement: String
    public var parameters: [String?]
    /// The `where` parts the database applies (indices into ``PushdownRequest/conditions``);
    /// a plan that returns groups applies them all.
    public var appliedConditions: Set<Int>
    public var run: () throws -> PushdownAnswer

    public init(pushed: [String], local: [String], statement: String, parameters: [String?], appliedConditions: Set<Int>,
                run: @escaping () throws -> PushdownAnswer) {
        self.pushed = pushed
        self.local = local
        self.statement = statement
        self.parameters = parameters
        self.appliedConditions = appliedConditions
        self.run = run
    }
}

/// What a database computed of a request.
public struct PushdownAnswer {
    public enum Result {
        /// The whole work: one group per key.
        case groups([PartialGroup])
        /// The rows of the span that satisfy the applied conditions (needed columns only);
        /// reportgen does the rest.
        case rows(RowStream)
    }

    public var result: Result
    /// Asks the database, once the result has been read, for the facts of the rows it did not
    /// send that the warnings and the buckets without data need (see ``PushdownFacts``).
    public var facts: (PushdownFacts.Needs) throws -> PushdownFacts

    public init(result: Result, facts: @escaping (PushdownFacts.Needs) throws -> PushdownFacts) {
        self.result = result
        self.facts = facts
    }
}

/// One group an aggregate's rows make, as a database computed it.
public struct PartialGroup: Sendable {
    public var key: [Value]
    /// How many rows it holds.
    public var rows: Int
    /// One per aggregate call, in the request's order.
    public var states: [AggregateState]

    public init(key: [Value], rows: Int, states: [AggregateState]) {
        self.key = key
        self.rows = rows
        self.states = states
    }
}

/// What a database saw of the rows an extractor reads that it did not send, so that the
/// warnings (a source or a period without rows, a `where` that keeps nothing, a text that
/// never occurs) and the buckets without data come out as when every row is read. Each is
/// `nil` when not asked for.
public struct PushdownFacts: Sendable {
    /// Rows of the source.
    public var offered: Int?
    /// Rows of the span (what the extractor reads).
    public var admitted: Int?
    /// The days of the dated column over every row of the source.
    public var days: DaySpanTracker?
    /// Rows of the source whose dated column holds no date (asked with ``days``).
    public var undated: Int?
    /// Rows of the span that the whole `where` keeps.
    public var kept: Int?
    /// For each watched text (``PushdownRequest/watched``): whether its column holds it in a
    /// row of the span.
    public var found: [Bool]?
    /// For the columns of watched texts that were not found: their distinct values in the span
    /// (for a hint), at most ``FilterWatch/valueLimit`` + 1.
    public var values: [Int: [String]] = [:]
    /// The days of the dates that keys by `period(...)` were given: rows of the span, before
    /// the `where`.
    public var periodDays: DaySpanTracker?

    public init() {}

    public struct Needs: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// `offered` and `admitted`.
        public static let counts = Needs(rawValue: 1)
        public static let days = Needs(rawValue: 2)
        /// `found`, and `values` for what was not found.
        public static let found = Needs(rawValue: 4)
        public static let periodDays = Needs(rawValue: 8)
        public static let kept = Needs(rawValue: 16)
        public static let all: Needs = [.counts, .days, .found, .periodDays, .kept]
    }
}
