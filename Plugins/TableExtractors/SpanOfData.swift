import ReportKit

/// The span of days an aggregate's data covers, so that a period bucket with no rows is told
/// apart: inside the span nothing happened (counts and sums 0), outside it there is no data
/// (every measure null, and the run warns). The span is the first to the last date of the
/// rows given to `period(...)` (before `where`), widened by what the runner knows of a dated
/// source's rows (``InputDays``).
struct SpanOfData {
    let period: PeriodSpec?
    let warnings: WarningLog
    /// Where a warning about the buckets points: the aggregate's `group_by`.
    let location: SourceLocation
    private var days = DaySpanTracker()
    /// The days of the dated input that the aggregate was given, when it reads one.
    private var read: ClosedRange<CivilDate>?
    private var readIsKnown = false

    init(period: PeriodSpec?, warnings: WarningLog, location: SourceLocation) {
        self.period = period
        self.warnings = warnings
        self.location = location
    }

    @inline(__always)
    mutating func note(_ date: Value?) {
        if case .date(let day)? = date { days.note(day...day) }
    }

    mutating func note(_ other: DaySpanTracker) { days.note(other) }

    mutating func note(_ input: InputDays) {
        if let data = input.data { days.note(data) }
        read = input.read
        readIsKnown = true
    }

    mutating func merge(_ later: SpanOfData) { days.note(later.days) }

    /// What a group without rows holds: for a group of period `buckets`, whether they lie in
    /// the data's span; for the one group of an aggregate without keys (`isWhole`), whether the
    /// days it read lie in it; otherwise SQL's answer (counts 0, sums null).
    func emptyGroup(buckets: [PeriodBucket], isWhole: Bool) -> Grouping.Empty {
        guard let data = days.span else { return buckets.isEmpty ? .noRows : .noData }
        if !buckets.isEmpty {
            return buckets.allSatisfy { $0.end >= data.lowerBound && $0.start <= data.upperBound } ? .nothingHappened : .noData
        }
        guard isWhole, readIsKnown, let read else { return .noRows }
        return data.lowerBound <= read.lowerBound && read.upperBound <= data.upperBound ? .nothingHappened : .noRows
    }

    /// Warns when the figures cover less time than they say: the period's buckets (or, for an
    /// aggregate without keys over a dated source, the days it reads) reach past the data's
    /// last date or before its first, compared by month (data dated on each month's first day
    /// covers its month), or by day for a span shorter than a month.
    func warnOfTimeWithoutData(isWhole: Bool) {
        let span: ClosedRange<CivilDate>?
        if isWhole { span = readIsKnown ? read : nil } else { span = period.map { $0.start...$0.end } }
        guard let span else { return }
        guard let data = days.span else {
            if !isWhole, let period { warnings.warn(.warning("no row has a date in the period \(period.code): every bucket is without data", at: location)) }
            return
        }
        let byDay = span.upperBound.daysSinceEpoch - span.lowerBound.daysSinceEpoch < 28
        func step(_ date: CivilDate) -> Int { byDay ? date.daysSinceEpoch : date.year * 12 + date.month }
        if step(span.upperBound) > step(data.upperBound) {
            warnings.warn(.warning("the period runs past the data (last date \(data.upperBound)): "
                                   + (isWhole ? "this figure covers less time than the period" : "buckets after it show no data, and the one it ends in only part of its time"),
                                   at: location))
        }
        if step(span.lowerBound) < step(data.lowerBound) {
            warnings.warn(.warning("the period starts before the data (first date \(data.lowerBound)): "
                                   + (isWhole ? "this figure covers less time than the period" : "buckets before it show no data, and the one it starts in only part of its time"),
                                   at: location))
        }
    }
}
