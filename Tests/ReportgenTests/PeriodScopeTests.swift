import Foundation
import ReportKit
import ReportgenCLI
import Testing

/// Every figure of a shipped recipe covers the period it is run for. For each recipe with a
/// period and each year of it, the report run with `--period YEAR` must equal the same recipe
/// run over data cut to that year beforehand (each dated source's rows outside the year removed
/// as it loads, by its own `dated_by` column): only figures whose recipe states another span
/// (`span:`) may differ.
@Suite struct PeriodScopeTests {
    static let recipes = ["tay-ho-2020-2025", "sales-review-2021-2025", "city-services-2024", "seattle-weather-2012-2015", "help-desk-2025"]

    /// A source whose rows are cut to one year as it loads: the reference the runner's own
    /// cutting is checked against.
    struct YearOfSource: Source {
        static let type = "year-of"
        static let summary = "test only"
        struct Options: PluginOptions {}
        let inner: any Source
        let column: String
        let year: Int
        let zone: TimeZone

        init(options: Options, setup: PluginSetup) throws { throw setup.error("made by the test only") }
        init(inner: any Source, column: String, year: Int, zone: TimeZone) {
            self.inner = inner
            self.column = column
            self.year = year
            self.zone = zone
        }

        func inputFiles(in recipeDirectory: URL) throws -> [URL] { try inner.inputFiles(in: recipeDirectory) }

        func load(context: RunContext) throws -> Table {
            var table = try inner.load(context: context)
            let index = try #require(table.columnIndex(named: column))
            table.rows = table.rows.filter { row in
                switch row[index] {
                case .date(let date): return date.year == year
                case .datetime(let instant): return instant.date(in: zone).year == year
                case .int(let value): return value == year
                default: return false
                }
            }
            return table
        }
    }

    func load(_ name: String, period: String?) throws -> Recipe {
        let file = CommandLineRunner.repositoryRoot.appendingPathComponent("recipes/\(name)/recipe.yaml")
        return try RecipeLoader(registry: BuiltInPlugins.registry, periodOverride: period).load(file: file, displayPath: name)
    }

    /// The extractors that state another span, and every extractor that reads one of them.
    func otherSpans(in recipe: Recipe) -> Set<String> {
        var found = Set(recipe.extractors.filter { $0.span != nil }.map(\.id))
        for extractor in recipe.extractors where extractor.references.contains(where: { found.contains($0.id) }) {
            found.insert(extractor.id)
        }
        return found
    }

    @Test(arguments: recipes)
    func everyYearStatesOnlyThatYearsFigures(_ name: String) throws {
        let whole = try load(name, period: nil)
        let period = try #require(whole.period)
        // A shipped recipe says of each source how its rows stand in time: dated by a column,
        // or `dated_by: none` for rows that hold for any period.
        for source in whole.sources {
            #expect(source.datedBy != nil, "\(name): source '\(source.id)' needs dated_by (a column, or none)")
        }
        let runner = Runner(workingDirectory: CommandLineRunner.repositoryRoot)
        for year in period.start.year...period.end.year {
            let recipe = try load(name, period: String(year))
            let cut = try runner.makeReport(recipe)
            var reference = recipe
            for index in reference.sources.indices {
                guard let column = reference.sources[index].datedBy?.column else { continue }
                reference.sources[index].plugin = YearOfSource(inner: reference.sources[index].plugin, column: column, year: year,
                                                                   zone: recipe.locale.timeZone)
                reference.sources[index].datedBy = nil
            }
            let expected = try runner.makeReport(reference)
            let skipped = otherSpans(in: recipe)
            var compared = 0
            for table in cut.tables where !skipped.contains(table.id) {
                let other = try #require(expected.table(table.id))
                #expect(table.table.columnNames == other.columnNames, "\(name) \(year) \(table.id)")
                #expect(table.table.rows == other.rows, "\(name) --period \(year): '\(table.id)' must state \(year)'s figures only")
                compared += 1
            }
            #expect(compared >= 3, "\(name): figures follow the period")
        }
    }

    @Test func theFlagshipStillStatesItsTotalSince2010() throws {
        let report = try Runner(workingDirectory: CommandLineRunner.repositoryRoot).makeReport(load("tay-ho-2020-2025", period: "2023"))
        let since = try #require(report.table("ket_nap_tu_2010"))
        // From 2010 to the end of the period asked for: 2010-2023.
        #expect(since.rows[0][since.columnIndex(named: "ket_nap")!] == .int(1272))
        let full = try Runner(workingDirectory: CommandLineRunner.repositoryRoot).makeReport(load("tay-ho-2020-2025", period: nil))
        #expect(full.table("ket_nap_tu_2010")!.rows[0][1] == .int(1382))
    }
}
