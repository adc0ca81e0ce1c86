import Foundation

/// How a source's `dated_by` column places each row in time: a date column dates a row by
/// its day, a date-time column by its day in the recipe's time zone, an integer column
/// holding years (`nam: 2023`) by its whole year. A row belongs to
/// a span when all of its days lie in it, so a year belongs to a span of whole years only:
/// asking for a quarter of rows dated by year is an error, not a silent empty figure.
public struct RowDating: Sendable {
    public enum Unit: Sendable { case day, year }

    public let column: Int
    public let columnName: String
    public let unit: Unit
    /// Where `dated_by` is written, for errors about it.
    public let location: SourceLocation
    /// The zone whose days date-times fall on.
    public let timeZone: TimeZone

    /// The dating of `name` among `columns`; an error at `location` when there is no such
    /// column, or when it holds neither dates nor years.
    public init(column name: String, in columns: [Column], owner: String, at location: SourceLocation, timeZone: TimeZone = .reportDefault) throws {
        guard let index = columns.firstIndex(where: { $0.name == name }) else {
            throw Diagnostic("\(owner) has no column '\(name)' to date its rows by"
                             + Suggestion.hint(for: name, in: columns.map(\.name)), at: location)
        }
        let column = columns[index]
        switch column.type {
        case .date, .datetime: unit = .day
        case .int: unit = .year
        default:
            var message = "dated_by names '\(name)', a \(column.type.rawValue) column; rows are dated by a date or datetime column, or a column of years (int)"
            if let reason = column.textBecause { message += " ('\(name)' was read as text because \(reason))" }
            throw Diagnostic(message, at: location)
        }
        self.column = index
        columnName = name
        self.location = location
        self.timeZone = timeZone
    }

    /// The days a row covers; `nil` when its date is null (or not a year a calendar has).
    @inline(__always)
    public func days(of row: Row) -> ClosedRange<CivilDate>? {
        days(of: row[column])
    }

    @inline(__always)
    public func days(of value: Value) -> ClosedRange<CivilDate>? {
        switch value {
        case .date(let date): return date...date
        case .datetime(let instant):
            let date = instant.date(in: timeZone)
            return date...date
        case .int(let year):
            guard (1...9999).contains(year) else { return nil }
            return CivilDate(year: year, month: 1, day: 1)!...CivilDate(year: year, month: 12, day: 31)!
        default: return nil
        }
    }

    /// Checks that `days` can be cut from rows of this dating: whole years for a column of
    /// years. `what` names the span in the message ("the period 2025-Q3").
    public func check(_ days: ClosedRange<CivilDate>, what: String, owner: String) throws {
        guard unit == .year else { return }
        let wholeYears = days.lowerBound.month == 1 && days.lowerBound.day == 1
            && days.upperBound.month == 12 && days.upperBound.day == 31
        if !wholeYears {
            throw Diagnostic("\(owner) dates its rows by year ('\(columnName)'), so its figures cannot be cut to \(what); "
                             + "give it a column of dates, or report on whole years", at: location)
        }
    }
}

/// The first and last day of the rows seen so far: the span the data covers.
public struct DaySpanTracker: Sendable, Hashable {
    public private(set) var first: CivilDate?
    public private(set) var last: CivilDate?

    public init() {}

    @inline(__always)
    public mutating func note(_ days: ClosedRange<CivilDate>) {
        if first.map({ days.lowerBound < $0 }) ?? true { first = days.lowerBound }
        if last.map({ days.upperBound > $0 }) ?? true { last = days.upperBound }
    }

    public mutating func note(_ other: DaySpanTracker) {
        if let first = other.first, let last = other.last { note(first...last) }
    }

    public var span: ClosedRange<CivilDate>? {
        guard let first, let last else { return nil }
        return first...last
    }
}
