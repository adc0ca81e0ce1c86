/// The `--period` argument: moves a recipe's period without editing it, so that a recipe can
/// run from cron every period.
///
/// Forms: a year `2025`, a half `2025-H1`, a quarter `2025-Q3`, a month `2025-03`, an ISO week
/// `2025-W07`, a day `2025-03-15`, a range `2021..2026` of any two of those (inclusive), and
/// relative to today (`--as-of`): `this-year`, `last-year`, `this-quarter`, `last-quarter`,
/// `this-month`, `last-month`, `ytd` (January 1st to today).
public enum PeriodArgument {
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// The period `text` names; buckets are `every` (the recipe's) or, when the recipe has no
    /// period, the unit the text is written in. A period shorter than one bucket of `every`
    /// (`--period 2025-Q2` for a yearly recipe) is cut in the unit it is written in: a bucket
    /// never claims a whole year for a quarter's rows, and "the period before" is the quarter
    /// before, not as many days.
    public static func parse(_ text: String, asOf today: CivilDate, every: PeriodUnit?) throws -> PeriodSpec {
        let (start, end, unit) = try range(text, asOf: today)
        guard let every else { return PeriodSpec(start: start, end: end, every: unit) }
        let first = PeriodBucket(containing: start, unit: every), last = PeriodBucket(containing: end, unit: every)
        let withinOne = first == last && (first.start != start || first.end != end)
        return PeriodSpec(start: start, end: end, every: withinOne ? unit : every)
    }

    private static func range(_ text: String, asOf today: CivilDate) throws -> (CivilDate, CivilDate, PeriodUnit) {
        if let separator = text.range(of: "..") {
            let first = try bucket(String(text[..<separator.lowerBound]), asOf: today)
            let last = try bucket(String(text[separator.upperBound...]), asOf: today)
            guard first.start <= last.end else {
                throw Invalid(description: "--period \(text): the range ends before it starts")
            }
            return (first.start, last.end, first.unit)
        }
        if text == "ytd" {
            return (CivilDate(year: today.year, month: 1, day: 1)!, today, .month)
        }
        let single = try bucket(text, asOf: today)
        return (single.start, single.end, single.unit)
    }

    private static func bucket(_ text: String, asOf today: CivilDate) throws -> PeriodBucket {
        switch text {
        case "this-year": return PeriodBucket(containing: today, unit: .year)
        case "last-year": return PeriodBucket(containing: today, unit: .year).previous
        case "this-quarter": return PeriodBucket(containing: today, unit: .quarter)
        case "last-quarter": return PeriodBucket(containing: today, unit: .quarter).previous
        case "this-month": return PeriodBucket(containing: today, unit: .month)
        case "last-month": return PeriodBucket(containing: today, unit: .month).previous
        default:
            guard let bucket = PeriodBucket(code: text), (1...9999).contains(bucket.start.year) else {
                throw Invalid(description: "--period '\(text)' is not a period; write 2025, 2025-H1, 2025-Q3, 2025-03, 2025-W07, "
                    + "2025-03-15, a range such as 2021..2026, or last-year, this-year, last-quarter, last-month, ytd")
            }
            return bucket
        }
    }
}
