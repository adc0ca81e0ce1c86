import Foundation
import ReportgenTesting
import ReportKit
import Testing
@testable import TableExtractors
@testable import CSVPlugins
@testable import InlinePlugins
@testable import TextPlugins
@testable import XLSXPlugins

/// What real exports need (issue 13): date-times and time zones, missing values, previous
/// periods, richer expressions, numeric options driven by `--set`, and wording in templates.
@Suite struct RealDataCapabilityTests {
    static let plugins: [any PluginModule.Type] = [TableExtractors.self, CSVPlugins.self, InlinePlugins.self, TextPlugins.self]

    func run(_ recipe: String, files: [String: String] = [:], overrides: [(String, String)] = [], period: String? = nil) throws -> RecipeRun {
        try RecipeRun("reportgen: 1\ntitle: T\n" + recipe, files: files, plugins: Self.plugins, paramOverrides: overrides, period: period)
    }

    func text(_ run: RecipeRun) throws -> String {
        let output = try TextOutput(options: PluginHarness.options("{width: 200}", kind: .output, type: "text", specs: TextOutput.options,
                                                                   directory: FileManager.default.temporaryDirectory))
        return String(decoding: try output.render(run.report), as: UTF8.self)
    }

    /// An export from an office at +07:00 and a system in UTC, with `NA` where nothing was solved.
    static let tickets = """
        id,created_at,solved_at,channel
        1,2024-03-15T14:23:00+07:00,2024-03-15T18:53:00+07:00,email
        2,2024-03-15T23:30:00Z,NA,chat
        3,2024-03-16 08:00,2024-03-16 09:30:30,email
        4,2024/03/31 23:59,NA,chat
        """ + "\n"

