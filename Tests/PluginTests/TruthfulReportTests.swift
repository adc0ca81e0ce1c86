import Foundation
import ReportgenTesting
import ReportKit
import Testing
@testable import TableExtractors
@testable import CSVPlugins
@testable import InlinePlugins
@testable import TextPlugins

/// A report never states a wrong figure or word in silence (issue 12): one test per class of
/// what was seen on public data, on the smallest recipe that shows it and on data shaped like
/// the real case. Each failed on the code before the fix.
@Suite struct TruthfulReportTests {
    static let plugins: [any PluginModule.Type] = [TableExtractors.self, CSVPlugins.self, InlinePlugins.self, TextPlugins.self]

    func run(_ recipe: String, files: [String: String] = [:]) throws -> RecipeRun {
        try RecipeRun("reportgen: 1\ntitle: T\n" + recipe, files: files, plugins: Self.plugins)
    }

    /// The text output of a run, as a user reads it.
    func text(_ run: RecipeRun) throws -> String {
        let output = try TextOutput(options: PluginHarness.options("{width: 200}", kind: .output, type: "text", specs: TextOutput.options,
                                                                   directory: FileManager.default.temporaryDirectory))
        return String(decoding: try output.render(run.report), as: UTF8.self)
    }

    func warnings(_ run: RecipeRun) -> [String] { run.warnings.map(\.message) }

    func errors(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch {
            var all = Diagnostics()
            all.append(error)
            return all.sorted.map(\.message)
        }
    }

    // MARK: 2. Mustache: false and null skip a section

    @Test func falseAndNullSkipASectionAndRenderTheInvertedOne() throws {
        let result = try run("""
            params: {flag: false}
            sources: {m: {type: inline, rows: [{month: 1, change: -3}, {month: 2}, {month: 3, change: 4}]}}
            extractors: {t: {type: compute, input: m, columns: {up: change > 0}}}
            layout:
              - text: "{{#t}}{{month}} {{#up}}rose{{/up}}{{^up}}fell{{/up}} {{#change}}by {{change}}{{/change}}; {{/t}}{{#params.flag}}FLAG{{/params.flag}}{{^params.flag}}no flag{{/params.flag}}"
            outputs: []
            """)
        let written = try text(result)
        #expect(written.contains("1 fell by -3; 2 fell ; 3 rose by 4; no flag"), "\(written)")
    }

    // MARK: 3. A bucket outside the data is no data, not a collapse to zero

