import Foundation

/// The aggregate functions of measures.
public enum AggregateFunction: String, Sendable, CaseIterable {
    case count, count_distinct, sum, avg, min, max, median, first, last

    /// The type an aggregate of a column of `type` yields.
    public func resultType(_ type: ColumnType?) -> ColumnType? {
        switch self {
        case .count, .count_distinct: return .int
        case .avg, .median: return .decimal
        case .sum: return type ?? .int
        case .min, .max, .first, .last: return type
        }
    }
}

/// One aggregate call of a measure: the function and its row-level argument.
public struct AggregateCall: Sendable {
    public var function: AggregateFunction
    /// `nil` for `count()`.
    public var argument: CompiledExpression?
}

/// The running state of one aggregate for one group. Sums are exact: integers add in `Int`
/// until they would overflow, then in `Decimal`; decimals add in `Decimal`. `median` and
/// `count_distinct` keep the values they have seen.
public struct AggregateState: Sendable {
    public let function: AggregateFunction
    private var count = 0
    private var integerSum = 0
    private var decimalSum = DecimalNumber.Sum()
    private var sumIsDecimal = false
    private var current: Value = .null
    private var seen: [Value] = []
    private var distinct: Set<Value> = []

    public init(_ function: AggregateFunction, decimalArgument: Bool = false) {
        self.function = function
        sumIsDecimal = decimalArgument
    }

    private var total: Value { sumIsDecimal ? .decimal(decimalSum.value) : .int(integerSum) }

    /// The result for a period bucket with no rows inside the span the data covers: nothing
    /// happened, so counts and sums are 0 (the one place that differs from SQL's null sum);
    /// the other aggregates have no value.
    public var resultForEmptyBucket: Value {
        switch function {
        case .count, .count_distinct: return .int(0)
        case .sum: return total
        default: return .null
        }
    }

    /// Adds one row's argument (`.bool(true)` for `count()`). Nulls are skipped, as in SQL.
    public mutating func add(_ value: Value) {
        if value.isNull { return }
        count += 1
        switch function {
        case .count: break
        case .count_distinct: distinct.insert(value)
        case .sum, .avg:
            switch value {
            case .int(let number) where !sumIsDecimal:
                let (sum, overflow) = integerSum.addingReportingOverflow(number)
                if overflow {
                    switchToDecimal()
                    decimalSum.add(DecimalNumber(number))
                } else {
                    integerSum = sum
                }
            default:
                switchToDecimal()
                decimalSum.add(value.decimalValue ?? DecimalNumber(0))
            }
        case .min: if current.isNull || Value.compare(value, current) == .orderedAscending { current = value }
        case .max: if current.isNull || Value.compare(value, current) == .orderedDescending { current = value }
        case .median: seen.append(value)
        case .first: if count == 1 { current = value }
        case .last: current = value
        }
    }

    /// Moves an integer sum into the exact decimal one, once a decimal (or an overflow) comes.
    private mutating func switchToDecimal() {
        guard !sumIsDecimal else { return }
        decimalSum.add(DecimalNumber(integerSum))
        integerSum = 0
        sumIsDecimal = true
    }

    /// Adds what `later` saw (the rows after this state's), as if this state had seen them.
    public mutating func merge(_ later: AggregateState) {
        guard later.count > 0 else { return }
        defer { count += later.count }
        switch function {
        case .count: break
        case .count_distinct: distinct.formUnion(later.distinct)
        case .sum, .avg:
            if !sumIsDecimal, !later.sumIsDecimal {
                let (sum, overflow) = integerSum.addingReportingOverflow(later.integerSum)
                if !overflow {
                    integerSum = sum
                    return
                }
            }
            switchToDecimal()
            decimalSum.add(later.sumIsDecimal ? later.decimalSum.value : DecimalNumber(later.integerSum))
        case .min: if current.isNull || Value.compare(later.current, current) == .orderedAscending { current = later.current }
        case .max: if current.isNull || Value.compare(later.current, current) == .orderedDescending { current = later.current }
        case .median: seen += later.seen
        case .first: if count == 0 { current = later.current }
        case .last: current = later.current
        }
    }

    /// As SQL has it: a sum of no values (no rows, or only nulls) is null, as are `avg`,
    /// `min`, `max`, `median`, `first` and `last`; counts are 0.
    public var result: Value {
        switch function {
        case .count: return .int(count)
        case .count_distinct: return .int(distinct.count)
        case .sum: return count > 0 ? total : .null
        case .avg:
            guard count > 0 else { return .null }
            return Value.divide(total, .int(count))
        case .min, .max, .first, .last: return current
        case .median:
            guard !seen.isEmpty else { return .null }
            let sorted = seen.sorted(by: Value.sortsBefore)
            let middle = sorted.count / 2
            if sorted.count % 2 == 1 { return .decimal(sorted[middle].decimalValue ?? DecimalNumber(0)) }
            return Value.divide(Value.add(sorted[middle - 1], sorted[middle]), .int(2))
        }
    }
}
