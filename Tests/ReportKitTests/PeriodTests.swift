import Foundation
import Testing
@testable import ReportKit

@Suite struct PeriodTests {
    func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }
    func code(_ text: String, _ unit: PeriodUnit) -> String { PeriodBucket(containing: date(text), unit: unit).code }

    @Test func bucketsAtTheEdgesOfYears() {
        #expect(code("2024-12-31", .year) == "2024" && code("2025-01-01", .year) == "2025")
        #expect(code("2025-06-30", .half) == "2025-H1" && code("2025-07-01", .half) == "2025-H2")
        #expect(code("2025-03-31", .quarter) == "2025-Q1" && code("2025-04-01", .quarter) == "2025-Q2")
        #expect(code("2024-12-31", .quarter) == "2024-Q4")
        #expect(code("2024-02-29", .month) == "2024-02")
        #expect(PeriodBucket(containing: date("2024-02-10"), unit: .month).end == date("2024-02-29"))
        #expect(PeriodBucket(containing: date("2023-02-10"), unit: .month).end == date("2023-02-28"))
        #expect(code("2025-03-15", .day) == "2025-03-15")
    }

    @Test func theLastYearOfTheCalendarHasANextBucket() {
        let spec = PeriodSpec(start: date("9999-01-01"), end: date("9999-12-31"), every: .quarter)
        #expect(spec.buckets.map(\.code) == ["9999-Q1", "9999-Q2", "9999-Q3", "9999-Q4"])
        #expect(PeriodBucket(code: "9999")?.next.start.year == 10000)
    }

    @Test func isoWeeksIncludingWeek53() {
        #expect(code("2020-12-31", .week) == "2020-W53")
        #expect(code("2021-01-03", .week) == "2020-W53")
        #expect(code("2021-01-04", .week) == "2021-W01")
        #expect(code("2019-12-30", .week) == "2020-W01")
        #expect(code("2026-12-31", .week) == "2026-W53")
        #expect(code("2025-12-29", .week) == "2026-W01")
        #expect(PeriodBucket(code: "2020-W53")?.start == date("2020-12-28"))
        #expect(PeriodBucket(code: "2021-W53") == nil)
        #expect(date("2025-11-24").isoWeekday == 1 && date("2025-11-30").isoWeekday == 7)
    }

    @Test func codesRoundTrip() {
        for text in ["2025", "2025-H2", "2025-Q3", "2025-03", "2025-W07", "2025-03-15"] {
            #expect(PeriodBucket(code: text)?.code == text)
        }
        for bad in ["2025-Q5", "2025-H3", "2025-13", "25", "2025-W60", "x"] {
            #expect(PeriodBucket(code: bad) == nil, "\(bad)")
        }
    }

    @Test func aPeriodListsItsBucketsAndItsPrevious() {
        let spec = PeriodSpec(start: date("2020-01-01"), end: date("2025-12-31"), every: .year)
        #expect(spec.buckets.map(\.code) == ["2020", "2021", "2022", "2023", "2024", "2025"])
        #expect(spec.previous.start == date("2014-01-01") && spec.previous.end == date("2019-12-31"))
        let quarter = PeriodSpec(start: date("2025-07-01"), end: date("2025-09-30"), every: .month)
        #expect(quarter.buckets.map(\.code) == ["2025-07", "2025-08", "2025-09"])
        #expect(quarter.previous.buckets.map(\.code) == ["2025-04", "2025-05", "2025-06"])
        #expect(spec.bucket(of: date("2019-12-31")) == nil)
        #expect(spec.bucket(of: date("2025-12-31"))?.code == "2025")
    }

    @Test func labelsInTheLocalesWords() {
        let vi = ValueFormatter(locale: ReportLocale("vi-VN")!), en = ValueFormatter(locale: .englishUS)
        #expect(en.label(for: PeriodSpec(start: date("2020-01-01"), end: date("2025-12-31"), every: .year)) == "2020–2025")
        #expect(en.label(for: PeriodSpec(start: date("2025-07-01"), end: date("2025-09-30"), every: .quarter)) == "Q3 2025")
        #expect(en.string(for: PeriodBucket(code: "2025-03")!) == "03/2025")
        // Vietnamese as offices write it, not CLDR's "Q3 2025" and "tháng 03, 2025".
        #expect(vi.string(for: PeriodBucket(code: "2025-Q3")!) == "Quý III/2025")
        #expect(vi.string(for: PeriodBucket(code: "2025-01")!) == "tháng 1/2025")
        #expect(vi.string(for: PeriodBucket(code: "2025-H1")!) == "6 tháng đầu năm 2025")
        #expect(vi.string(for: PeriodBucket(code: "2025-H2")!) == "6 tháng cuối năm 2025")
        #expect(vi.label(for: PeriodSpec(start: date("2025-01-01"), end: date("2025-06-30"), every: .month)) == "6 tháng đầu năm 2025")
        #expect(vi.label(for: PeriodSpec(start: date("2025-01-01"), end: date("2025-12-31"), every: .month)) == "năm 2025")
        #expect(vi.label(for: PeriodSpec(start: date("2020-01-01"), end: date("2025-12-31"), every: .year)) == "2020–2025")
        #expect(vi.label(for: PeriodSpec(start: date("2025-01-01"), end: date("2025-09-30"), every: .quarter)) == "Quý I/2025–Quý III/2025")
        #expect(en.label(for: PeriodSpec(start: date("2025-01-01"), end: date("2025-06-30"), every: .month)) == "H1 2025")
        #expect(en.string(for: PeriodBucket(code: "2025-H1")!) == "H1 2025")
        #expect(vi.string(for: .period(PeriodBucket(code: "2025-03-15")!)) == "15/03/2025")
    }

    @Test func periodArgumentsInEveryForm() throws {
        let today = date("2026-11-25")
        func range(_ text: String) throws -> String {
            let spec = try PeriodArgument.parse(text, asOf: today, every: nil)
            return "\(spec.start)..\(spec.end) \(spec.every.rawValue)"
        }
        #expect(try range("2021..2026") == "2021-01-01..2026-12-31 year")
        #expect(try range("2025") == "2025-01-01..2025-12-31 year")
        #expect(try range("2025-Q3") == "2025-07-01..2025-09-30 quarter")
        #expect(try range("2025-03") == "2025-03-01..2025-03-31 month")
        #expect(try range("2024-02") == "2024-02-01..2024-02-29 month")
        #expect(try range("last-year") == "2025-01-01..2025-12-31 year")
        #expect(try range("this-year") == "2026-01-01..2026-12-31 year")
        #expect(try range("last-quarter") == "2026-07-01..2026-09-30 quarter")
        #expect(try range("last-month") == "2026-10-01..2026-10-31 month")
        #expect(try range("ytd") == "2026-01-01..2026-11-25 month")
        #expect(try PeriodArgument.parse("2025-Q3", asOf: today, every: .month).buckets.count == 3)
        #expect(throws: PeriodArgument.Invalid.self) { try range("2026..2021") }
        #expect(throws: PeriodArgument.Invalid.self) { try range("next-year") }
        let january = try PeriodArgument.parse("last-month", asOf: date("2026-01-15"), every: nil)
        #expect(january.start == date("2025-12-01"))
    }
}
