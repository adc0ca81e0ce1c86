import Foundation
import Testing
import ReportKit
@testable import CSVPlugins
@testable import InlinePlugins
@testable import TextPlugins

@Suite struct CSVOutputTests {
    func render(_ table: Table, options: String = "") throws -> String {
        let folder = FileManager.default.temporaryDirectory
        let output = try CSVOutput(options: PluginHarness.options("{table: t\(options)}", kind: .output, type: "csv",
                                                                 specs: CSVOutput.options, directory: folder))
        return String(decoding: try output.render(PluginHarness.report([NamedTable(id: "t", table: table)])), as: UTF8.self)
    }

    @Test func writesValuesForOtherPrograms() throws {
        let table = Table(columns: [Column("d", .date), Column("n", .int), Column("x", .decimal), Column("s", .string)],
                          rows: [[.date(CivilDate(year: 2025, month: 2, day: 28)!), .int(1382), .decimal(Decimal(string: "95.5")!), .null]])
        #expect(try render(table) == "d,n,x,s\r\n2025-02-28,1382,95.5,\r\n")
    }

    @Test func quotesWhatNeedsQuoting() throws {
        let table = Table(columns: [Column("a", .string)], rows: [[.string("x,y")], [.string("say \"hi\"")], [.string("two\nlines")], [.string(" pad")]])
        #expect(try render(table) == "a\r\n\"x,y\"\r\n\"say \"\"hi\"\"\"\r\n\"two\nlines\"\r\n\" pad\"\r\n")
    }

    @Test func neutralisesFormulasButKeepsNegativeNumbers() throws {
        let cells = ["=SUM(A1:A2)", "+1+2", "-2+3", "@cmd", "-12.5", "\tx", "plain"]
        let table = Table(columns: [Column("s", .string), Column("n", .int)],
                          rows: cells.map { [.string($0), .int(-3)] })
        let lines = try render(table).components(separatedBy: "\r\n")
        #expect(lines == ["s,n", "'=SUM(A1:A2),-3", "'+1+2,-3", "'-2+3,-3", "'@cmd,-3", "-12.5,-3", "'\tx,-3", "plain,-3", ""])
    }

    @Test func delimiterHeaderAndBOM() throws {
        let table = Table(columns: [Column("a", .string), Column("b", .decimal)], rows: [[.string("x;y"), .decimal(Decimal(string: "1.5")!)]])
        let text = try render(table, options: ", delimiter: ';', bom: true, header: false")
        #expect(Array(text.utf8).starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(text.dropFirst() == "\"x;y\";1.5\r\n")
    }
}

@Suite struct TextOutputTests {
    func render(_ tables: [NamedTable], locale: ReportLocale = .englishUS, title: String = "Report", options: String = "{}") throws -> String {
        let output = try TextOutput(options: PluginHarness.options(options, kind: .output, type: "text", specs: TextOutput.options,
                                                                   directory: FileManager.default.temporaryDirectory))
        return String(decoding: try output.render(PluginHarness.report(tables, locale: locale, title: title)), as: UTF8.self)
    }