    /// Quarterly GDP from 1959 Q1 to 2009 Q3, as statsmodels' macrodata has it.
    static let macro: String = {
        var lines = ["date,realgdp"], gdp = 2710.349
        for year in 1959...2009 {
            for quarter in 1...4 where year < 2009 || quarter <= 3 {
                gdp *= 1.0075
                lines.append(String(format: "%04d-%02d-01,%.3f", year, (quarter - 1) * 3 + 1, gdp))
            }
        }
        // The last day of data is the last day of 2009 Q3.
        lines[lines.count - 1] = lines[lines.count - 1].replacingOccurrences(of: "2009-07-01", with: "2009-09-30")
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func bucketsAfterTheDataAreNoDataAndAreNotRankedOrTrended() throws {
        let result = try run("""
            period: {from: 2009, to: 2009, every: quarter}
            sources: {macro: {type: csv, path: macro.csv, columns: {date: date, realgdp: decimal}}}
            extractors:
              gdp: {type: aggregate, input: macro, group_by: [period(date)], measures: {gdp: sum(realgdp), n: count()}}
              growth: {type: trend, input: gdp, value: gdp, by: period}
              worst: {type: top, input: gdp, by: gdp, limit: 1, descending: false}
            layout:
              - chart: {type: bar, table: growth, x: period, y: change_pct}
            outputs: []
            """, files: ["macro.csv": Self.macro])
        let gdp = result.values("gdp", of: "gdp")
        #expect(gdp.count == 4 && gdp[3] == .null, "Q4 2009 is after the data: no data, not 0")
        #expect(result.values("n", of: "gdp")[3] == .null)
        #expect(result.values("change_pct", of: "growth")[3] == .null, "no -100%")
        #expect(result.values("period", of: "worst") == [.period(PeriodBucket(containing: CivilDate(year: 2009, month: 1, day: 1)!, unit: .quarter))])
        #expect(warnings(result).contains { $0.contains("the period runs past the data (last date 2009-09-30)") })
        #expect(!(try text(result)).contains("-100"))
    }

    @Test func anEmptyBucketInsideTheDataIsZero() throws {
        let result = try run("""
            period: {from: 2020, to: 2020, every: quarter}
            sources: {e: {type: csv, path: e.csv, columns: {date: date, n: int}}}
            extractors: {q: {type: aggregate, input: e, group_by: [period(date)], measures: {rows: count(), n: sum(n), top: max(n)}}}
            outputs: []
            """, files: ["e.csv": "date,n\n2020-01-05,1\n2020-07-01,2\n2020-12-31,3\n"])
        #expect(result.values("n", of: "q") == [.int(1), .int(0), .int(2), .int(3)])
        #expect(result.values("rows", of: "q")[1] == .int(0))
        #expect(result.values("top", of: "q")[1] == .null)
        #expect(result.warnings.isEmpty)
    }

    // MARK: 4. better: lower reads as a ceiling

    @Test func aCeilingIsMetUnderItAndMissedOverIt() throws {
        let recipe = { (locale: String) in """
            locale: \(locale)
            sources: {rain: {type: inline, rows: [{year: 2013, mm: 828}, {year: 2014, mm: 950}, {year: 2015, mm: 1023}]}}
            extractors: {budget: {type: compare, input: rain, value: mm, target: 950, better: lower}}
            outputs: []
            """ }
        #expect(try run(recipe("en-US")).values("status", of: "budget") == [.string("met"), .string("met"), .string("missed")])
        #expect(try run(recipe("vi-VN")).values("status", of: "budget") == [.string("đạt"), .string("đạt"), .string("không đạt")])
    }

    // MARK: 5. A total is never a sum of averages

    @Test func aPivotsTotalOfAveragesIsTheAverageOfTheRows() throws {
        // Cars: Japan's 3-, 4- and 6-cylinder cars.
        let result = try run("""
            sources: {cars: {type: csv, path: cars.csv}}
            extractors: {mpg: {type: pivot, input: cars, rows: origin, columns: cylinders, value: mpg, aggregate: avg, total: true}}
            outputs: []
            """, files: ["cars.csv": "origin,cylinders,mpg\nJapan,3,20\nJapan,3,21.1\nJapan,4,31\nJapan,4,32.2\nJapan,6,23.9\nUSA,4,25\n"])
        let table = try #require(result.table("mpg"))
        #expect(table.columnNames == ["origin", "3", "4", "6", "Total"])
        let japan = table.rows[0]
        #expect(japan[4] == .decimal(DecimalNumber(string: "25.64")!), "(20 + 21.1 + 31 + 32.2 + 23.9) / 5, not 20.55 + 31.6 + 23.9")
        let total = try #require(table.rows.last)
        #expect(total[0] == .string("Total"))
        #expect(total[2] == .decimal(DecimalNumber(string: "29.4")!), "the 4-cylinder column's average of its three cars")
        #expect(total[4] == Value.divide(.decimal(DecimalNumber(string: "153.2")!), .int(6)), "every car's average")
    }

    // MARK: 6. Empty results are warnings

    static let weather = "date,precipitation,weather\n2015-01-01,0,sun\n2015-01-02,1.5,rain\n2015-01-03,0.3,drizzle\n"

    @Test func aFilterThatKeepsNothingSaysWhichValuesOccur() throws {
        let result = try run("""
            sources: {w: {type: csv, path: w.csv}}
            extractors: {sunny: {type: aggregate, input: w, where: "weather = 'sunny'", measures: {days: count(), mm: sum(precipitation)}}}
            outputs: []
            """, files: ["w.csv": Self.weather])
        #expect(result.values("days", of: "sunny") == [.int(0)])
        #expect(result.values("mm", of: "sunny") == [.null], "no rows: no sum, as in SQL")
        let said = warnings(result)
        #expect(said.contains("this condition keeps none of the 3 rows it is given"))
        #expect(said.contains("'sunny' never occurs in column 'weather'; did you mean 'sun'? (it holds 'drizzle', 'rain', 'sun')"))
        #expect(result.warnings.allSatisfy { $0.location?.line == 4 }, "at the where, in the recipe")
    }

    @Test func aPeriodWithoutRowsAJoinWithoutMatchesAndASourceWithoutRowsAreWarnings() throws {
        let result = try run("""
            period: {from: 2030, to: 2030}
            sources:
              w: {type: csv, path: w.csv, dated_by: date}
              none: {type: csv, path: empty.csv, columns: {date: date, n: int}}
            extractors:
              total: {type: aggregate, input: w, measures: {mm: sum(precipitation)}}
              nothing: {type: aggregate, input: none, measures: {n: sum(n)}}
            outputs: []
            """, files: ["w.csv": Self.weather, "empty.csv": "date,n\n"])
        let said = warnings(result)
        #expect(said.contains("source 'w' has no row in the period 2030 (its dates run from 2015-01-01 to 2015-01-03)"))
        #expect(said.contains("source 'none' has no rows: every figure made from it is empty"))
        #expect(result.values("mm", of: "total") == [.null], "a period outside the data has no figure, not 0")
        let joined = try run("""
            sources:
              w: {type: csv, path: w.csv}
              names: {type: inline, rows: [{weather: Sun, label: Sunny}]}
            extractors: {named: {type: join, input: w, with: names, on: [weather]}}
            outputs: []
            """, files: ["w.csv": Self.weather])
        #expect(warnings(joined) == ["no row of 'w' matches a row of 'names' on weather (the left has 'sun', the right 'Sun')"])
    }

    @Test func aHeaderOnlyFileSaysHowToDeclareItsColumns() {
        let said = errors {
            _ = try run("""
                sources: {e: {type: csv, path: e.csv}}
                extractors: {t: {type: aggregate, input: e, group_by: {y: year(date)}, measures: {s: sum(amount)}}}
                outputs: []
                """, files: ["e.csv": "date,amount\n"])
        }
        #expect(said.first?.contains("e.csv has a header but no rows, so no cell tells its type; declare its type, as in columns: {date: date}") == true,
                "\(said)")
    }

