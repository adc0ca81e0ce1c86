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
            == "services.xlsx:3:1: cell A3 of sheet 'Bad' holds 'x', which is not an integer (column 'n')")
        #expect(error("{path: services.xlsx, sheet: Dữ lieu}").hasSuffix("the workbook has no sheet 'Dữ lieu'; did you mean 'Dữ liệu'?"))
        #expect(error("{path: services.xlsx, sheet: 9}").hasSuffix("the workbook has 3 sheets (Notes, Dữ liệu, Bad), not 9"))
        #expect(error("{path: corrupt.xlsx}").hasPrefix("recipe.yaml:1:8: 'corrupt.xlsx' is not a valid Excel workbook: it is not a zip archive"))
        #expect(error("{path: services.xlsx, sheet: 'Dữ liệu', header_row: 2}").hasPrefix("services.xlsx:2:1: row 2 of sheet 'Dữ liệu' is empty"))
    }

    /// A sheet written on one line longer than libxml2's 10 MB lookahead, as openpyxl writes
    /// them, made here with a zip library: read, every row, each row handed out as it comes.
    /// Its DTD sends it to Foundation's XML parser, which must be fed it as a stream.
    @Test func readsASheetOnOneLongLine() throws {
        let rows = 120_000
        var sheet = #"<?xml version="1.0"?><!DOCTYPE worksheet><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
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

    /// The scanner reads what Foundation's XML parser reads: prefixed names, entities and
    /// character references, self-closing cells, rich text runs, formulas, comments, a BOM.
    @Test func theScannerReadsWhatTheParserReads() throws {
        let sheet = Data([0xEF, 0xBB, 0xBF] + Array(#"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><!-- written by hand -->
              <x:sheetData>
                <x:row r="1" spans="1:4"><x:c r="A1" t="inlineStr"><x:is><x:t>Phường</x:t></x:is></x:c><x:c r="B1" t="s"><x:v>0</x:v></x:c>
                  <x:c r='D1' t="inlineStr"><x:is><x:r><x:t xml:space="preserve">Bưởi </x:t></x:r><x:r><x:t>&amp; &#7843;&#x1F600;</x:t></x:r></x:is></x:c></x:row>
                <x:row><x:c s="3"><x:f>SUM(A1:A2)</x:f><x:v>1.5E-2</x:v></x:c><x:c r="C2" t="b"><x:v>1</x:v></x:c><x:c r="D2"/><x:c r="E2" t="e"><x:v>#DIV/0!</x:v></x:c></x:row>
                <x:row r="7"/>
                <x:row r="9"><x:c r="B9" t="str"><x:v>&lt;b&gt; "q" &apos;</x:v></x:c></x:row>
              </x:sheetData>
            </x:worksheet>
            """#.utf8))
        func rows(_ read: (Data, String, @escaping (Int, [XLSXSheetReader.Cell]) throws -> Void) throws -> Void) throws -> [String] {
            var seen: [String] = []
            try read(sheet, "sheet.xml") { number, cells in
                seen.append("\(number): " + cells.map { "\($0.column)/\($0.style)/\($0.content)" }.joined(separator: " "))
            }
            return seen
        }
        #expect(XLSXSheetScanner.canScan(sheet))
        let scanned = try rows { data, path, body in try XLSXSheetScanner.forEachRow(in: data, path: path, body) }
        #expect(scanned == (try rows(XLSXSheetReader.forEachRowParsing)))
        #expect(scanned == [
            "1: 1/0/text(\"Phường\") 2/0/sharedText(0) 4/0/text(\"Bưởi & ả😀\")",
            "2: 1/3/number(\"1.5E-2\") 3/0/bool(true) 5/0/error(\"#DIV/0!\")",
            "9: 2/0/\(XLSXSheetReader.Content.text(#"<b> "q" '"#))",
        ])
    }

    @Test func theScannerRefusesWhatIsNotXML() {
        for (xml, line) in [("<worksheet><row></worksheet>", 1), ("<worksheet>\n<row><c><v>&nbsp;</v></c></row></worksheet>", 2),
                            ("<worksheet/>\n<second/>", 2), ("<worksheet><row r=1/></worksheet>", 1), ("<worksheet>", 1)] {
            #expect(throws: XLSXWorkbook.Invalid.self) { try XLSXSheetScanner.forEachRow(in: Data(xml.utf8), path: "s.xml") { _, _ in } }
            do { try XLSXSheetScanner.forEachRow(in: Data(xml.utf8), path: "s.xml") { _, _ in } } catch let invalid as XLSXWorkbook.Invalid {
                #expect(invalid.message == "s.xml is not well-formed XML (line \(line))", "\(xml)")
            } catch {}
        }
        #expect(!XLSXSheetScanner.canScan(Data("<!DOCTYPE x><x/>".utf8)))
        #expect(!XLSXSheetScanner.canScan(Data("<x><![CDATA[a]]></x>".utf8)))
    }

    /// An Excel 97-2003 workbook (made once with xlwt): the same cells as the .xlsx, through its
    /// shared strings (cut by Continue records), RK, MulRk, Number and BoolErr records.
    @Test func readsAnOldExcelWorkbook() throws {
        let table = try load("{path: services.xls, sheet: 'Dữ liệu', header_row: 3}")
        #expect(table.columnNames == ["Phường", "Ngày", "Hồ sơ", "Tỷ lệ", "Đúng hạn", "Ghi chú"])
        #expect(table.columns.map(\.type) == [.string, .date, .int, .decimal, .bool, .string])
        #expect(table.rows[0] == [.string("Bưởi"), .date(CivilDate(year: 2024, month: 2, day: 29)!), .int(120),
                                  .decimal(Decimal(string: "97.5")!), .bool(true), .null])
        #expect(table.rows[2][3] == .decimal(Decimal(string: "0.1")!))
        #expect(table.rows[2][5] == .string("12"))
        #expect(table.rows[3] == [.string("Quảng An"), .date(CivilDate(year: 2024, month: 6, day: 15)!), .int(1382),
                                  .decimal(Decimal(string: "12.3456")!), .bool(false), .string("hết hạn")])
        let long = try load("{path: services.xls, sheet: 'Dài'}")
        #expect(long.rows.count == 200)
        #expect(long.rows.enumerated().allSatisfy { index, row in
            row == [.int(index), .string("Phường số \(index) — Đảng bộ phường đã kết nạp được \(index) đảng viên mới 😀")]
        })
        #expect(error("{path: services.xls, sheet: Dữ lieu}").hasSuffix("the workbook has no sheet 'Dữ lieu'; did you mean 'Dữ liệu'?"))
    }

    @Test func aDamagedOldWorkbookIsAClearError() throws {
        let whole = try Data(contentsOf: Self.fixtures.appendingPathComponent("services.xls"))
        // The workbook's first record, BOF, says BIFF8 (0x0600); made to say BIFF5 (Excel 5/95).
        var older = Array(whole)
        let bof: [UInt8] = [0x09, 0x08, 0x10, 0x00, 0x00, 0x06]
        let at = try #require((0...older.count - bof.count).first { older[$0..<$0 + bof.count].elementsEqual(bof) })
        older[at + 5] = 0x05
        let folder = try PluginHarness.folder(["cut.xls": Array(whole.prefix(1000)), "old.xls": older])
        defer { try? FileManager.default.removeItem(at: folder) }
        func error(_ path: String) throws -> String {
            let source = try XLSXSource(options: PluginHarness.options("{path: \(path)}", kind: .source, type: "xlsx", specs: XLSXSource.options,
                                                                       directory: folder))
            return PluginHarness.describe { _ = try source.load(context: PluginHarness.context(folder)) }
        }
        #expect(try error("cut.xls")
            == "recipe.yaml:1:8: 'cut.xls' is not a valid Excel workbook: it is an Excel 97-2003 workbook (.xls), damaged: a sector lies past the end of the file")
        #expect(try error("old.xls").hasSuffix("it is an Excel 5/95 workbook or older, which reportgen does not read; open it in Excel or LibreOffice and save it as .xlsx"))
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
