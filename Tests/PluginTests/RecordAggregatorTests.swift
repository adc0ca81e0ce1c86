import Foundation
import Testing
import ReportKit
import ReportgenTesting
@testable import TableExtractors
@testable import CSVPlugins

/// An aggregate fed records before decoding (what a CSV source does) ends with the same table,
/// or the same error, as one fed decoded rows: on one core, on two, whatever the conditions
/// and keys read.
@Suite struct RecordAggregatorTests {
    static let wards = ["Bưởi", "Nhật Tân", "Phú Thượng", "Quảng An", "Thụy Khuê", "Tứ Liên", "Xuân La", "Yên Phụ"]
    static let statuses = ["done", "open", "late", "\"quoted \"\"x\"\"\""]

    /// Rows of `id,date,unit,category,amount,status` from a fixed seed: dates over 2018-2026,
    /// empty cells now and then, a ward typed decomposed (NFD) now and then.
    static func events(_ count: Int, seed: UInt64) -> String {
        var random = seed
        func next(_ bound: Int) -> Int {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            return Int((random >> 33) % UInt64(bound))
        }
        var text = "id,date,unit,category,amount,status\n"
        for id in 1...count {
            let date = next(20) == 0 ? "" : String(format: "%04d-%02d-%02d", 2018 + next(9), 1 + next(12), 1 + next(28))
            var ward = wards[next(wards.count)]
            if next(10) == 0 { ward = ward.decomposedStringWithCanonicalMapping }
            let amount = next(15) == 0 ? "" : "\(next(100_000) - 20_000).\(String(format: "%02d", next(100)))"
            text += "\(id),\(date),\(ward),\"Hạ tầng, giao thông\",\(amount),\(statuses[next(statuses.count)])\n"
        }
        return text
    }

    /// The table from records (one partition and two) and from rows, or each one's error.
    func results(_ csv: String, aggregate: String, period: PeriodSpec? = nil,
                 extractor kind: any StreamingExtractor.Type = AggregateExtractor.self) throws -> (records: [String], rows: String) {
        let folder = try PluginHarness.folder(["e.csv": Array(csv.utf8)])
        defer { try? FileManager.default.removeItem(at: folder) }
        var context = PluginHarness.context(folder)
        context.period = period
        var reader = CSVRowReader(files: [(folder.appendingPathComponent("e.csv"), "e.csv")],
                                  specs: try PluginHarness.columnSpecs("{id: int, date: date, unit: string, category: string, amount: decimal, status: string}"),
                                  cells: CellReader(numbers: .plain, dateLocale: .englishUS), hasHeader: true, delimiter: nil)
        reader.minimumSplitSize = 1
        let stream = try reader.stream(reader.guessTypes())
        let columns = stream.columns
        // `sql` names its tables in `inputs`.
        let yaml = aggregate.hasPrefix("inputs:") ? "{\(aggregate)}" : "{input: t, \(aggregate)}"
        let extractor = try kind.init(options: PluginHarness.options(yaml, kind: .extractor, type: kind.type, directory: folder))
        func viaRecords(partitions: Int) -> String {
            describe {
                let consumers = try (0..<partitions).map { _ in [try extractor.makeConsumer(columns: columns, context: context)] }
                let fed = try stream.parallelProducer!(nil, consumers)
                #expect(fed.count == partitions)
                var first = fed[0][0]
                for later in fed.dropFirst() { try first.merge(later[0]) }
                return try first.finish()
            }
        }
        let viaRows = describe {
            var rows: [Row] = []
            try stream.forEach(needing: nil) { rows.append($0) }
            return try extractor.extract(inputs: ["t": Table(columns: columns, rows: rows)], context: context)
        }
        let mergeable = try extractor.makeConsumer(columns: columns, context: context).canMerge
        return ([viaRecords(partitions: 1)] + (mergeable ? [viaRecords(partitions: 2)] : []), viaRows)
    }

    /// The table as text, exact to the value, or the error.
    func describe(_ body: () throws -> Table) -> String {
        var table: Table?
        let error = PluginHarness.describe { table = try body() }
        guard let table else { return error }
        return table.rows.map { $0.map { "\($0)" }.joined(separator: " | ") }.joined(separator: "\n")
    }

