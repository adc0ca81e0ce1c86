import Foundation

/// A calendar date without a time or a time zone: what a row of a report means by "a date".
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    /// Month and day in a byte each: a date is 10 bytes, not 24, and with it every value of a
    /// table (``Value`` is as large as its largest case: a period, which holds a date).
    private let storedMonth: UInt8
    private let storedDay: UInt8

    public var month: Int { Int(storedMonth) }
    public var day: Int { Int(storedDay) }

    /// `nil` when the day does not exist (February 30th, month 13). Any year is accepted, so
    /// that arithmetic at the edges (the bucket after December 9999) cannot fail; text is read
    /// with four-digit years only.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        storedMonth = UInt8(month)
        storedDay = UInt8(day)
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        // Day 1 to 31 and month 1 to 12 by the algorithm, whatever `days` is.
        let day = dayOfYear - (153 * mp + 2) / 5 + 1, month = mp < 10 ? mp + 3 : mp - 9
        storedDay = UInt8(day)
        storedMonth = UInt8(month)
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// The last day a date read from text can be (years have four digits): an open end.
    public static let latest = CivilDate(year: 9999, month: 12, day: 31)!

    /// The dates reportgen reads, computes and writes: years 1 to 9999, which every output
    /// writes with four digits. Arithmetic that leaves them is an error, never a wrapped or
    /// trapped number.
    public static let supported = CivilDate(year: 1, month: 1, day: 1)!...CivilDate(year: 9999, month: 12, day: 31)!

    /// The date `days` after 1970-01-01, when it is within ``supported``.
    public init?(supportedDaysSinceEpoch days: Int) {
        guard (Self.supported.lowerBound.daysSinceEpoch...Self.supported.upperBound.daysSinceEpoch).contains(days) else { return nil }
        self.init(daysSinceEpoch: days)
    }

    /// `days` days later (earlier when negative), when that is within ``supported``.
    public func adding(days: Int) -> CivilDate? {
        let (sum, overflow) = daysSinceEpoch.addingReportingOverflow(days)
        return overflow ? nil : CivilDate(supportedDaysSinceEpoch: sum)
    }

    /// Today's date in UTC.
    public static var today: CivilDate {
        CivilDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    public static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `2025-03-15`
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Reads `2025-03-15` (ISO 8601 calendar date, zero-padded).
    public init?(iso text: some StringProtocol) {
        // Byte by byte: JSON sources test every text value of a column with this.
        var year = 0, month = 0, day = 0, index = 0
        for byte in text.utf8 {
            let digit = Int(byte &- 48)
            switch index {
            case 4, 7: guard byte == UInt8(ascii: "-") else { return nil }
            case 0..<4 where digit < 10: year = year * 10 + digit
            case 5..<7 where digit < 10: month = month * 10 + digit
            case 8..<10 where digit < 10: day = day * 10 + digit
            default: return nil
            }
            index += 1
        }
        guard index == 10 else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension CivilDate {
    /// `months` months later (earlier when negative), the day kept where the month has it and
    /// else the month's last day (`2025-01-31` + 1 month is `2025-02-28`), as spreadsheets'
    /// EDATE does; `nil` outside years 1 to 9999.
    public func adding(months: Int) -> CivilDate? {
        let (total, overflow) = (year * 12 + month - 1).addingReportingOverflow(months)
        guard !overflow else { return nil }
        let newYear = Int((Double(total) / 12).rounded(.down)), newMonth = total - newYear * 12 + 1
        guard (1...9999).contains(newYear) else { return nil }
        return CivilDate(year: newYear, month: newMonth, day: min(day, CivilDate.daysIn(month: newMonth, year: newYear)))
    }

    /// Whether it is the last day of its month.
    public var isLastDayOfMonth: Bool { day == CivilDate.daysIn(month: month, year: year) }
}