    // MARK: 7. Every bad cell of a column

    @Test func everyBadCellUpToTwentyPerColumnThenACount() {
        // Penguins: NA in lines 5 and 273 of a declared column.
        var penguins = "species,body_mass_g\n" + Array(repeating: "Adelie,3750\n", count: 3).joined() + "Adelie,NA\n"
        penguins += Array(repeating: "Gentoo,5000\n", count: 267).joined() + "Gentoo,NA\n"
        let said = errors {
            _ = try run("""
                sources: {p: {type: csv, path: p.csv, columns: {body_mass_g: int}}}
                extractors: {t: {type: aggregate, input: p, measures: {m: avg(body_mass_g)}}}
                outputs: []
                """, files: ["p.csv": penguins])
        }
        #expect(said.count == 2 && said.allSatisfy { $0.hasPrefix("'NA' in column 'body_mass_g' is not an integer") }, "\(said)")
        let many = "n\n" + Array(repeating: "x\n", count: 25).joined()
        let all = errors {
            _ = try run("""
                sources: {p: {type: csv, path: p.csv, columns: {n: int}}}
                extractors: {t: {type: aggregate, input: p, measures: {m: sum(n)}}}
                outputs: []
                """, files: ["p.csv": many])
        }
        #expect(all.count == 21)
        #expect(all.last == "and 5 more such cells in column 'n', the last at p.csv:26:1")
    }

    @Test func nullValuesAreReadAsNoValue() throws {
        let result = try run("""
            sources: {p: {type: csv, path: p.csv, null_values: [NA, '.']}}
            extractors: {t: {type: aggregate, input: p, group_by: [sex], measures: {m: avg(mass), n: count(mass)}}}
            outputs: []
            """, files: ["p.csv": "sex,mass\nmale,3750\n.,NA\nfemale,3250\nNA,3000\n"])
        #expect(result.table("t")?.columns.map(\.type) == [.string, .decimal, .int])
        #expect(result.values("n", of: "t") == [.int(1), .int(1), .int(1)])
    }

    // MARK: 8. Hints where a user is stuck

    @Test func anExpressionCutAtItsCommasByAFlowMapIsOneError() {
        let said = errors {
            _ = try run("""
                sources: {w: {type: csv, path: w.csv}}
                extractors: {t: {type: aggregate, input: w, measures: {a: count(if(weather = 'sun', 1, null)), b: sum(precipitation)}}}
                outputs: []
                """, files: ["w.csv": Self.weather])
        }
        #expect(said == ["YAML cut this expression at its commas: in a flow {...} or [...], a comma ends a value. Quote the expression: a: \"count(if(weather = 'sun', 1, null))\", or write the mapping one key per line"])
    }

