import Foundation

/// Exact arithmetic and ordering on values. Integers stay integers until they would overflow,
/// then become decimals; decimals are base-10, so `0.1 + 0.2 == 0.3`. Any operation on null
/// gives null, and so does division by zero (a rate of nothing is no rate, not an error).
///
/// Nothing here traps: a decimal past ``DecimalNumber/largestExponent`` is
/// ``DecimalNumber/outOfRange``, and a date moved out of ``CivilDate/supported`` is null;
/// the expression compiler turns both into an error at the operator
/// (``Value/isOutOfRange`` tells them).
extension Value {
    public var decimalValue: DecimalNumber? {
        switch self {
        case .int(let number): return DecimalNumber(number)
        case .decimal(let number): return number
        default: return nil
        }
    }

    public static func add(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case let (.int(x), .int(y)):
            let (sum, overflow) = x.addingReportingOverflow(y)
            return overflow ? .decimal(DecimalNumber(x) + DecimalNumber(y)) : .int(sum)
        case let (.date(date), .int(days)), let (.int(days), .date(date)):
            return date.adding(days: days).map(Value.date) ?? .null
        default:
            guard let x = a.decimalValue, let y = b.decimalValue else { return .null }
            return .decimal(x + y)
        }
    }

    public static func subtract(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case let (.int(x), .int(y)):
            let (difference, overflow) = x.subtractingReportingOverflow(y)
            return overflow ? .decimal(DecimalNumber(x) - DecimalNumber(y)) : .int(difference)
        case let (.date(x), .date(y)): return .int(x.daysSinceEpoch - y.daysSinceEpoch)
        case let (.date(date), .int(days)):
            return days == .min ? .null : date.adding(days: -days).map(Value.date) ?? .null
        default:
            guard let x = a.decimalValue, let y = b.decimalValue else { return .null }
            return .decimal(x - y)
        }
    }

    public static func multiply(_ a: Value, _ b: Value) -> Value {
        if case let (.int(x), .int(y)) = (a, b) {
            let (product, overflow) = x.multipliedReportingOverflow(by: y)
            return overflow ? .decimal(DecimalNumber(x) * DecimalNumber(y)) : .int(product)
        }
        guard let x = a.decimalValue, let y = b.decimalValue else { return .null }
        return .decimal(x * y)
    }

    /// Always a decimal, to 38 significant digits.
    public static func divide(_ a: Value, _ b: Value) -> Value {
        guard let x = a.decimalValue, let y = b.decimalValue, let quotient = x / y else { return .null }
        return .decimal(quotient)
    }

    public static func remainder(_ a: Value, _ b: Value) -> Value {
        if case let (.int(x), .int(y)) = (a, b) {
            guard y != 0 else { return .null }
            let (remainder, overflow) = x.remainderReportingOverflow(dividingBy: y)
            return .int(overflow ? 0 : remainder)
        }
        guard let x = a.decimalValue, let y = b.decimalValue, let quotient = x / y else { return .null }
        // The quotient truncated, so that the remainder has the dividend's sign, as with integers.
        return .decimal(x - y * quotient.rounded(0, .towardZero))
    }

    public static func negate(_ a: Value) -> Value {
        switch a {
        case .int(let x): return x == .min ? .decimal(-DecimalNumber(x)) : .int(-x)
        case .decimal(let x): return .decimal(-x)
        default: return .null
        }
    }

    /// How two values order; `nil` when either is null or they are not comparable. Numbers
    /// compare across int and decimal; a string compares with a date as the date it writes.
    public static func compare(_ a: Value, _ b: Value) -> ComparisonResult? {
        switch (a, b) {
        case let (.string(x), .string(y)): return x == y ? .orderedSame : (x < y ? .orderedAscending : .orderedDescending)
        case let (.date(x), .date(y)): return order(x, y)
        case let (.datetime(x), .datetime(y)): return order(x, y)
        case let (.date(x), .string(y)): return CivilDate(iso: y).map { order(x, $0) }
        case let (.string(x), .date(y)): return CivilDate(iso: x).map { order($0, y) }
        case let (.bool(x), .bool(y)): return x == y ? .orderedSame : (!x ? .orderedAscending : .orderedDescending)
        case let (.period(x), .period(y)): return order(x, y)
        case let (.int(x), .int(y)): return order(x, y)
        default:
            guard let x = a.decimalValue, let y = b.decimalValue else { return nil }
            return order(x, y)
        }
    }

    private static func order<T: Comparable>(_ x: T, _ y: T) -> ComparisonResult {
        x == y ? .orderedSame : (x < y ? .orderedAscending : .orderedDescending)
    }

    /// A total order for sorting: nulls last, then by ``compare(_:_:)``, then by type.
    public static func sortsBefore(_ a: Value, _ b: Value) -> Bool {
        switch (a.isNull, b.isNull) {
        case (true, _): return false
        case (false, true): return true
        default: break
        }
        if let order = compare(a, b) { return order == .orderedAscending }
        return a.plainText < b.plainText
    }
}

extension Decimal {
    /// Rounded to `scale` fraction digits; `.plain` rounds halves away from zero.
    public func rounded(_ scale: Int, _ mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        var value = self, result = Decimal()
        NSDecimalRound(&result, &value, scale, mode)
        return result
    }
}
