import Foundation

/// The type of a table column, as a recipe names it (`columns: {count: int}`).
public enum ColumnType: String, Sendable, Hashable, CaseIterable {
    case string, int, decimal, date, datetime, bool
    /// A bucket of the recipe's period, made by `period(date)`; not declared by recipes.
    case period

    /// The types a recipe may declare in `columns`.
    public static let declarable: [ColumnType] = [.string, .int, .decimal, .date, .datetime, .bool]

    /// `int` and `decimal` columns hold numbers and are right-aligned in documents.
    public var isNumeric: Bool { self == .int || self == .decimal }
}

/// One cell. Numbers are exact: `decimal` is base-10 (``DecimalNumber``), so sums of `0.1`
/// never drift and `1382` never prints as `1381.99`. The stored value never
/// depends on a locale; locales apply when a value is read from text or written for people.
public enum Value: Sendable, Hashable {
    case null
    case string(String)
    case int(Int)
    case decimal(DecimalNumber)
    case date(CivilDate)
    /// A moment (a date-time with its offset, or the recipe's time zone, applied).
    case datetime(Instant)
    case bool(Bool)
    case period(PeriodBucket)

    /// A pattern match, not `== .null`: the derived `==` is a call that copies both values,
    /// and this is asked of every cell in the record loops.
    @inlinable
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value as other programs read it: ISO dates, date-times in ISO 8601 UTC
    /// (`2024-03-15T07:23:00Z`), `.` as the decimal mark, no grouping. Null is the empty string.
    public var plainText: String {
        switch self {
        case .null: return ""
        case .string(let text): return text
        case .int(let value): return String(value)
        case .decimal(let value): return value.description
        case .date(let date): return date.description
        case .datetime(let instant): return instant.description
        case .bool(let value): return value ? "true" : "false"
        case .period(let bucket): return bucket.code
        }
    }

    /// The value's type; `nil` for null.
    public var type: ColumnType? {
        switch self {
        case .null: return nil
        case .string: return .string
        case .int: return .int
        case .decimal: return .decimal
        case .date: return .date
        case .datetime: return .datetime
        case .bool: return .bool
        case .period: return .period
        }
    }
}

extension Value {
    /// A decimal value from Foundation's `Decimal`.
    public static func decimal(_ value: Decimal) -> Value { .decimal(DecimalNumber(value)) }
}
