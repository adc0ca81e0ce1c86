import Foundation
import Testing
@testable import ReportKit

@Suite struct LocaleAndValueTests {
    let vi = ReportLocale("vi-VN")!
    let de = ReportLocale("de-DE")!
    let fr = ReportLocale("fr-FR")!

    @Test func writesNumbersAndDatesPerLocale() {
        let date = CivilDate(year: 2025, month: 2, day: 28)!
        let rate = Value.decimal(Decimal(string: "95.5")!)
        let expectations: [(ReportLocale, String, String, String)] = [
            (vi, "1.382", "95,5", "28/02/2025"),
            (.englishUS, "1,382", "95.5", "02/28/2025"),
            (de, "1.382", "95,5", "28.02.2025"),
        ]
        for (locale, number, decimal, day) in expectations {
            let formatter = ValueFormatter(locale: locale)
            #expect(formatter.string(for: .int(1382)) == number, "\(locale)")
            #expect(formatter.string(for: rate) == decimal, "\(locale)")
            #expect(formatter.string(for: .date(date)) == day, "\(locale)")
        }
        let formatter = ValueFormatter(locale: vi)
        #expect(formatter.string(for: .decimal(Decimal(string: "-1234567.125")!)) == "-1.234.567,125")
        #expect(formatter.string(for: .decimal(Decimal(string: "-0.5")!)) == "-0,5")
    }

    /// A year is never written `2.025`: integer columns named for a year are plain without
    /// being declared so; other integers keep their grouping.
    @Test func yearColumnsAreWrittenWithoutGrouping() {
        let formatter = ValueFormatter(locale: vi)
        for name in ["year", "Year", "fiscal_year", "Năm", "năm học", "Jahr", "année"] {
            #expect(formatter.string(for: .int(2025), in: Column(name, .int)) == "2025", "\(name)")
        }
        for name in ["count", "yearly_total", "nam_nu", "members"] {
            #expect(formatter.string(for: .int(2025), in: Column(name, .int)) == "2.025", "\(name)")
        }
        #expect(formatter.string(for: .int(2025), in: Column("code", .int, plain: true)) == "2025")
    }

    /// `fixed_decimals`: exactly `decimals` digits, padded after rounding, in plain columns too;
    /// integers and tick labels are left alone.
    @Test func fixedDecimalsPadEveryDecimal() {
        let money = ValueFormatter(locale: .englishUS, maximumFractionDigits: 2, minimumFractionDigits: 2)
        #expect(money.string(for: .decimal(Decimal(string: "251536.5")!)) == "251,536.50")
        #expect(money.string(for: .decimal(Decimal(string: "95")!)) == "95.00")
        #expect(money.string(for: .decimal(Decimal(string: "-0.125")!)) == "-0.13")
        #expect(money.string(for: .int(95)) == "95")
        #expect(money.string(for: .decimal(Decimal(string: "7.5")!), in: Column("code", .decimal, plain: true)) == "7.50")
        let rates = ValueFormatter(locale: vi, maximumFractionDigits: 1, minimumFractionDigits: 1)
        #expect(rates.string(for: .decimal(Decimal(string: "93.965")!)) == "94,0")
        #expect(ValueFormatter(locale: vi, maximumFractionDigits: 1).string(for: .decimal(Decimal(string: "93.965")!)) == "94")
    }

    @Test func readsNumbersPerLocale() {
        let viReader = NumberReader(locale: vi)
        #expect(viReader.read("1.382") == .int(1382))
        #expect(viReader.read("1.382,5") == .decimal(Decimal(string: "1382.5")!))
        #expect(viReader.read("95,5") == .decimal(Decimal(string: "95.5")!))
        #expect(viReader.read("1.38") == nil)
        #expect(viReader.read("12.3456") == nil)
        #expect(NumberReader(locale: fr).read("1 382,5") == .decimal(Decimal(string: "1382.5")!))
        #expect(NumberReader.plain.read("-0.1") == .decimal(Decimal(string: "-0.1")!))
        #expect(NumberReader.plain.read("1,382") == nil)
        #expect(NumberReader.plain.read("99999999999999999999") == .decimal(Decimal(string: "99999999999999999999")!))
        #expect(NumberReader.plain.read("") == nil)
        #expect(NumberReader.plain.read("-") == nil)
        #expect(NumberReader.plain.read("1e3") == nil)
    }

    @Test func localesKnowTheirDayOrder() {
        #expect(vi.isDayFirst && de.isDayFirst && ReportLocale("en-GB")!.isDayFirst)
        #expect(!ReportLocale.englishUS.isDayFirst)
        #expect(ReportLocale("xx-QQ") == nil)
    }

    @Test func civilDatesRoundTripThroughDayNumbers() {
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
        var day = CivilDate(year: 1999, month: 12, day: 25)!.daysSinceEpoch
        for _ in 0..<1000 {
            let date = CivilDate(daysSinceEpoch: day)
            #expect(date.daysSinceEpoch == day)
            day += 1
        }
        #expect(CivilDate(iso: "2025-03-15")?.description == "2025-03-15")
        #expect(CivilDate(iso: "2025-3-15") == nil)
        for text in ["2025-03-15x", "2025/03/15", "2025-13-01", "2025-02-30", "2025-03-1", "+025-03-15", "", "2025-03-1５"] {
            #expect(CivilDate(iso: text) == nil, "\(text)")
        }
        #expect(CivilDate(iso: "2024-02-29") == CivilDate(year: 2024, month: 2, day: 29))
    }

    @Test func datePatternsReadMonthNamesInTheLocale() throws {
        let english = try DatePattern("%d %B %Y", locale: .englishUS)
        #expect(english.read("15 March 2025") == CivilDate(year: 2025, month: 3, day: 15))
        #expect(english.read("15 Mar 2025") == CivilDate(year: 2025, month: 3, day: 15))
        #expect(english.read("15 Marc 2025") == nil)
        #expect(try DatePattern("%d.%m.%y", locale: de).read("01.02.25") == CivilDate(year: 2025, month: 2, day: 1))
        #expect(throws: DatePattern.Invalid.self) { try DatePattern("%Y-%m", locale: .englishUS) }
    }

    @Test func displayWidthCountsCells() {
        #expect(DisplayWidth.of("Thụy Khuê") == 9)
        #expect(DisplayWidth.of("Thu\u{323}y") == 4)
        #expect(DisplayWidth.of("東京") == 4)
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.padLeft("Hồ", to: 4) == "  Hồ")
    }

    @Test func suggestionsFindPlausibleTypos() {
        #expect(Suggestion.closest(to: "pahth", in: ["path", "header"]) == "path")
        #expect(Suggestion.closest(to: "outptus", in: ["outputs", "sources"]) == "outputs")
        #expect(Suggestion.closest(to: "zzz", in: ["path", "header"]) == nil)
        #expect(Suggestion.hint(for: "x", in: ["a", "b"]) == " (expected one of 'a', 'b')")
    }

    @Test func jsonIsDeterministicAndEscaped() {
        let value = JSONValue.object([("b", .int(1)), ("a", .array([.string("<\"x\">\n"), .null, .bool(true)]))])
        #expect(value.text() == "{\n  \"b\": 1,\n  \"a\": [\"<\\\"x\\\">\\n\", null, true]\n}\n")
    }
}
