import Foundation

/// What an expression may name: the input's columns, the recipe's params and period.
public struct ExpressionScope: Sendable {
    public var columns: [Column]
    public var params: [String: Value]
    public var period: PeriodSpec?
    /// The recipe's time zone: the day, hour and bucket of a date-time are its.
    public var timeZone: TimeZone

    public init(columns: [Column], params: [String: Value] = [:], period: PeriodSpec? = nil, timeZone: TimeZone = .reportDefault) {
        self.columns = columns
        self.params = params
        self.period = period
        self.timeZone = timeZone
    }
}

/// A row's values, in the order of the scope's columns.
public typealias Row = [Value]

/// A type-checked expression, ready to evaluate on rows.
public struct CompiledExpression: Sendable {
    /// The type of what it yields; `nil` when it can only yield null.
    public let type: ColumnType?
    /// The value for one row; throws a ``Diagnostic`` at the expression's part when a value
    /// leaves the range reportgen computes with (a date past year 9999, a decimal past
    /// 10^100).
    public let evaluate: @Sendable (Row) throws -> Value
    /// The input columns it reads (set for whole expressions, not their parts).
    public var columns: Set<Int> = []
    /// For `period(x)`: the date `x`, so that an aggregate by period can tell the span its
    /// data covers from the buckets it fills.
    public var periodDate: (@Sendable (Row) throws -> Value)?
    /// The input column it is, when it is one column named bare (`amount` in `sum(amount)`):
    /// a caller in a record loop reads it from the row without calling ``evaluate``.
    public var column: Int?
    /// Whether evaluating it never throws: a column, a constant, and comparisons, null tests
    /// and logic of such (arithmetic and functions can leave the range reportgen computes
    /// with). A caller may then leave it unevaluated when its verdict cannot matter.
    public var cannotFail = false

    public init(type: ColumnType?, evaluate: @escaping @Sendable (Row) throws -> Value) {
        self.type = type
        self.evaluate = evaluate
    }

    /// The expression (a column or a constant), said never to throw (``cannotFail``).
    var neverFailing: CompiledExpression {
        var copy = self
        copy.cannotFail = true
        return copy
    }

    /// The expression, said never to throw (``cannotFail``) when none of `parts` does.
    func cannotFail(when parts: CompiledExpression...) -> CompiledExpression {
        var copy = self
        copy.cannotFail = parts.allSatisfy(\.cannotFail)
        return copy
    }

    /// A filter's verdict: null counts as false.
    /// A pattern match, not `== .bool(true)`: the derived `==` is a call that copies both values.
    public func isTrue(_ row: Row) throws -> Bool {
        if case .bool(true) = try evaluate(row) { return true }
        return false
    }
}
