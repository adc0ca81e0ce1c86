import Foundation
import Testing
import ReportKit
@testable import TableExtractors

@Suite struct ExtractorTests {
    static let events = Table(columns: [Column("date", .date), Column("ward", .string), Column("count", .int), Column("amount", .decimal)], rows: [
        [.date(CivilDate(year: 2020, month: 1, day: 1)!), .string("Bưởi"), .int(3), .decimal(Decimal(string: "0.1")!)],
        [.date(CivilDate(year: 2020, month: 12, day: 31)!), .string("Yên Phụ"), .int(2), .decimal(Decimal(string: "0.1")!)],
        [.date(CivilDate(year: 2022, month: 6, day: 30)!), .string("Bưởi"), .int(5), .decimal(Decimal(string: "0.1")!)],
        [.date(CivilDate(year: 2019, month: 12, day: 31)!), .string("Bưởi"), .int(100), .null],
        [.date(CivilDate(year: 2022, month: 7, day: 1)!), .string("Yên Phụ"), .null, .decimal(Decimal(string: "0.2")!)],
    ])
    static let period = PeriodSpec(start: CivilDate(year: 2020, month: 1, day: 1)!, end: CivilDate(year: 2022, month: 12, day: 31)!, every: .year)

    func run(_ type: any Extractor.Type, _ yaml: String, inputs: [String: Table] = ["events": events],
             locale: ReportLocale = .englishUS, params: [String: Value] = [:]) throws -> Table {
        let folder = FileManager.default.temporaryDirectory
        let options = try PluginHarness.options(yaml, kind: .extractor, type: type.type, specs: type.options, directory: folder)
        let context = RunContext(recipeDirectory: folder, workingDirectory: folder, locale: locale, params: params, period: Self.period)
        return try type.init(options: options).extract(inputs: inputs, context: context)
    }

    func rows(_ table: Table) -> [String] {
        table.rows.map { $0.map(\.plainText).joined(separator: "|") }
    }

    @Test func aggregateFillsEveryBucketAndDropsRowsOutsideThePeriod() throws {
        let table = try run(AggregateExtractor.self,
                            "{input: events, group_by: [period(date)], measures: {n: count(), total: sum(count), money: sum(amount), mean: avg(count)}}")
        #expect(table.columnNames == ["period", "n", "total", "money", "mean"])
        #expect(table.columns.map(\.type) == [.period, .int, .int, .decimal, .decimal])
        #expect(rows(table) == ["2020|2|5|0.2|2.5", "2021|0|0|0|", "2022|2|5|0.3|5"])
    }

    @Test func aggregateByPeriodAndAnotherKey() throws {
        let table = try run(AggregateExtractor.self, "{input: events, group_by: [period(date), ward], measures: {total: sum(count)}}")
        // 2021 has no rows, inside the data's span: nothing happened. Yên Phụ's one 2022 row has
        // no count: its sum is null, as in SQL, not 0.
        #expect(rows(table) == ["2020|Bưởi|3", "2020|Yên Phụ|2", "2021|Bưởi|0", "2021|Yên Phụ|0", "2022|Bưởi|5", "2022|Yên Phụ|"])
    }

    @Test func aggregateWithoutGroupsIsOneRowEvenWhenEmpty() throws {
        let table = try run(AggregateExtractor.self, "{input: events, where: \"ward = 'none'\", measures: {n: count(), s: sum(count), m: max(count)}}")
        // No rows: the count is 0, the sum and the maximum have no value (SQL).
        #expect(rows(table) == ["0||"])
        let named = try run(AggregateExtractor.self, "{input: events, group_by: {y: year(date)}, measures: {wards: count_distinct(ward), mid: median(count)}}")
        #expect(rows(named) == ["2019|1|100", "2020|2|2.5", "2022|2|5"])
        #expect(named.columns[0].isPlain)
    }

    @Test func aggregateKeysMustBeNamed() throws {
        #expect(throws: Diagnostics.self) { _ = try run(AggregateExtractor.self, "{input: events, group_by: ['count + 1'], measures: {n: count()}}") }
        #expect(throws: Diagnostic.self) { _ = try run(AggregateExtractor.self, "{input: events, measures: {n: sum(ward)}}") }
    }

    @Test func compareWritesStatusInTheRecipesLanguage() throws {
        let rates = Table(columns: [Column("year", .int), Column("rate", .decimal)],
                          rows: [[.int(2020), .decimal(95)], [.int(2021), .decimal(90)], [.int(2022), .decimal(Decimal(string: "89.5")!)], [.int(2023), .null]])
        let vi = try run(CompareExtractor.self, "{input: rates, value: rate, target: params.target}", inputs: ["rates": rates],
                         locale: ReportLocale("vi-VN")!, params: ["target": .int(90)])
        #expect(vi.columnNames == ["year", "rate", "target", "gap", "ratio", "status"])
        #expect(vi.rows.map { $0[5] } == [.string("vượt"), .string("đạt"), .string("không đạt"), .null])
        let lower = try run(CompareExtractor.self, "{input: rates, value: rate, target: 90, better: lower}", inputs: ["rates": rates])
        // A ceiling: 89.5 under 90 is met, never "exceeded" (which reads as over the budget).
        #expect(lower.rows.map { $0[5] } == [.string("missed"), .string("met"), .string("met"), .null])
        let viLower = try run(CompareExtractor.self, "{input: rates, value: rate, target: 90, better: lower}", inputs: ["rates": rates],
                              locale: ReportLocale("vi-VN")!)
        #expect(viLower.rows.map { $0[5] } == [.string("không đạt"), .string("đạt"), .string("đạt"), .null])
        #expect(lower.rows[0][3] == .decimal(5))
        #expect(lower.rows[2][4].decimalValue.map { $0.rounded(4) } == DecimalNumber(string: "99.4444"))
        #expect(throws: (any Error).self) { _ = try run(CompareExtractor.self, "{input: rates, value: year > 1, target: 1}", inputs: ["rates": rates]) }
    }

