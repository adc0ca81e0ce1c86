/// The size of the buckets a period is cut into.
public enum PeriodUnit: String, Sendable, CaseIterable {
    case year, half, quarter, month, week, day
}

/// The recipe's `period`: the first and last day it covers and the bucket size.
public struct PeriodSpec: Sendable, Hashable {
    public var start: CivilDate
    /// The last day, inclusive.
    public var end: CivilDate
    public var every: PeriodUnit
    /// The `label` template, when the recipe gives one.
    public var label: String?

    public init(start: CivilDate, end: CivilDate, every: PeriodUnit, label: String? = nil) {
        self.start = start
        self.end = end
        self.every = every
        self.label = label
    }

    /// The period as `--period` takes it, for file names: one bucket's code (`2025`,
    /// `2025-Q3`, `2025-03`) in the coarsest unit that fits, or the first and last joined by
    /// `..` (`2020..2025`); dates when it does not start and end on whole months.
    public var code: String {
        for unit in [PeriodUnit.year, .quarter, .month] {
            let first = PeriodBucket(containing: start, unit: unit), last = PeriodBucket(containing: end, unit: unit)
            guard first.start == start, last.end == end else { continue }
            return first == last ? first.code : "\(first.code)..\(last.code)"
        }
        return start == end ? start.description : "\(start)..\(end)"
    }

    /// Reads a bound as a recipe writes it: a year (`2020`), a month (`2020-03`) or a date
    /// (`2020-03-15`). A start is the first day of what it names, an end the last.
    public static func bound(_ text: String, isEnd: Bool) -> CivilDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              parts[0].count == 4, let year = Int(parts[0]), year >= 1
        else { return nil }
        switch parts.count {
        case 1:
            return isEnd ? CivilDate(year: year, month: 12, day: 31) : CivilDate(year: year, month: 1, day: 1)
        case 2:
            guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            return CivilDate(year: year, month: month, day: isEnd ? CivilDate.daysIn(month: month, year: year) : 1)
        case 3:
            return CivilDate(iso: text)
        default:
            return nil
        }
    }
}

extension PeriodSpec {
    /// Every bucket the period touches, in order.
    public var buckets: [PeriodBucket] {
        var result: [PeriodBucket] = []
        var bucket = PeriodBucket(containing: start, unit: every)
        while bucket.start <= end {
            result.append(bucket)
            bucket = bucket.next
        }
        return result
    }

    public func contains(_ date: CivilDate) -> Bool { start <= date && date <= end }

    /// How many buckets a period may be cut into: every one of them is a row of every table
    /// grouped by `period(...)`, so a period of 8,000 years by day is refused, not computed.
    public static let maximumBuckets = 100_000

    /// How many buckets the period is cut into, counted without making them.
    public var bucketCount: Int {
        let months = (end.year - start.year) * 12 + end.month - start.month + 1
        let days = end.daysSinceEpoch - start.daysSinceEpoch + 1
        switch every {
        case .year: return end.year - start.year + 1
        case .half: return months / 6 + 2
        case .quarter: return months / 3 + 2
        case .month: return months
        case .week: return days / 7 + 2
        case .day: return days
        }
    }

    /// The bucket `date` falls in, or `nil` outside the period.
    public func bucket(of date: CivilDate) -> PeriodBucket? {
        contains(date) ? PeriodBucket(containing: date, unit: every) : nil
    }

    /// The same period one year earlier (the same quarter last year): a period ending on a
    /// month's last day ends on that month's last day a year before (February 2024 → 2023-02-28).
    public var previousYear: PeriodSpec {
        let start = self.start.adding(months: -12) ?? self.start
        var end = self.end.adding(months: -12) ?? self.end
        if self.end.isLastDayOfMonth { end = CivilDate(year: end.year, month: end.month, day: CivilDate.daysIn(month: end.month, year: end.year))! }
        return PeriodSpec(start: start, end: end, every: every, label: label)
    }

    /// The period of the same length just before this one: as many whole buckets when the
    /// period is made of whole buckets, else as many days.
    public var previous: PeriodSpec {
        let lastDay = CivilDate(daysSinceEpoch: start.daysSinceEpoch - 1)
        let first = PeriodBucket(containing: start, unit: every)
        if first.start == start, PeriodBucket(containing: end, unit: every).end == end {
            var bucket = first
            for _ in buckets { bucket = bucket.previous }
            return PeriodSpec(start: bucket.start, end: lastDay, every: every, label: label)
        }
        let days = end.daysSinceEpoch - start.daysSinceEpoch + 1
        return PeriodSpec(start: CivilDate(daysSinceEpoch: start.daysSinceEpoch - days), end: lastDay, every: every, label: label)
    }
}
