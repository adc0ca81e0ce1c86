import Foundation
import Testing
import ReportKit
import ReportgenTesting
@testable import TableExtractors
@testable import CSVPlugins
import SQLPlugins

/// `top`, `filter`, `pivot` and `sql` fed a CSV source's records or rows (one core and two,
/// where they merge) end with the table, or the error, that they make from the whole table.
@Suite struct StreamingConsumerTests {
    let events = RecordAggregatorTests.events(3000, seed: 4)
    let check = RecordAggregatorTests()

    /// Amounts of a few values, so that many rows rank equal.
    static func ties(_ count: Int) -> String {
        var text = "id,date,unit,category,amount,status\n"
        for id in 1...count { text += "\(id),2024-01-0\(id % 9 + 1),\(RecordAggregatorTests.wards[id % 8]),x,\(id % 5 == 0 ? "" : String(id % 4)),done\n" }
        return text
    }

    @Test(arguments: ["by: amount, limit: 7", "by: amount, limit: 7, descending: false", "by: date, limit: 40", "by: unit, limit: 2999"])
    func top(_ options: String) throws {
        try check.expectSame(events, options, extractor: TopExtractor.self)
        try check.expectSame(Self.ties(500), options, extractor: TopExtractor.self)
    }

    @Test(arguments: ["where: status = 'done' and amount > 100", "where: unit = 'Bưởi' or id % 9 = 0", "where: amount > 10 and status != 'late'"])
    func filter(_ options: String) throws {
        try check.expectSame(events, options, extractor: FilterExtractor.self)
    }

    @Test(arguments: ["rows: unit, columns: status, value: amount, total: true", "rows: date, columns: unit, value: amount, aggregate: avg, total: true",
                      "rows: status, columns: unit, value: amount, aggregate: min", "rows: unit, columns: date, value: id, aggregate: count, total: true"])
    func pivot(_ options: String) throws {
        try check.expectSame(events, options, extractor: PivotExtractor.self)
    }

    @Test func sql() throws {
        try check.expectSame(events, "inputs: [t], query: 'select unit, count(*) as n, sum(amount) as total, max(date) as last from t group by unit'",
                             extractor: SQLExtractor.self)
        try check.expectSame(events, "inputs: [t], query: 'select * from t where id % 100 = 7'", extractor: SQLExtractor.self)
    }

    /// A bad cell in a row that is not kept is an error as when every row is decoded.
    @Test(arguments: [(TopExtractor.self as any StreamingExtractor.Type, "by: amount, limit: 1", "2024-01-32", "1"),
                      (FilterExtractor.self, "where: amount > 1000000", "2024-01-32", "1"),
                      (PivotExtractor.self, "rows: unit, columns: status, value: amount", "2024-01-01", "1.2.3")])
    func badCellsInRowsNotKept(kind: any StreamingExtractor.Type, options: String, date: String, amount: String) throws {
        let csv = "id,date,unit,category,amount,status\n1,2024-01-01,Bưởi,x,5,done\n2,2024-01-01,Bưởi,x,2,done\n3,\(date),Bưởi,x,\(amount),done\n"
        let (records, rows) = try check.results(csv, aggregate: options, extractor: kind)
        #expect(rows.hasPrefix("e.csv:4:"), "\(rows)")
        #expect(rows.contains("is not"), "\(rows)")
        for result in records { #expect(result == rows) }
    }

    /// Consumers of one source that look up the same columns share the source's numbering of
    /// their cells, over a glob of files: each table is the one it makes alone.
    @Test func consumersOfOneSourceMakeWhatEachMakesAlone() throws {
        let extractors = [
            "a: {type: aggregate, input: e, where: \"date >= '2020-01-01' and status != 'late'\", group_by: {year: year(date), unit: unit}, measures: {n: count(), total: sum(amount)}}",
            "b: {type: aggregate, input: e, where: \"status = 'done'\", group_by: [unit], measures: {n: count()}}",
            "f: {type: filter, input: e, where: \"unit = 'Bưởi' and date < '2019-06-01'\"}",
            "p: {type: pivot, input: e, rows: unit, columns: status, value: amount, total: true}",
            "t: {type: top, input: e, by: amount, limit: 5}",
        ]
        let lines = RecordAggregatorTests.events(4000, seed: 12).split(separator: "\n")
        let files = ["d/1.csv": lines[..<2000].joined(separator: "\n") + "\n",
                     "d/2.csv": ([lines[0]] + lines[2000...]).joined(separator: "\n") + "\n"]
        func run(_ chosen: [String]) throws -> RecipeRun {
            try RecipeRun("""
                reportgen: 1
                title: T
                sources: {e: {type: csv, path: 'd/*.csv', columns: {date: date, amount: decimal}}}
                extractors: {\(chosen.joined(separator: ", "))}
                outputs: []
                """, files: files, plugins: [CSVPlugins.self, TableExtractors.self])
        }
        let together = try run(extractors)
        for (index, id) in ["a", "b", "f", "p", "t"].enumerated() {
            let alone = try run([extractors[index]])
            #expect(together.table(id)?.rows == alone.table(id)?.rows, "\(id)")
            #expect(together.table(id)?.rows.isEmpty == false, "\(id)")
        }
    }
}