    func expectSame(_ csv: String, _ aggregate: String, period: PeriodSpec? = nil, extractor kind: any StreamingExtractor.Type = AggregateExtractor.self,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let (records, rows) = try results(csv, aggregate: aggregate, period: period, extractor: kind)
        #expect(!rows.isEmpty, sourceLocation: sourceLocation)
        for result in records { #expect(result == rows, sourceLocation: sourceLocation) }
    }

    @Test(arguments: [1, 2, 3])
    func theReferenceAggregation(seed: UInt64) throws {
        try expectSame(Self.events(3000, seed: seed), """
            where: date >= '2020-01-01' and date <= '2025-12-31', group_by: {year: year(date), unit: unit},
            measures: {n: count(), sum_amount: sum(amount), mean: avg(amount), low: min(amount), high: max(amount), kinds: count_distinct(status)}
            """)
    }

    /// CRLF line ends, a byte order mark, and a quoted field over several lines near the middle
    /// of the file, where the second core starts.
    @Test func crlfBomAndQuotedLineBreaks() throws {
        var lines = Self.events(3000, seed: 9).split(separator: "\n").map(String.init)
        lines[1500] = lines[1500].replacingOccurrences(of: "\"Hạ tầng, giao thông\"", with: "\"Hạ tầng,\r\n\r\ngiao \"\"thông\"\"\"")
        let csv = "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
        let (records, rows) = try results(csv, aggregate: "group_by: {year: year(date), unit: unit, category: category}, measures: {n: count(), total: sum(amount)}")
        #expect(rows.contains("giao \\\"thông\\\""), "the unescaped multi-line category is a key")
        for result in records { #expect(result == rows) }
    }

    @Test func conditionsAndKeysOverSeveralColumnsOrNone() throws {
        try expectSame(Self.events(2000, seed: 7), """
            where: amount > 100 and (status = 'done' or unit = 'Bưởi') and id % 3 != 0 and true,
            group_by: {big: amount > 50000, half: id % 2 = 0 and status != 'late', month: month(date)},
            measures: {n: count(), total: sum(amount), first_id: first(id), last_id: last(id)}
            """)
    }

    @Test func periodKeysDropRowsOutsideThePeriod() throws {
        let period = PeriodSpec(start: CivilDate(year: 2021, month: 1, day: 1)!, end: CivilDate(year: 2023, month: 12, day: 31)!, every: .quarter)
        try expectSame(Self.events(2000, seed: 11), "group_by: [period(date), unit], measures: {n: count(), total: sum(amount)}", period: period)
    }

    /// Three keys from the date column: more than a memo keeps beside what it knows of a day,
    /// so their numbers are kept apart (two keys are kept in the same word).
    @Test func threeKeysFromOneDateColumn() throws {
        try expectSame(Self.events(3000, seed: 13), """
            where: date >= '2019-03-01', group_by: {year: year(date), quarter: quarter(date), month: month(date)},
            measures: {n: count(), total: sum(amount)}
            """)
    }

    /// A text column whose first cells are not days and whose later ones are: its cells are
    /// found by their bytes, days or not, and every one is its own group.
    @Test func aTextColumnOfNamesThenDays() throws {
        var csv = "id,date,unit,category,amount,status\n1,2024-01-01,x,a,1,done\n2,2024-01-01,y,a,2,done\n"
        for id in 3...400 { csv += "\(id),2024-01-01,2024-0\(id % 9 + 1)-1\(id % 7),a,\(id),done\n" }
        try expectSame(csv, "where: unit != '2024-03-12', group_by: [unit], measures: {n: count(), total: sum(amount)}")
    }

    @Test func withoutGroupsOrConditions() throws {
        try expectSame(Self.events(500, seed: 5), "measures: {n: count(), total: sum(amount), dates: count_distinct(date)}")
    }

    /// Past the memo's limit of distinct cells, a condition on ids is judged row by row.
    @Test func aColumnWithMoreDistinctCellsThanTheMemoHolds() throws {
        let rows = 70_000
        var csv = "id,date,unit,category,amount,status\n"
        for id in 1...rows { csv += "\(id),2024-01-0\(id % 9 + 1),Bưởi,x,1.5,done\n" }
        #expect(rows > 1 << 16)
        try expectSame(csv, "where: id % 7 = 0, group_by: [unit], measures: {n: count(), total: sum(amount)}")
    }

    @Test func decomposedAndComposedWardsAreOneGroup() throws {
        let composed = "B\u{01B0}\u{1EDF}i", decomposed = "Bu\u{031B}o\u{031B}\u{0309}i"
        let csv = "id,date,unit,category,amount,status\n1,2024-01-01,\(composed),x,1,done\n2,2024-01-01,\(decomposed),x,2,done\n"
        let (records, rows) = try results(csv, aggregate: "group_by: [unit], measures: {n: sum(amount)}")
        #expect(records[0] == rows)
        #expect(rows.hasSuffix("| decimal(3)"))
    }

    /// A bad cell is an error at its place, in a row the condition drops too, whether its
    /// column is looked up by bytes (date) or decoded (amount); so is a ragged row.
    @Test(arguments: [("2024-02-30", "2.5", "e.csv:3:3: '2024-02-30' in column 'date' is not"),
                       ("2024-01-01", "2.5.1", "e.csv:3:21: '2.5.1' in column 'amount' is not"),
                       ("2024-01-01", "2.5,extra", "e.csv:3:31: this row has 7 fields, but the header has 6")])
    func badCellsAreTheSameErrors(date: String, amount: String, expected: String) throws {
        let csv = "id,date,unit,category,amount,status\n1,2024-01-01,Bưởi,x,1,done\n2,\(date),Bưởi,x,\(amount),done\n"
        let (records, rows) = try results(csv, aggregate: "where: date < '2000-01-01', group_by: [unit], measures: {n: sum(amount)}")
        #expect(rows.hasPrefix(expected))
        for result in records { #expect(result == rows) }
    }
}

@Suite struct GroupIndexTests {
    /// Entries are numbered in order of first sight, as a dictionary would number them, while
    /// places grow and after the switch to hashing (key numbers up to 5000 in three keys).
    @Test(arguments: [1, 3])
    func numbersTuplesInOrderOfFirstSight(width: Int) {
        var index = GroupIndex(width: width), reference: [[Int32]: Int] = [:]
        var random: UInt64 = 42
        for step in 0..<20_000 {
            let bound = UInt64(step < 10_000 ? 6 : 5000)
            let tuple = (0..<width).map { _ -> Int32 in
                random = random &* 6364136223846793005 &+ 1442695040888963407
                return Int32((random >> 33) % bound)
            }
            let expected = reference[tuple] ?? reference.count
            let isNew = reference[tuple] == nil
            reference[tuple] = expected
            let (entry, found) = index.entry(of: tuple)
            #expect(entry == expected && found == isNew)
            if entry != expected { return }
        }
        #expect(index.count == reference.count)
    }

    @Test func noKeysIsOneGroup() {
        var index = GroupIndex(width: 0)
        #expect(index.entry(of: []) == (0, true))
        #expect(index.entry(of: []) == (0, false))
    }
}

/// The record path end to end, through the runner: a glob of two files read in order, the
/// aggregate beside a filter of the same source (which makes both take decoded rows), and alone.
@Suite struct RecordPathRecipeTests {
    static let files = [
        "data/2024.csv": "date,ward,amount\n2024-01-05,Bưởi,1.10\n2024-02-01,Yên Phụ,2\n",
        "data/2025.csv": "date,ward,amount\n2025-03-01,Bưởi,0.20\n2019-12-31,Bưởi,100\n",
    ]

    static func recipe(withFilter: Bool) -> String {
        """
        reportgen: 1
        title: T
        sources: {events: {type: csv, path: 'data/*.csv', columns: {date: date, ward: string, amount: decimal}}}
        extractors:
          totals: {type: aggregate, input: events, where: "date >= '2020-01-01'", group_by: [ward], measures: {n: count(), total: sum(amount)}}
        \(withFilter ? "  recent: {type: filter, input: events, where: \"date >= '2025-01-01'\"}" : "")
        outputs: []
        """
    }

    @Test(arguments: [false, true])
    func aGlobOfFilesIsAggregatedInOrder(withFilter: Bool) throws {
        let run = try RecipeRun(Self.recipe(withFilter: withFilter), files: Self.files, plugins: [CSVPlugins.self, TableExtractors.self])
        #expect(run.table("totals")?.rows == [[.string("Bưởi"), .int(2), .decimal(DecimalNumber(significand: 13, scale: 1))],
                                               [.string("Yên Phụ"), .int(1), .decimal(DecimalNumber(2))]])
        if withFilter { #expect(run.table("recent")?.rows.count == 1) }
    }
}
