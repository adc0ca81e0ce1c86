import Foundation
import Testing
import ReportKit
@testable import SQLPlugins

@Suite struct SQLPluginTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func source(_ yaml: String) throws -> SQLiteSource {
        try SQLiteSource(options: PluginHarness.options(yaml, kind: .source, type: "sqlite", specs: SQLiteSource.options, directory: Self.fixtures))
    }

    @Test func readsAQueryTyped() throws {
        let table = try source("{path: office.db, query: 'select * from admissions order by year, ward'}").load(context: PluginHarness.context(Self.fixtures))
        #expect(table.columnNames == ["ward", "year", "admitted", "rate", "decided"])
        #expect(table.columns.map(\.type) == [.string, .int, .int, .decimal, .date])
        #expect(table.rows[1] == [.string("Bưởi"), .int(2024), .int(14), .decimal(Decimal(string: "98.25")!), .date(CivilDate(year: 2024, month: 12, day: 18)!)])
        #expect(table.rows[2][3] == .null)
        let computed = try source("{path: office.db, query: 'select ward, sum(admitted) as n from admissions group by ward'}")
            .load(context: PluginHarness.context(Self.fixtures))
        #expect(computed.columns.map(\.type) == [.string, .int])
    }

    @Test func theDatabaseIsReadOnlyAndErrorsPointIntoTheQuery() throws {
        let before = try Data(contentsOf: Self.fixtures.appendingPathComponent("office.db"))
        do {
            _ = try source("{path: office.db, query: 'delete from admissions'}").load(context: PluginHarness.context(Self.fixtures))
            Issue.record("expected an error")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.message.hasPrefix("SQL on 'office.db': the query may only read (select)"))
        }
        #expect(try Data(contentsOf: Self.fixtures.appendingPathComponent("office.db")) == before)
        do {
            _ = try source("{path: office.db, query: 'select wardd from admissions'}").load(context: PluginHarness.context(Self.fixtures))
            Issue.record("expected an error")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.message == "SQL on 'office.db': no such column: wardd")
            #expect(diagnostic.location?.column == 34)
        }
        #expect(throws: Diagnostic.self) { _ = try source("{path: missing.db, query: 'select 1'}").inputFiles(in: Self.fixtures) }
    }

    @Test func sqlRunsOverTheRecipesTables() throws {
        let wards = Table(columns: [Column("ward", .string), Column("admitted", .int), Column("rate", .decimal), Column("day", .date), Column("ok", .bool)], rows: [
            [.string("Bưởi"), .int(11), .decimal(Decimal(string: "97.5")!), .date(CivilDate(year: 2024, month: 1, day: 2)!), .bool(true)],
            [.string("Bưởi"), .int(4), .decimal(Decimal(string: "0.1")!), .date(CivilDate(year: 2024, month: 1, day: 3)!), .bool(false)],
            [.string("Yên Phụ"), .int(9), .null, .null, .bool(true)],
        ])
        let folder = FileManager.default.temporaryDirectory
        func run(_ yaml: String) throws -> Table {
            let options = try PluginHarness.options(yaml, kind: .extractor, type: "sql", specs: SQLExtractor.options, directory: folder)
            return try SQLExtractor(options: options).extract(inputs: ["wards": wards], context: PluginHarness.context(folder))
        }
        let totals = try run("{inputs: [wards], query: 'select ward, sum(admitted) as n, max(day) as last_day from wards group by ward order by ward'}")
        #expect(totals.rows == [[.string("Bưởi"), .int(15), .date(CivilDate(year: 2024, month: 1, day: 3)!)], [.string("Yên Phụ"), .int(9), .null]])
        let typed = try run("{inputs: [wards], query: 'select day, ok, rate from wards where ok'}")
        #expect(typed.columns.map(\.type) == [.date, .bool, .decimal])
        #expect(typed.rows[0] == [.date(CivilDate(year: 2024, month: 1, day: 2)!), .bool(true), .decimal(Decimal(string: "97.5")!)])
        #expect(throws: Diagnostic.self) { _ = try run("{inputs: [wards], query: 'select * from nowhere'}") }
    }

    @Test func aQueryCannotWriteFiles() throws {
        let folder = try PluginHarness.folder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("written.db").path
        for query in ["attach database '\(target)' as x", "vacuum into '\(target)'", "create table t (a)", "pragma writable_schema = 1"] {
            let options = try PluginHarness.options("{inputs: [], query: \"\(query)\"}", kind: .extractor, type: "sql",
                                                    specs: SQLExtractor.options, directory: folder)
            #expect(throws: Diagnostic.self, "\(query)") {
                _ = try SQLExtractor(options: options).extract(inputs: [:], context: PluginHarness.context(folder))
            }
        }
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}
