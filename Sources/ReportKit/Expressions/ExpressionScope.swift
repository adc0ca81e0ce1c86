/// What an expression may name: the input's columns, the recipe's params and period.
public struct ExpressionScope: Sendable {
    public var columns: [Column]
    public var params: [String: Value]
    public var period: PeriodSpec?

    public init(columns: [Column], params: [String: Value] = [:], period: PeriodSpec? = nil) {
        self.columns = columns
        self.params = params
        self.period = period
    }
}

/// A row's values, in the order of the scope's columns.
public typealias Row = [Value]

/// A type-checked expression, ready to evaluate on rows.
public struct CompiledExpression: Sendable {
    /// The type of what it yields; `nil` when it can only yield null.
    public let type: ColumnType?
    public let evaluate: @Sendable (Row) -> Value
    /// The input columns it reads (set for whole expressions, not their parts).
    public var columns: Set<Int> = []
    /// For `period(x)`: the date `x`, so that an aggregate by period can tell the span its
    /// data covers from the buckets it fills.
    public var periodDate: (@Sendable (Row) -> Value)?

    public init(type: ColumnType?, evaluate: @escaping @Sendable (Row) -> Value) {
        self.type = type
        self.evaluate = evaluate
    }

    /// A filter's verdict: null counts as false.
    public func isTrue(_ row: Row) -> Bool { evaluate(row) == .bool(true) }
}