    @Test func dateTimesAreReadWithTheirOffsetAndBucketedInTheRecipesZone() throws {
        let result = try run("""
            timezone: Asia/Ho_Chi_Minh
            period: {from: 2024-03-15, to: 2024-03-17, every: day}
            sources: {t: {type: csv, path: t.csv, null_values: [NA], dated_by: created_at}}
            extractors:
              per_day: {type: aggregate, input: t, group_by: [period(created_at)], measures: {n: count(), solved: count(solved_at)}}
              by_hour: {type: aggregate, input: t, group_by: {hour: hour(created_at)}, measures: {n: count()}}
              speed: {type: compute, input: t, columns: {hours: "hours_between(created_at, solved_at)", day: date(created_at)}}
              late: {type: filter, input: t, where: "created_at >= '2024-03-16 00:00'"}
            outputs: []
            """, files: ["t.csv": Self.tickets])
        #expect(result.table("speed")?.columns.map(\.type) == [.int, .datetime, .datetime, .string, .decimal, .date])
        // 23:30 UTC on the 15th is 06:30 on the 16th in Hanoi; the 31st's row is outside the period.
        #expect(result.values("n", of: "per_day") == [.int(1), .int(2), .int(0)])
        #expect(result.values("solved", of: "per_day") == [.int(1), .int(1), .int(0)])
        #expect(result.values("hour", of: "by_hour") == [.int(6), .int(8), .int(14)])
        #expect(result.values("hours", of: "speed") == [.decimal(DecimalNumber(string: "4.5")!), .null,
                                                          Value.divide(.int(5430), .int(3600))])
        #expect(result.values("day", of: "speed")[1] == .date(CivilDate(year: 2024, month: 3, day: 16)!))
        #expect(result.values("id", of: "late") == [.int(2), .int(3)])
        let written = try text(result)
        #expect(written.contains("03/15/2024, 2:23"), "documents write the wall clock of the recipe's zone: \(written)")
    }

    @Test func aFormatWithHoursAndAMPM() throws {
        let result = try run("""
            sources: {t: {type: csv, path: t.csv, columns: {at: {type: datetime, format: '%m/%d/%Y %I:%M %p %z'}}}}
            outputs: []
            """, files: ["t.csv": "at\n03/15/2024 2:23 PM +0700\n"])
        #expect(result.values("at", of: "t") == [.datetime(Instant(seconds: 1_710_487_380))])
        let error = PluginHarness.describe {
            _ = try run("sources: {t: {type: csv, path: t.csv, columns: {at: {type: date, format: '%Y-%m-%d %H:%M'}}}}\noutputs: []",
                        files: ["t.csv": "at\n2024-03-15 14:23\n"])
        }
        #expect(error.contains("reads a time of day: declare 'at' as datetime"))
    }

    @Test func quarterOverQuarterAndYearOverYear() throws {
        let sales = "date,amount\n2024-07-10,100\n2025-04-02,80\n2025-07-01,120\n2025-09-30,30\n"
        let result = try run("""
            period: {from: 2025-07, to: 2025-09, every: month}
            sources: {s: {type: csv, path: s.csv, dated_by: date}}
            extractors:
              now: {type: aggregate, input: s, measures: {amount: sum(amount)}}
              last_quarter: {type: aggregate, input: s, span: previous, measures: {amount: sum(amount)}}
              last_year: {type: aggregate, input: s, span: previous_year, measures: {amount: sum(amount)}}
              both: {type: join, input: now, with: last_year}
              yoy: {type: compute, input: both, columns: {change_pct: "100.0 * (amount - last_year_amount) / last_year_amount"}}
              bounds:
                type: aggregate
                input: s
                span: all
                measures:
                  this_quarter: "sum(if(date >= period.start and date <= period.end, amount, null))"
                  previous_quarter: "sum(if(date >= period.previous.start and date <= period.previous.end, amount, null))"
                  same_quarter_last_year: "sum(if(date >= period.previous_year.start and date <= period.previous_year.end, amount, null))"
            outputs: []
            """, files: ["s.csv": sales])
        #expect(result.values("amount", of: "now") == [.int(150)])
        #expect(result.values("amount", of: "last_quarter") == [.int(80)])
        #expect(result.values("amount", of: "last_year") == [.int(100)])
        #expect(result.values("change_pct", of: "yoy") == [.decimal(50)])
        #expect(result.values("previous_quarter", of: "bounds") == [.int(80)])
        #expect(result.values("same_quarter_last_year", of: "bounds") == [.int(100)])
    }

    @Test func expressionsPeopleNeed() throws {
        let result = try run("""
            sources: {d: {type: inline, rows: [{y: 2025, m: 1, d: 31, n: 0, k: a}, {y: 2024, m: 2, d: 29, n: 5, k: b}]}}
            extractors:
              e:
                type: compute
                input: d
                columns:
                  day: date(y, m, d)
                  next_month: add_months(day, 1)
                  next_year: add_years(day, 1)
                  label: "'Q' || m || '/' || y"
                  size: "case when n = 0 then 'none' when n < 3 then 'few' else 'many' end"
                  per: 10 / nullif(n, 0)
            outputs: []
            """)
        #expect(result.values("next_month", of: "e") == [.date(CivilDate(year: 2025, month: 2, day: 28)!), .date(CivilDate(year: 2024, month: 3, day: 29)!)])
        #expect(result.values("next_year", of: "e")[1] == .date(CivilDate(year: 2025, month: 2, day: 28)!), "29 February to the 28th")
        #expect(result.values("label", of: "e") == [.string("Q1/2025"), .string("Q2/2024")])
        #expect(result.values("size", of: "e") == [.string("none"), .string("many")])
        #expect(result.values("per", of: "e") == [.null, .decimal(2)])
    }

    @Test func aLimitDrivenByTheCommandLine() throws {
        let recipe = """
            params: {n: 2}
            sources: {d: {type: inline, rows: [{w: a, v: 1}, {w: b, v: 3}, {w: c, v: 2}]}}
            extractors: {best: {type: top, input: d, by: v, limit: params.n}}
            outputs: []
            """
        #expect(try run(recipe).values("w", of: "best") == [.string("b"), .string("c")])
        #expect(try run(recipe, overrides: [("n", "1")]).values("w", of: "best") == [.string("b")])
        let wrong = PluginHarness.describe { _ = try run(recipe.replacingOccurrences(of: "params.n", with: "params.m")) }
        #expect(wrong.contains("unknown param 'm' (expected 'n')"))
    }

    @Test func templateHelpersWriteTheReportsWay() throws {
        let result = try run("""
            locale: vi-VN
            period: {from: 2025-01, to: 2025-03, every: quarter}
            sources: {m: {type: inline, rows: [{d: 2025-03-15, change: -3.456, rate: 95.5}]}}
            layout:
              - text: "{{#m}}{{signed(change)}}|{{abs(change)}}|{{decimals1(change)}}|{{percent(rate)}}|{{long(d)}}|{{year(d)}}|{{#negative(change)}}giảm{{/negative(change)}}{{#positive(change)}}tăng{{/positive(change)}}{{/m}}|{{period.label}}|{{period.previous_year.label}}"
            outputs: []
            """)
        let written = try text(result)
        #expect(written.contains("-3,46|3,46|-3,5|95,5%|ngày 15 tháng 3 năm 2025|2025|giảm|Quý I/2025|Quý I/2024"), "\(written)")
    }
}