    @Test func trendAddsChangesAndARunningTotal() throws {
        let yearly = Table(columns: [Column("year", .int), Column("n", .int)], rows: [[.int(2022), .int(15)], [.int(2020), .int(10)], [.int(2021), .int(0)]])
        let table = try run(TrendExtractor.self, "{input: y, value: n, by: year}", inputs: ["y": yearly])
        #expect(rows(table) == ["2020|10|||10", "2021|0|-10|-100|10", "2022|15|15||25"])
        #expect(try run(TrendExtractor.self, "{input: y, value: n, by: year}", inputs: ["y": Table(columns: yearly.columns)]).rows.isEmpty)
    }

    @Test func pivotWithTotals() throws {
        let table = try run(PivotExtractor.self, "{input: events, rows: ward, columns: count, value: amount, aggregate: count, total: true}")
        #expect(table.columnNames == ["ward", "2", "3", "5", "100", "(blank)", "Total"])
        #expect(rows(table).last == "Total|1|1|1|0|1|4", "count(amount) skips the null amount")
        let sums = try run(PivotExtractor.self, "{input: events, rows: ward, columns: ward, value: count}")
        #expect(rows(sums) == ["Bưởi|108|", "Yên Phụ||2"])
    }

    @Test func joinInnerAndLeft() throws {
        let targets = Table(columns: [Column("ward", .string), Column("target", .int)], rows: [[.string("Bưởi"), .int(10)]])
        let inner = try run(JoinExtractor.self, "{input: events, with: targets, on: [ward]}", inputs: ["events": Self.events, "targets": targets])
        #expect(inner.rows.count == 3 && inner.columnNames.last == "target")
        let left = try run(JoinExtractor.self, "{input: events, with: targets, on: ward, kind: left}", inputs: ["events": Self.events, "targets": targets])
        #expect(left.rows.count == 5 && left.rows[1].last == .null)
        #expect(throws: Diagnostic.self) {
            _ = try run(JoinExtractor.self, "{input: events, with: targets, on: [wrd]}", inputs: ["events": Self.events, "targets": targets])
        }
    }

    @Test func filterComputeSortTop() throws {
        let filtered = try run(FilterExtractor.self, "{input: events, where: \"count > 2 and date >= '2020-01-01'\"}")
        #expect(filtered.rows.count == 2)
        let computed = try run(ComputeExtractor.self, "{input: events, columns: {double: count * 2, big: double > 5}}")
        #expect(computed.columnNames.suffix(2) == ["double", "big"] && computed.rows[2].suffix(2) == [.int(10), .bool(true)])
        let sorted = try run(SortExtractor.self, "{input: events, by: [count], descending: true}")
        #expect(sorted.rows.map { $0[2] } == [.int(100), .int(5), .int(3), .int(2), .null])
        let top = try run(TopExtractor.self, "{input: events, by: count, limit: 2}")
        #expect(top.rows.map { $0[2] } == [.int(100), .int(5)])
        #expect(throws: Diagnostic.self) { _ = try run(FilterExtractor.self, "{input: events, where: count + 1}") }
        #expect(throws: Diagnostic.self) { _ = try run(SortExtractor.self, "{input: events, by: [cuont]}") }
        #expect(try run(FilterExtractor.self, "{input: events, where: 'false'}", inputs: ["events": Table(columns: Self.events.columns)]).rows.isEmpty)
    }
}

@Suite struct GroupingTextTests {
    /// "Bưởi" typed on one system (precomposed, NFC) and on another (decomposed, NFD) is one ward.
    @Test func textsEqualUpToUnicodeNormalizationAreOneGroup() throws {
        let composed = "B\u{01B0}\u{1EDF}i", decomposed = "Bu\u{031B}o\u{031B}\u{0309}i"
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        let table = Table(columns: [Column("ward", .string), Column("n", .int)],
                          rows: [[.string(composed), .int(1)], [.string(decomposed), .int(2)]])
        let folder = FileManager.default.temporaryDirectory
        let options = try PluginHarness.options("{input: t, group_by: [ward], measures: {n: sum(n)}}", kind: .extractor,
                                                type: "aggregate", specs: AggregateExtractor.options, directory: folder)
        let result = try AggregateExtractor(options: options).extract(inputs: ["t": table], context: PluginHarness.context(folder))
        #expect(result.rows.count == 1)
        #expect(result.rows.first?.last == .int(3))
    }
}