    @Test func cellsSayWhatWouldReadThem() {
        let comma = errors {
            _ = try run("sources: {r: {type: csv, path: r.csv, columns: {rate: decimal}}}\noutputs: [{type: text, path: t.txt}]",
                        files: ["r.csv": "rate;n\n12,8;1\n"])
        }
        #expect(comma.first?.hasSuffix("it is written with a decimal comma: read the file with the source's locale (locale: vi-VN, de-DE, fr-FR, ...)") == true, "\(comma)")
        let date = errors {
            _ = try run("sources: {r: {type: csv, path: r.csv, columns: {d: date}}}\noutputs: [{type: text, path: t.txt}]",
                        files: ["r.csv": "d\nMar 15 2015\n"])
        }
        #expect(date.first == "'Mar 15 2015' in column 'd' is not a date (2020-03-15); give the column its format: {type: date, format: '%b %d %Y'}")
    }

    @Test func csvForAnExcelOfTheRecipesLocale() throws {
        let table = Table(columns: [Column("rate", .decimal), Column("n", .int)], rows: [[.decimal(DecimalNumber(string: "95.5")!), .int(1382)]])
        let output = try CSVOutput(options: PluginHarness.options("{table: t, excel: true}", kind: .output, type: "csv", specs: CSVOutput.options,
                                                                  directory: FileManager.default.temporaryDirectory))
        let bytes = try output.render(PluginHarness.report([NamedTable(id: "t", table: table)], locale: ReportLocale("vi-VN")!))
        #expect(bytes == [0xEF, 0xBB, 0xBF] + Array("rate;n\r\n95,5;1382\r\n".utf8))
    }

    // MARK: 9. Nulls as SQL has them

    @Test func aSumOfNullsIsNullAndATrendDoesNotInventAFall() throws {
        // Wheat: years without wages.
        let result = try run("""
            sources: {wheat: {type: inline, rows: [{year: 1800, wages: 10}, {year: 1810}, {year: 1820, wages: 12}]}}
            extractors:
              by_year: {type: aggregate, input: wheat, group_by: [year], measures: {wages: sum(wages)}}
              change: {type: trend, input: by_year, value: wages, by: year}
              known: {type: filter, input: wheat, where: "wages in (10, null)"}
            outputs: []
            """)
        #expect(result.values("wages", of: "by_year") == [.int(10), .null, .int(12)])
        #expect(result.values("change_pct", of: "change") == [.null, .null, .null])
        // 12 in (10, null) is null, not false; 10 in (10, null) is true.
        #expect(result.values("year", of: "known") == [.int(1800)])
    }

    // MARK: 10. Machine outputs stay machine values

    @Test func pivotLabelsStayValuesInCSV() throws {
        let result = try RecipeRun("""
            reportgen: 1
            title: T
            locale: de-DE
            sources: {d: {type: inline, rows: [{deaths: 3675, month: 1, n: 1}, {deaths: 12, month: 2, n: 2}]}}
            extractors: {p: {type: pivot, input: d, rows: deaths, columns: month, value: n, total: true}}
            outputs: []
            """, plugins: Self.plugins)
        let output = try CSVOutput(options: PluginHarness.options("{table: p}", kind: .output, type: "csv", specs: CSVOutput.options,
                                                                  directory: FileManager.default.temporaryDirectory))
        let csv = String(decoding: try output.render(result.report), as: UTF8.self)
        #expect(csv == "deaths,1,2,Gesamt\r\n12,,2,2\r\n3675,1,,1\r\nGesamt,1,2,3\r\n", "\(csv)")
    }

    @Test func aLoneNullIsWrittenAsAnEmptyQuotedField() throws {
        let table = Table(columns: [Column("x", .string)], rows: [[.string("a")], [.null]])
        let output = try CSVOutput(options: PluginHarness.options("{table: t}", kind: .output, type: "csv", specs: CSVOutput.options,
                                                                  directory: FileManager.default.temporaryDirectory))
        #expect(try output.render(PluginHarness.report([NamedTable(id: "t", table: table)])) == Array("x\r\na\r\n\"\"\r\n".utf8))
    }
}
