import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import InlinePlugins
@testable import OfficePlugins
import ReportKit
import ReportgenTesting
import Testing
import ZIPFoundation

/// The parts of an Office file, by name, in the zip's order.
func officeParts(_ bytes: [UInt8]) throws -> [(name: String, text: String)] {
    let archive = try Archive(data: Data(bytes), accessMode: .read)
    return try archive.map { entry in
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return (entry.path, String(decoding: data, as: UTF8.self))
    }
}

/// Whether `xml` is well-formed XML, as Foundation's parser (libxml2) reads it.
func isWellFormed(_ xml: String) -> Bool {
    XMLParser(data: Data(xml.utf8)).parse()
}

func office<T: Output>(_ type: T.Type, _ options: String, locale: ReportLocale = .englishUS) throws -> T {
    try T(options: PluginHarness.options(options, kind: .output, type: T.type, specs: T.options,
                                          directory: FileManager.default.temporaryDirectory, locale: locale))
}

@Suite struct XLSXOutputTests {
    static let recipe = """
        reportgen: 1
        title: "Sales <&> \\u0001review"
        locale: vi-VN
        sources:
          t:
            type: inline
            rows:
              - {name: "=SUM(A1:A2)", amount: 0.1, rate: 12.5, day: 2025-02-28, code: 7}
              - {name: "  spaced ", amount: 2.675, rate: 100, day: 1899-12-31, code: 8}
              - {name: Plain, amount: 1000000.125, rate: 0.004, day: 1900-03-01, code: 9}
            columns: {day: date, amount: decimal, rate: decimal, code: {type: int, format: plain}}
        layout:
          - metrics: [{label: Rows, value: params.n, target: 5}]
          - table: t
            title: "A title longer than thirty-one characters: [a/b]"
          - table: t
            title: "A title longer than thirty-one characters: [a/b]"
        params: {n: 3}
        outputs: []
        """

    func render(_ options: String = "{}") throws -> [(name: String, text: String)] {
        let run = try RecipeRun(Self.recipe, plugins: [InlinePlugins.self])
        let vi = try #require(ReportLocale("vi-VN"))
        return try officeParts(office(XLSXOutput.self, options, locale: vi).render(run.report))
    }

    func part(_ parts: [(name: String, text: String)], _ name: String) -> String {
        parts.first { $0.name == name }?.text ?? ""
    }

    @Test func everyPartIsWellFormedXMLAndTheZipIsTheSameEachTime() throws {
        let run = try RecipeRun(Self.recipe, plugins: [InlinePlugins.self])
        let output = try office(XLSXOutput.self, "{percent: [rate]}")
        let first = try output.render(run.report), second = try output.render(run.report)
        #expect(first == second)
        let parts = try officeParts(first)
        #expect(parts.first?.name == "[Content_Types].xml")
        for part in parts { #expect(isWellFormed(part.text), "\(part.name)") }
        // The title's control character is gone, its markup escaped.
        #expect(part(parts, "docProps/core.xml").contains("<dc:title>Sales &lt;&amp;&gt; review</dc:title>"))
        let archive = try Archive(data: Data(first), accessMode: .read)
        #expect(archive.allSatisfy { $0.fileAttributes[.modificationDate] as? Date == Date(timeIntervalSince1970: 315_532_800) })
    }

    @Test func numbersAreExactDecimalsRoundedOnceWithTheirFormats() throws {
        let parts = try render("{percent: [rate], decimals: 2}")
        let sheet = part(parts, "xl/worksheets/sheet2.xml")
        // 2.675 rounds half away from zero to 2.68 (a Double would give 2.67); a million and
        // an eighth keeps its digits; percentages are fractions.
        #expect(sheet.contains("<v>0.1</v>") && sheet.contains("<v>2.68</v>") && sheet.contains("<v>1000000.13</v>"))
        #expect(sheet.contains("<v>0.125</v>") && sheet.contains("<v>1</v>") && sheet.contains("<v>0</v>"))
        let styles = part(parts, "xl/styles.xml")
        #expect(styles.contains("formatCode=\"#,##0.00\"") && styles.contains("formatCode=\"0.0%\"") && styles.contains("formatCode=\"0\""))
    }

    @Test func datesAreSerialsInTheLocalesOrderAndTextBefore1900() throws {
        let parts = try render()
        let sheet = part(parts, "xl/worksheets/sheet2.xml")
        // 2025-02-28 is Excel's day 45716; 1900-03-01 is day 61, after Excel's 29 February 1900.
        #expect(sheet.contains("<v>45716</v>") && sheet.contains("<v>61</v>"))
        #expect(part(parts, "xl/styles.xml").contains("formatCode=\"dd/mm/yyyy\""))
        #expect(part(parts, "xl/sharedStrings.xml").contains("<t>31/12/1899</t>"))
    }

    @Test func textIsNeverAFormula() throws {
        let parts = try render()
        #expect(!parts.contains { $0.text.contains("<f>") })
        #expect(part(parts, "xl/sharedStrings.xml").contains("<t>=SUM(A1:A2)</t>"))
        #expect(part(parts, "xl/sharedStrings.xml").contains("<t xml:space=\"preserve\">  spaced </t>"))
    }

    @Test func sheetsAreNamedValidlyAndOnceWithASummaryFirst() throws {
        let workbook = part(try render(), "xl/workbook.xml")
        let names = workbook.matches(of: /<sheet name="([^"]*)"/).map { String($0.1) }
        #expect(names == ["Tổng quan", "A title longer than thirty-one", "A title longer than thirty- (2)"])
        #expect(workbook.contains("_xlnm._FilterDatabase") && workbook.contains("_xlnm.Print_Titles"))
        let summary = part(try render(), "xl/worksheets/sheet1.xml")
        #expect(summary.contains("location=\"&apos;A title longer than thirty-one&apos;!A1\""))
    }