/// A workbook's date cells with a time of day are date-times at the recipe's wall clock.
@Suite struct WorkbookDateTimeTests {
    @Test func dateCellsWithATimeAreDateTimes() throws {
        guard let python = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
            .map({ URL(fileURLWithPath: String($0)).appendingPathComponent("python3") })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            print("note: python3 not found; skipping the workbook date-time test")
            return
        }
        let folder = try PluginHarness.folder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let make = Process()
        make.executableURL = python
        make.arguments = ["-c", """
            import openpyxl, datetime
            wb = openpyxl.Workbook(); ws = wb.active; ws.append(['at', 'n'])
            ws.append([datetime.datetime(2024, 3, 15, 14, 23, 5), 1]); ws.append([datetime.date(2024, 3, 16), 2])
            wb.save('\(folder.path)/dt.xlsx')
            """]
        try make.run()
        make.waitUntilExit()
        guard make.terminationStatus == 0 else {
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "openpyxl is needed in CI")
            print("note: openpyxl not installed; skipping the workbook date-time test")
            return
        }
        let options = try PluginHarness.options("{path: dt.xlsx}", kind: .source, type: "xlsx", specs: XLSXSource.options, directory: folder)
        let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let context = RunContext(recipeDirectory: folder, workingDirectory: folder, locale: ReportLocale.englishUS.in(zone))
        let table = try XLSXSource(options: options).load(context: context)
        #expect(table.columns.map(\.type) == [.datetime, .int])
        #expect(table.rows.map { $0[0] } == [
            .datetime(Instant(date: CivilDate(year: 2024, month: 3, day: 15)!, hour: 14, minute: 23, second: 5, offset: 7 * 3600)),
            .datetime(Instant(date: CivilDate(year: 2024, month: 3, day: 16)!, hour: 0, minute: 0, second: 0, offset: 7 * 3600)),
        ])
    }
}

/// What a stranger found on real data, each fixed: a figure of another span, a period shorter
/// than the recipe's buckets, figures over less time than they say, local times in a gap.
@Suite struct StrangerFindingsTests {
    static let plugins: [any PluginModule.Type] = [TableExtractors.self, CSVPlugins.self, InlinePlugins.self, TextPlugins.self]
    /// Monthly figures 2014-2015, dated on the 1st, as statistics offices export them.
    static let monthly: String = "month,added\n" + (2014...2015).flatMap { year in
        (1...12).map { month in String(format: "%04d-%02d-01,%d", year, month, year == 2014 ? month : 10 * month) }
    }.joined(separator: "\n") + "\n"

    func run(_ recipe: String, period: String? = nil) throws -> RecipeRun {
        try RecipeRun("reportgen: 1\ntitle: T\n" + recipe, files: ["m.csv": Self.monthly], plugins: Self.plugins, period: period)
    }

    @Test func theSameQuartersLastYearAreLastYearsQuarters() throws {
        let result = try run("""
            period: {from: 2015, to: 2015, every: quarter}
            sources: {m: {type: csv, path: m.csv, dated_by: month}}
            extractors:
              now: {type: aggregate, input: m, group_by: [period(month)], measures: {added: sum(added)}}
              before: {type: aggregate, input: m, span: previous_year, group_by: [period(month)], measures: {added: sum(added)}}
            outputs: []
            """)
        #expect(result.values("added", of: "now") == [.int(60), .int(150), .int(240), .int(330)])
        #expect(result.values("added", of: "before") == [.int(6), .int(15), .int(24), .int(33)])
        #expect(result.values("period", of: "before").first == .period(PeriodBucket(code: "2014-Q1")!))
    }

    @Test func aPeriodShorterThanABucketIsCutInItsOwnUnit() throws {
        let result = try run("""
            period: {from: 2014, to: 2015, every: year}
            sources: {m: {type: csv, path: m.csv, dated_by: month}}
            extractors:
              now: {type: aggregate, input: m, group_by: [period(month)], measures: {added: sum(added)}}
              before: {type: aggregate, input: m, span: previous, measures: {added: sum(added)}}
            outputs: []
            """, period: "2015-Q2")
        #expect(result.values("period", of: "now") == [.period(PeriodBucket(code: "2015-Q2")!)], "Q2 is no year")
        #expect(result.values("added", of: "before") == [.int(60)], "the quarter before is Q1, not 91 days")
    }

