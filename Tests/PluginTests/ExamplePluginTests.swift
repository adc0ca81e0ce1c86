import ExamplePlugins
import InlinePlugins
import ReportgenTesting
import Testing

/// The example plugins, one of each kind, tested the way the README shows a plugin's author.
@Suite struct ExamplePluginTests {
    static let sales = """
        reportgen: 1
        title: T
        sources: {sales: {type: inline, rows: [{region: North, revenue: 40}, {region: South, revenue: 20}, {region: East}, {region: West, revenue: 40}]}}

        """

    @Test func sharesAddUpToAHundred() throws {
        let run = try RecipeRun(Self.sales + """
            extractors: {shares: {type: share, input: sales, value: revenue}}
            outputs: []
            """, plugins: [InlinePlugins.self, ExamplePlugins.self])
        #expect(run.values("share", of: "shares") == [.decimal(40), .decimal(20), .null, .decimal(40)])
    }

    @Test func aTextColumnIsAnErrorWhenTheRecipeLoads() {
        #expect(RecipeRun.errors(Self.sales + """
            extractors: {shares: {type: share, input: sales, value: region}}
            outputs: []
            """, plugins: [InlinePlugins.self, ExamplePlugins.self])
            == ["recipe.yaml:4:57: error: 'value' needs a number, but region is a string"])
    }

    @Test func ranksShareTheirPlace() throws {
        let run = try RecipeRun(Self.sales + """
            extractors: {ranked: {type: rank, input: sales, by: revenue}}
            outputs: []
            """, plugins: [InlinePlugins.self, ExamplePlugins.self])
        #expect(run.values("rank", of: "ranked") == [.int(1), .int(3), .null, .int(1)])
    }

    @Test func linesAreRowsNumberedFromOne() throws {
        let run = try RecipeRun("""
            reportgen: 1
            title: T
            sources: {names: {type: lines, path: names.txt, skip_blank: true}}
            outputs: []
            """, files: ["names.txt": "Ana\n\nBình\r\n"], plugins: [ExamplePlugins.self])
        #expect(run.values("text", of: "names") == [.string("Ana"), .string("Bình")])
        #expect(run.values("line", of: "names") == [.int(1), .int(3)])
    }

    @Test func tsvWritesOneTable() throws {
        let run = try RecipeRun(Self.sales + """
            outputs: [{type: tsv, table: sales, path: sales.tsv}]
            """, plugins: [InlinePlugins.self, ExamplePlugins.self])
        #expect(run.text("sales.tsv") == "region\trevenue\nNorth\t40\nSouth\t20\nEast\t\nWest\t40\n")
    }
}
