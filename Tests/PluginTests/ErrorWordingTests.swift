import CSVPlugins
import ExamplePlugins
import InlinePlugins
import ReportKit
import ReportgenTesting
import TableExtractors
import Testing

/// One mistake, one wording, whichever plugin or expression it is made in (`PluginProblem`).
@Suite struct ErrorWordingTests {
    static let plugins: [any PluginModule.Type] = [CSVPlugins.self, InlinePlugins.self, TableExtractors.self, ExamplePlugins.self]

    /// The recipe's errors, each without its place.
    static func errors(_ extractors: String, csv: String = "unit,n\nA,1\nB,1x\n") -> [String] {
        RecipeRun.errors("""
            reportgen: 1
            title: T
            sources: {d: {type: csv, path: d.csv}}
            extractors:
            \(extractors)
            outputs: []
            """, files: ["d.csv": csv], plugins: plugins).map { String($0.split(separator: " error: ", maxSplits: 1)[1]) }
    }

    @Test func aColumnMadeTextByOneCellIsWordedAlikeEverywhere() {
        let because = " (read as text because d.csv:3:3 holds '1x'; declare its type, as in columns: {n: decimal}, to have every such cell reported)"
        #expect(Self.errors("  s: {type: share, input: d, value: n}") == ["'value' needs a number, but n is a string" + because])
        #expect(Self.errors("  t: {type: trend, input: d, value: n, by: unit}") == ["'value' needs a number, but n is a string" + because])
        #expect(Self.errors("  p: {type: pivot, input: d, rows: unit, columns: unit, value: n}") == ["sum() needs a number, but n is a string" + because])
        #expect(Self.errors("  a: {type: aggregate, input: d, measures: {total: sum(n)}}") == ["sum() needs a number, but n is a string" + because])
        #expect(Self.errors("  c: {type: compare, input: d, value: n, target: 1}") == ["the value needs a number, but n is a string" + because])
    }

    @Test func anUnknownColumnIsWordedAlikeEverywhere() {
        #expect(Self.errors("  t: {type: top, input: d, by: nn, limit: 1}") == ["unknown column 'nn'; did you mean 'n'?"])
        #expect(Self.errors("  f: {type: filter, input: d, where: unti = 'A'}") == ["unknown column 'unti'; did you mean 'unit'?"])
        #expect(Self.errors("  s: {type: sort, input: d, by: [unit, nit]}") == ["unknown column 'nit'; did you mean 'unit'?"])
        #expect(Self.errors("  o: {type: aggregate, input: d, group_by: [unit], measures: {c: count()}}\n  j: {type: join, input: d, with: o, on: [n]}")
            == ["unknown column 'n' in the table 'o' (expected one of 'unit', 'c')"])
    }

    @Test func aBadValueIsWordedAlikeEverywhere() {
        #expect(Self.errors("  t: {type: top, input: d, by: n, limit: 0}") == ["'limit' in top extractor 't' must be at least 1, not 0"])
        #expect(Self.errors("  t: {type: top, input: d, by: n, limit: many}") == ["'limit' in top extractor 't' must be an integer, not the string 'many'"])
    }
}