    @Test func alignsByDisplayWidthInTheRecipesLocale() throws {
        let vi = try #require(ReportLocale("vi-VN"))
        let table = Table(columns: [Column("phường", .string), Column("số", .int), Column("tỷ lệ", .decimal), Column("ngày", .date)], rows: [
            [.string("Bưởi"), .int(1382), .decimal(Decimal(string: "95.5")!), .date(CivilDate(year: 2025, month: 2, day: 28)!)],
            [.string("Thụy Khuê"), .int(7), .decimal(100), .null],
            [.string("東京"), .int(-12), .null, .null],
        ])
        let text = try render([NamedTable(id: "ket_nap", table: table)], locale: vi, title: "Tổng kết Tây Hồ")
        #expect(text == """
            Tổng kết Tây Hồ
            ===============

            ket_nap
            -------
            phường        số  tỷ lệ  ngày
            ---------  -----  -----  ----------
            Bưởi       1.382   95,5  28/02/2025
            Thụy Khuê      7  100,0  –
            東京         -12      –  –

            """)
    }

    /// A table wider than the page wraps its text columns, words whole where they fit, and
    /// keeps its numbers on one line.
    @Test func wideTablesWrapTheirTextColumns() throws {
        let table = Table(columns: [Column("file", .string), Column("value", .int), Column("sentence", .string)], rows: [
            [.string("reports/buoi.txt"), .int(1382), .string("Đảng bộ phường đã kết nạp được 1.382 đảng viên mới trong nhiệm kỳ.")],
            [.string("reports/a-very-long-file-name-without-spaces.txt"), .int(7), .string("Ngắn.")],
        ])
        let text = try render([NamedTable(id: "facts", table: table)], options: "{width: 40}")
        #expect(text == """
            Report
            ======

            facts
            -----
            file                 value  sentence
            -------------------  -----  ------------
            reports/buoi.txt     1,382  Đảng bộ
                                        phường đã
                                        kết nạp được
                                        1.382 đảng
                                        viên mới
                                        trong nhiệm
                                        kỳ.

            reports/a-very-long      7  Ngắn.
            -file-name-without-
            spaces.txt

            """)
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 40 })
        let narrow = try render([NamedTable(id: "facts", table: table)], options: "{width: 200}")
        #expect(narrow.split(separator: "\n").count == 8, "a table that fits is not wrapped")
    }

    /// A metric of a table without rows (a period without data) shows a dash; of a table with
    /// several rows, it is an error where the metric is written.
    @Test func metricsOfEmptyAndLongTables() throws {
        let layout = try YAMLLoader().load("- metrics: [{label: Total, value: none.n}]\n- metrics: [{label: Total, value: many.n}]\n",
                                           file: "recipe.yaml")[0].sequence ?? []
        let empty = NamedTable(id: "none", table: Table(columns: [Column("n", .int)]))
        let many = NamedTable(id: "many", table: Table(columns: [Column("n", .int)], rows: [[.int(1)], [.int(2)]]))
        var report = PluginHarness.report([empty, many])
        report.layout = [layout[0]]
        let output = try TextOutput(options: PluginHarness.options("{}", kind: .output, type: "text", specs: TextOutput.options,
                                                                   directory: FileManager.default.temporaryDirectory))
        #expect(String(decoding: try output.render(report), as: UTF8.self).contains("Total: –"))
        report.layout = [layout[1]]
        #expect(PluginHarness.describe { _ = try output.render(report) } == "recipe.yaml:2:35: a metric needs one value, but 'many' has 2 rows")
    }

    @Test func anEmptyTableSaysSo() throws {
        let text = try render([NamedTable(id: "t", table: Table(columns: [Column("a", .int)]))])
        #expect(text.hasSuffix("a\n-\n(no rows)\n"))
    }

    @Test func widthBoundsTheUnderline() throws {
        let text = try render([], title: String(repeating: "x", count: 50), options: "{width: 20}")
        #expect(text.split(separator: "\n")[1] == String(repeating: "=", count: 20))
        #expect(throws: Diagnostic.self) {
            _ = try TextOutput(options: PluginHarness.options("{width: 5}", kind: .output, type: "text", specs: TextOutput.options,
                                                             directory: FileManager.default.temporaryDirectory))
        }
    }
}

@Suite struct InlineSourceTests {
    func table(_ yaml: String) throws -> Table {
        let options = try PluginHarness.options(yaml, kind: .source, type: "inline", specs: InlineSource.options,
                                                directory: FileManager.default.temporaryDirectory)
        return try InlineSource(options: options).load(context: PluginHarness.context(FileManager.default.temporaryDirectory))
    }

    @Test func typesComeFromYAML() throws {
        let t = try table("rows: [{year: 2024, target: 90, ok: true, day: '2024-01-31'}, {year: 2025, target: 92.5, note: x}]")
        #expect(t.columnNames == ["year", "target", "ok", "day", "note"])
        #expect(t.columns.map(\.type) == [.int, .decimal, .bool, .date, .string])
        #expect(t.rows[1] == [.int(2025), .decimal(Decimal(string: "92.5")!), .null, .null, .string("x")])
        #expect(t.rows[0][1] == .decimal(90))
    }

    @Test func declaredColumnsAndMixedTypes() throws {
        #expect(try table("{rows: [{code: '7'}], columns: {code: int}}").rows == [[.int(7)]])
        #expect(throws: Diagnostics.self) { _ = try table("rows: [{a: 1}, {a: x}]") }
        #expect(throws: (any Error).self) { _ = try table("{rows: [{a: 1}], columns: {b: int}}") }
    }
}
