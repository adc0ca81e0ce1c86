/// One bucket of a period: a year, a half, a quarter, a month, an ISO week or a day.
public struct PeriodBucket: Sendable, Hashable, Comparable {
    /// The first day of the bucket (a Monday for weeks). Before `unit`: stored in this order,
    /// the unit takes a byte after the date instead of a word before it.
    public let start: CivilDate
    public let unit: PeriodUnit

    /// The bucket of `unit` that contains `date`.
    public init(containing date: CivilDate, unit: PeriodUnit) {
        self.unit = unit
        switch unit {
        case .year: start = CivilDate(year: date.year, month: 1, day: 1)!
        case .half: start = CivilDate(year: date.year, month: date.month <= 6 ? 1 : 7, day: 1)!
        case .quarter: start = CivilDate(year: date.year, month: (date.month - 1) / 3 * 3 + 1, day: 1)!
        case .month: start = CivilDate(year: date.year, month: date.month, day: 1)!
        case .week: start = CivilDate(daysSinceEpoch: date.daysSinceEpoch - (date.isoWeekday - 1))
        case .day: start = date
        }
    }

    /// The bucket right after this one.
    public var next: PeriodBucket {
        PeriodBucket(containing: CivilDate(daysSinceEpoch: end.daysSinceEpoch + 1), unit: unit)
    }

    /// The bucket right before this one.
    public var previous: PeriodBucket {
        PeriodBucket(containing: CivilDate(daysSinceEpoch: start.daysSinceEpoch - 1), unit: unit)
    }

    /// The last day of the bucket.
    public var end: CivilDate {
        switch unit {
        case .year: return CivilDate(year: start.year, month: 12, day: 31)!
        case .half, .quarter, .month:
            let months = unit == .half ? 6 : unit == .quarter ? 3 : 1
            let lastMonth = start.month + months - 1
            return CivilDate(year: start.year, month: lastMonth, day: CivilDate.daysIn(month: lastMonth, year: start.year))!
        case .week: return CivilDate(daysSinceEpoch: start.daysSinceEpoch + 6)
        case .day: return start
        }
    }

    /// The bucket as programs read it: `2025`, `2025-H1`, `2025-Q3`, `2025-03`, `2025-W07`,
    /// `2025-03-15`.
    public var code: String {
        let year = Self.pad(start.year, 4)
        switch unit {
        case .year: return year
        case .half: return "\(year)-H\(start.month <= 6 ? 1 : 2)"
        case .quarter: return "\(year)-Q\((start.month - 1) / 3 + 1)"
        case .month: return "\(year)-\(Self.pad(start.month, 2))"
        case .week:
            let (weekYear, week) = start.isoWeek
            return "\(Self.pad(weekYear, 4))-W\(Self.pad(week, 2))"
        case .day: return start.description
        }
    }

    /// Reads a code as ``code`` writes it; `nil` when it is not one.
    public init?(code: String) {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.first?.count == 4, let year = Int(parts[0]) else { return nil }
        if parts.count == 1 {
            guard let date = CivilDate(year: year, month: 1, day: 1) else { return nil }
            self.init(containing: date, unit: .year)
            return
        }
        let second = parts[1]
        if parts.count == 3 {
            guard let date = CivilDate(iso: code) else { return nil }
            self.init(containing: date, unit: .day)
            return
        }
        guard parts.count == 2, let marker = second.first else { return nil }
        let number = Int(second.dropFirst())
        switch marker {
        case "H": guard let n = number, (1...2).contains(n), second.count == 2 else { return nil }
            self.init(containing: CivilDate(year: year, month: n == 1 ? 1 : 7, day: 1)!, unit: .half)
        case "Q": guard let n = number, (1...4).contains(n), second.count == 2 else { return nil }
            self.init(containing: CivilDate(year: year, month: (n - 1) * 3 + 1, day: 1)!, unit: .quarter)
        case "W":
            guard let n = number, second.count == 3, let monday = CivilDate.isoWeekStart(year: year, week: n) else { return nil }
            self.init(containing: monday, unit: .week)
        default:
            guard second.count == 2, let month = Int(second), let date = CivilDate(year: year, month: month, day: 1) else { return nil }
            self.init(containing: date, unit: .month)
        }
    }

    public static func < (lhs: PeriodBucket, rhs: PeriodBucket) -> Bool { lhs.start < rhs.start }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

extension CivilDate {
    /// 1 for Monday through 7 for Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday.
        ((daysSinceEpoch % 7 + 7) % 7 + 3) % 7 + 1
    }

    /// The ISO 8601 week-numbering year and week (1...53) this date falls in.
    public var isoWeek: (year: Int, week: Int) {
        let thursday = CivilDate(daysSinceEpoch: daysSinceEpoch - isoWeekday + 4)
        let firstOfYear = CivilDate(year: thursday.year, month: 1, day: 1)!
        return (thursday.year, (thursday.daysSinceEpoch - firstOfYear.daysSinceEpoch) / 7 + 1)
    }

    /// The Monday of ISO week `week` of `year`, when that week exists.
    public static func isoWeekStart(year: Int, week: Int) -> CivilDate? {
        guard let january4 = CivilDate(year: year, month: 1, day: 4), week >= 1 else { return nil }
        let monday = CivilDate(daysSinceEpoch: january4.daysSinceEpoch - (january4.isoWeekday - 1) + (week - 1) * 7)
        return monday.isoWeek.week == week ? monday : nil
    }
}
