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
