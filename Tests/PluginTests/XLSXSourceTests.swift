import Foundation
import Testing
import ReportKit
@testable import XLSXPlugins
import ZIPFoundation

@Suite struct XLSXSourceTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func load(_ yaml: String) throws -> Table {
        let source = try XLSXSource(options: PluginHarness.options(yaml, kind: .source, type: "xlsx", specs: XLSXSource.options,
                                                                   directory: Self.fixtures))
        return try source.load(context: PluginHarness.context(Self.fixtures))
    }

    func error(_ yaml: String) -> String {
        PluginHarness.describe { _ = try load(yaml) }
    }

    @Test func readsASheetByNameBelowItsTitle() throws {
        let table = try load("{path: services.xlsx, sheet: 'Dữ liệu', header_row: 3}")
        #expect(table.columnNames == ["Phường", "Ngày", "Hồ sơ", "Tỷ lệ", "Đúng hạn", "Ghi chú"])
        #expect(table.columns.map(\.type) == [.string, .date, .int, .decimal, .bool, .string])
        #expect(table.rows[0] == [.string("Bưởi"), .date(CivilDate(year: 2024, month: 2, day: 29)!), .int(120),
                                  .decimal(Decimal(string: "97.5")!), .bool(true), .null])
        #expect(table.rows[1][1] == .date(CivilDate(year: 2024, month: 12, day: 31)!))
        #expect(table.rows[2][3] == .decimal(Decimal(string: "0.1")!))
        #expect(table.rows[2][5] == .string("12"))
    }

    @Test func readsASheetByNumber() throws {
        let table = try load("{path: services.xlsx, sheet: 1}")
        #expect(table.columnNames.count == 1 && table.rows.isEmpty)
    }

    @Test func errorsNameTheCellAndTheSheet() {
        #expect(error("{path: services.xlsx, sheet: Bad, columns: {n: int}}")
            == "services.xlsx:3:1: cell A3 of sheet 'Bad' holds 'x', which is not int (column 'n')")
        #expect(error("{path: services.xlsx, sheet: Dữ lieu}").hasSuffix("the workbook has no sheet 'Dữ lieu'; did you mean 'Dữ liệu'?"))
        #expect(error("{path: services.xlsx, sheet: 9}").hasSuffix("the workbook has 3 sheets (Notes, Dữ liệu, Bad), not 9"))
        #expect(error("{path: corrupt.xlsx}").hasPrefix("recipe.yaml:1:8: 'corrupt.xlsx' is not a valid .xlsx workbook: it is not a zip archive"))
        #expect(error("{path: services.xlsx, sheet: 'Dữ liệu', header_row: 2}").hasPrefix("services.xlsx:2:1: row 2 of sheet 'Dữ liệu' is empty"))
    }

    /// A sheet written on one line longer than libxml2's 10 MB lookahead, as openpyxl writes
    /// them, made here with a zip library: read, every row, each row handed out as it comes.
    @Test func readsASheetOnOneLongLine() throws {
        let rows = 120_000
        var sheet = #"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        sheet += #"<row r="1"><c r="A1" t="inlineStr"><is><t>ward</t></is></c><c r="B1" t="inlineStr"><is><t>amount</t></is></c></row>"#
        for row in 2...rows + 1 {
            sheet += #"<row r="\#(row)"><c r="A\#(row)" t="inlineStr"><is><t>Bưởi &amp; Yên Phụ</t></is></c><c r="B\#(row)"><v>\#(row % 100).25</v></c></row>"#
        }
        sheet += "</sheetData></worksheet>"
        #expect(sheet.utf8.count > 10 << 20)
        let folder = try Self.workbook(sheet: sheet)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try XLSXSource(options: PluginHarness.options("{path: book.xlsx}", kind: .source, type: "xlsx", specs: XLSXSource.options,
                                                                   directory: folder))
        let stream = try source.stream(context: PluginHarness.context(folder))
        #expect(stream.columns.map(\.type) == [.string, .decimal])
        var count = 0, first: Row?
        try stream.forEach { row in
            if first == nil { first = row }
            count += 1
        }
        #expect(count == rows)
        #expect(first == [.string("Bưởi & Yên Phụ"), .decimal(Decimal(string: "2.25")!)])
    }

    @Test func aHeaderThatNamesAColumnTwiceIsAnError() throws {
        let folder = try Self.workbook(sheet: #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>n</t></is></c><c r="C1" t="inlineStr"><is><t>n</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row></sheetData></worksheet>"#)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try XLSXSource(options: PluginHarness.options("{path: book.xlsx}", kind: .source, type: "xlsx", specs: XLSXSource.options,
                                                                   directory: folder))
        #expect(PluginHarness.describe { _ = try source.load(context: PluginHarness.context(folder)) }
            == "book.xlsx:1:3: row 1 of sheet 'Data' names the column 'n' twice (cell C1)")
    }

    /// A folder holding `book.xlsx`, a workbook of one sheet, "Data", whose XML is `sheet`: the
    /// least a reader needs, made with a zip library.
    static func workbook(sheet: String) throws -> URL {
        let parts = [
            "xl/workbook.xml": #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            "xl/_rels/workbook.xml.rels": #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
            "xl/worksheets/sheet1.xml": sheet,
        ]
        let folder = try PluginHarness.folder([:])
        let archive = try Archive(url: folder.appendingPathComponent("book.xlsx"), accessMode: .create)
        for (path, text) in parts.sorted(by: { $0.key < $1.key }) {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return folder
    }
}