    @Test func aFigureOverLessTimeThanItsPeriodIsAWarning() throws {
        let result = try run("""
            period: {from: 2015, to: 2016, every: year}
            sources: {m: {type: csv, path: m.csv, dated_by: month}}
            extractors:
              total: {type: aggregate, input: m, measures: {added: sum(added)}}
              yearly: {type: aggregate, input: m, group_by: [period(month)], measures: {added: sum(added)}}
            outputs: []
            """)
        let said = result.warnings.map(\.message)
        #expect(said.contains("the period runs past the data (last date 2015-12-01): this figure covers less time than the period"))
        #expect(said.contains { $0.hasPrefix("the period runs past the data (last date 2015-12-01): buckets after it show no data") })
        let covered = try run("""
            period: {from: 2015, to: 2015, every: year}
            sources: {m: {type: csv, path: m.csv, dated_by: month}}
            extractors: {total: {type: aggregate, input: m, measures: {added: sum(added)}}}
            outputs: []
            """)
        #expect(covered.warnings.isEmpty, "December dated on its first day covers December")
    }

    @Test func aSpanThatStartsAfterThePeriodIsAnError() {
        let error = PluginHarness.describe {
            _ = try run("""
                period: {from: 2014, to: 2014}
                sources: {m: {type: csv, path: m.csv, dated_by: month}}
                extractors: {later: {type: aggregate, input: m, span: {from: 2015}, measures: {added: sum(added)}}}
                outputs: []
                """)
        }
        #expect(error.contains("this span starts on 2015-01-01, after the period ends (2014-12-31)"))
    }

    @Test func anInnerJoinThatDropsRowsSaysWhichWithTheNearestKey() throws {
        let result = try RecipeRun("""
            reportgen: 1
            title: T
            sources:
              p: {type: inline, rows: [{species: Adelie, n: 1}, {species: Gentoo, n: 2}]}
              t: {type: inline, rows: [{species: Adelie, target: 1}, {species: "Gentoo ", target: 2}]}
            extractors: {j: {type: join, input: p, with: t, on: [species]}}
            outputs: []
            """, plugins: Self.plugins)
        #expect(result.warnings.map(\.message) == ["1 of the 2 rows of 'p' match no row of 't' on species and are left out (kind: left keeps them), such as 'Gentoo'; did you mean 'Gentoo '?"])
    }

    @Test func helpersApplyToThePeriodsDays() throws {
        let result = try RecipeRun("""
            reportgen: 1
            title: T
            locale: vi-VN
            period: {from: 2025-01, to: 2025-03, every: month}
            sources: {d: {type: inline, rows: [{a: 1}]}}
            layout: [{text: "{{long(period.end)}} {{year(period.start)}} {{period.code}} {{long(period.previous_year.end)}}"}]
            outputs: [{type: text, path: t.txt}]
            """, plugins: Self.plugins)
        #expect(result.text("t.txt")?.contains("ngày 31 tháng 3 năm 2025 2025 2025-Q1 ngày 31 tháng 3 năm 2024") == true)
    }

    @Test func localTimesInADaylightSavingGapLandAfterIt() {
        let losAngeles = TimeZone(identifier: "America/Los_Angeles")!, saoPaulo = TimeZone(identifier: "America/Sao_Paulo")!
        // Python's zoneinfo and DuckDB: 02:00 on 2010-03-14 is 03:00 PDT; 00:30 on 2018-11-04 is 01:30 -02:00.
        #expect(Instant(date: CivilDate(year: 2010, month: 3, day: 14)!, hour: 2, minute: 0, second: 0, in: losAngeles).seconds == 1_268_560_800)
        #expect(Instant(date: CivilDate(year: 2018, month: 11, day: 4)!, hour: 0, minute: 30, second: 0, in: saoPaulo).iso(in: saoPaulo)
                == "2018-11-04T01:30:00-02:00")
        // A repeated hour is its first occurrence.
        #expect(Instant(date: CivilDate(year: 2010, month: 11, day: 7)!, hour: 1, minute: 30, second: 0, in: losAngeles).iso(in: losAngeles)
                == "2010-11-07T01:30:00-07:00")
    }
}
