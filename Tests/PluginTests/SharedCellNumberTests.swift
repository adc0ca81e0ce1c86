import CSVPlugins
import ReportgenTesting
import ReportKit
import TableExtractors
import Testing

/// A CSV source numbers the cells of a column that several extractors look up, once for all
/// of them, up to `distinctCellLimit` distinct cells; past it, a cell is told apart by its
/// bytes by each extractor alone. The groups are the same either way, on one core or two.
@Suite struct SharedCellNumberTests {
    /// `rows` rows with a code from `codes` distinct ones, long enough to be read on two cores.
    static func file(rows: Int, codes: Int) -> String {
        var text = "id,code,amount,note\n"
        for index in 0..<rows {
            text += "\(index),C\(index % codes),\(index % 7).25,\(String(repeating: "x", count: 40))\n"
        }
        return text
    }

    @Test(arguments: [1_000, distinctCellLimit + 10_000])
    func groupsAreTheSameWhenTheSourceNumbersCellsOrStops(codes: Int) throws {
        let rows = 110_000
        let run = try RecipeRun("""
            reportgen: 1
            title: T
            sources: {t: {type: csv, path: t.csv, columns: {amount: decimal}}}
            extractors:
              counted: {type: aggregate, input: t, group_by: [code], measures: {n: count()}}
              summed: {type: aggregate, input: t, where: "code != 'C3'", group_by: [code], measures: {total: sum(amount)}}
            outputs: []
            """, files: ["t.csv": Self.file(rows: rows, codes: codes)], plugins: [CSVPlugins.self, TableExtractors.self])
        let counted = try #require(run.table("counted"))
        let summed = try #require(run.table("summed"))
        #expect(counted.rows.count == codes)
        #expect(summed.rows.count == codes - 1)
        var expectedCounts: [String: Int] = [:]
        var expectedTotals: [String: Int] = [:]
        for index in 0..<rows {
            expectedCounts["C\(index % codes)", default: 0] += 1
            expectedTotals["C\(index % codes)", default: 0] += (index % 7) * 100 + 25
        }
        var wrong = 0
        for row in counted.rows where row[1] != .int(expectedCounts[row[0].plainText] ?? -1) { wrong += 1 }
        for row in summed.rows {
            let cents = expectedTotals[row[0].plainText] ?? -1
            if row[0] == .string("C3") || row[1] != .decimal(DecimalNumber(significand: Int64(cents), scale: 2)) { wrong += 1 }
        }
        #expect(wrong == 0)
    }
}