    @Test func sheetNamesFollowExcelsRules() {
        var names = SheetNames()
        #expect(names.name(for: "a/b:c*d?[e]\\f", fallback: "t") == "a-b-c-d--e--f")
        #expect(names.name(for: "'quoted'", fallback: "t") == "quoted")
        #expect(names.name(for: "History", fallback: "t") == "History (2)")
        #expect(names.name(for: "QUOTED", fallback: "t") == "QUOTED (2)")
        #expect(names.name(for: "\u{1}'", fallback: "fallback") == "fallback")
        #expect(names.name(for: String(repeating: "ệ", count: 40), fallback: "t") == String(repeating: "ệ", count: 31))
    }

    @Test func aTextPastExcelsLimitIsAnErrorNotACorruptFile() throws {
        let long = String(repeating: "x", count: 40_000)
        let run = try RecipeRun("reportgen: 1\ntitle: T\nsources: {t: {type: inline, rows: [{s: \(long)}]}}\noutputs: []\n",
                                plugins: [InlinePlugins.self])
        #expect(PluginHarness.describe { _ = try office(XLSXOutput.self, "{}").render(run.report) }
            == "recipe.yaml:1:1: the sheet 't' would hold 40000 characters in A2; an Excel cell holds at most 32767")
    }

    @Test func theHeaderIsFrozenAndFiltered() throws {
        let sheet = part(try render(), "xl/worksheets/sheet2.xml")
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<autoFilter ref=\"A1:E4\"/>"))
        #expect(sheet.contains("<cols><col min=\"1\" max=\"1\""))
    }
}

@Suite struct DOCXOutputTests {
    static let recipe = """
        reportgen: 1
        title: "Báo cáo <b>&amp; \\u0001"
        locale: vi-VN
        params: {district: Tây Hồ}
        sources:
          t: {type: inline, rows: [{name: "Bưởi\\tA", n: 1382, rate: 97.658}, {name: "x\\ny", n: 7, rate: 100}]}
        layout:
          - heading: Kết quả
            level: 1
          - text: "{{params.district}}: <script>"
          - table: t
            title: Bảng
          - chart: {type: bar, table: t, x: name, y: [n, rate], title: Hình}
          - page_break
        outputs: []
        """

    func render(_ options: String) throws -> [(name: String, text: String)] {
        let run = try RecipeRun(Self.recipe, plugins: [InlinePlugins.self])
        let vi = try #require(ReportLocale("vi-VN"))
        return try officeParts(office(DOCXOutput.self, options, locale: vi).render(run.report))
    }

    func part(_ parts: [(name: String, text: String)], _ name: String) -> String {
        parts.first { $0.name == name }?.text ?? ""
    }

    @Test func everyTextIsEscapedAndEveryPartWellFormed() throws {
        let parts = try render("{}")
        for part in parts where part.name.hasSuffix(".xml") || part.name.hasSuffix(".rels") { #expect(isWellFormed(part.text), "\(part.name)") }
        let document = part(parts, "word/document.xml")
        #expect(document.contains("<w:t xml:space=\"preserve\">Báo cáo &lt;b&gt;&amp;amp; </w:t>"))
        #expect(document.contains("Tây Hồ: &lt;script&gt;"))
        #expect(document.contains("<w:t>Bưởi</w:t><w:tab/><w:t>A</w:t>") && document.contains("<w:t>x</w:t><w:br/><w:t>y</w:t>"))
        #expect(document.contains("<w:tblHeader/>") && document.contains("<w:pStyle w:val=\"TableNumber\"/></w:pPr><w:r><w:t>1.382</w:t>"))
        #expect(document.contains("<w:pStyle w:val=\"Heading1\"/>") && document.contains("<w:br w:type=\"page\"/>"))
        #expect(try render("{}").map(\.text) == parts.map(\.text))
    }

    @Test func chartsAreNativeWithTheirExactDataAndAWorkbook() throws {
        let parts = try render("{decimals: 1}")
        let chart = part(parts, "word/charts/chart1.xml")
        #expect(chart.contains("<c:barChart>") && chart.contains("<c:v>1382</c:v>") && chart.contains("<c:v>97.7</c:v>"))
        #expect(chart.contains("<c:v>Bưởi\tA</c:v>") && chart.contains("<c:legend>"))
        #expect(parts.contains { $0.name == "word/embeddings/Microsoft_Excel_Worksheet1.xlsx" })
        #expect(part(parts, "[Content_Types].xml").contains("drawingml.chart+xml"))
    }

    @Test func theOfficialStyleFollowsTheDecree() throws {
        let parts = try render("""
            {style: vn-official, heading: national, issuer: ["UBND QUẬN {{params.district}}", phòng nội vụ], number: "Số: 12/BC-PNV",
             place: "{{params.district}}", date: 2025-01-05, kind: báo cáo,
             signature: {authority: kt. trưởng phòng, position: phó trưởng phòng, name: Nguyễn Văn A}, recipients: [Như trên;, "Lưu: VT."]}
            """)
        let document = part(parts, "word/document.xml")
        for text in ["UBND QUẬN TÂY HỒ", "PHÒNG NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 12/BC-PNV",
                     "Tây Hồ, ngày 05 tháng 01 năm 2025", "BÁO CÁO", "KT. TRƯỞNG PHÒNG", "Nguyễn Văn A", "Nơi nhận:", "- Lưu: VT."] {
            #expect(document.contains(">\(text)<"), "\(text)")
        }
        #expect(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))
        #expect(document.contains("<w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""))
        #expect(document.contains("<w:titlePg/>") && part(parts, "word/header1.xml").contains("PAGE"))
        let styles = part(parts, "word/styles.xml")
        #expect(styles.contains("<w:rFonts w:ascii=\"Times New Roman\"") && styles.contains("<w:sz w:val=\"28\"/>"))
    }

    @Test func thePlaceAndDateLinePadsDaysAndTheFirstMonths() {
        #expect(OfficialParts.placeAndDate(place: "Tây Hồ", date: CivilDate(year: 2025, month: 3, day: 15)) == "Tây Hồ, ngày 15 tháng 3 năm 2025")
        #expect(OfficialParts.placeAndDate(place: "Hà Nội", date: CivilDate(year: 2025, month: 2, day: 1)) == "Hà Nội, ngày 01 tháng 02 năm 2025")
        #expect(OfficialParts.placeAndDate(place: nil, date: CivilDate(year: 2024, month: 12, day: 9)) == "ngày 09 tháng 12 năm 2024")
        #expect(OfficialParts.placeAndDate(place: "Tây Hồ", date: nil) == "Tây Hồ, ngày      tháng      năm      ")
    }

    @Test func mistakesAreErrorsAtTheirPlace() throws {
        #expect(PluginHarness.describe { _ = try office(DOCXOutput.self, "{style: vn-official, font_size: 12}") }
            == "recipe.yaml:1:33: 'font_size' in docx output must be 13 to 14 points for vn-official (Decree 30/2020/NĐ-CP), not 12")
        #expect(PluginHarness.describe { _ = try office(DOCXOutput.self, "{style: vn-official, margins: {left: 25}}") }
            == "recipe.yaml:1:38: 'margins.left' in docx output must be 30 to 35 mm for vn-official (Decree 30/2020/NĐ-CP), not 25")
        #expect(PluginHarness.describe { _ = try office(DOCXOutput.self, "{issuer: [X]}") } == "recipe.yaml:1:10: 'issuer' belongs to style: vn-official")
        #expect(PluginHarness.describe { _ = try office(DOCXOutput.self, "{style: vn-official, kind: '{{#x}}'}") }
            .hasPrefix("recipe.yaml:1:28: template error in 'kind'"))
        #expect(PluginHarness.describe { _ = try render("{style: vn-official, date: 15/03/2025}") }
            == "recipe.yaml:1:28: the date must be written 2025-03-15, not '15/03/2025'")
        #expect(PluginHarness.describe { _ = try render("{style: vn-official, place: '{{params.distrct}}'}") }
            .contains("'params.distrct'"))
    }
}

@Suite struct OfficeLayoutOptionsTests {
    static let recipe = """
        reportgen: 1
        title: T
        params: {goal: 40}
        sources:
          t:
            type: inline
            rows:
              - {name: A long name of a place, n: 30, gap: 1503.1, price: 12.5}
              - {name: Another long name here, n: 50, gap: -9546.67, price: 1000}
        layout:
          - chart: {type: bar, table: t, x: name, y: {n: Count}, target: params.goal, orientation: horizontal, colors: ['#18b']}
          - chart: {type: bar, table: t, x: name, y: [n, gap], stacked: true, target: n, y_title: Units}
          - table: t
            formats: {gap: signed, price: currency}
            currency: USD
        outputs: []
        """

    @Test func chartsDrawTargetsStacksAndBarsAcross() throws {
        let run = try RecipeRun(Self.recipe, plugins: [InlinePlugins.self])
        let parts = try officeParts(office(DOCXOutput.self, "{}").render(run.report))
        let across = parts.first { $0.name == "word/charts/chart1.xml" }?.text ?? ""
        // Bars across cannot be crossed by a line: the caption under the chart states the target.
        #expect(across.contains("<c:barDir val=\"bar\"/>") && across.contains("<c:orientation val=\"maxMin\"/>"))
        #expect(across.contains("<a:srgbClr val=\"1188BB\"/>") && !across.contains("<c:lineChart>"))
        #expect(parts.first { $0.name == "word/document.xml" }?.text.contains("<w:t>Target: 40</w:t>") == true)
        let stacked = parts.first { $0.name == "word/charts/chart2.xml" }?.text ?? ""
        #expect(stacked.contains("<c:grouping val=\"stacked\"/>") && stacked.contains("<c:overlap val=\"100\"/>"))
        #expect(stacked.contains("<c:lineChart>") && stacked.contains("<a:prstDash val=\"dash\"/>") && stacked.contains("<a:t>Units</a:t>"))
    }

    @Test func tableFormatsBecomeNumberFormats() throws {
        let run = try RecipeRun(Self.recipe, plugins: [InlinePlugins.self])
        let parts = try officeParts(office(XLSXOutput.self, "{}").render(run.report))
        let styles = parts.first { $0.name == "xl/styles.xml" }?.text ?? ""
        #expect(styles.contains("formatCode=\"+#,##0.00;-#,##0.00;#,##0.00\""))
        #expect(styles.contains("formatCode=\"&quot;$&quot;#,##0.00\""))
        #expect(parts.first { $0.name == "xl/worksheets/sheet2.xml" }?.text.contains("<v>-9546.67</v>") == true)
    }

    @Test func aTableTooWideForThePageIsCutIntoPartsThatRepeatTheFirstColumn() throws {
        let columns = (1...24).map { "{y\(2000 + $0): \($0 * 1000)}" }.joined(separator: ", ")
        let run = try RecipeRun("reportgen: 1\ntitle: T\nsources: {t: {type: inline, rows: [{source: Wind, " + columns.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")
                                + "}]}}\nlayout: [{table: t, title: Wide}]\noutputs: []\n", plugins: [InlinePlugins.self])
        let document = try officeParts(office(DOCXOutput.self, "{}").render(run.report)).first { $0.name == "word/document.xml" }?.text ?? ""
        let parts = document.components(separatedBy: "<w:t>Wide (").count - 1
        #expect(parts == 3 && document.contains("<w:t>Wide (3/3)</w:t>"))
        #expect(document.components(separatedBy: "<w:t>Wind</w:t>").count - 1 == parts)
    }
}
