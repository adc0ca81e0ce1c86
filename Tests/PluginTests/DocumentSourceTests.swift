import Foundation
import Testing
import ReportKit
@testable import JSONPlugins
@testable import PatternPlugins
@testable import TextPlugins

@Suite struct JSONSourceTests {
    func load(_ json: String, options: String) throws -> Table {
        let folder = try PluginHarness.folder(["data.json": Array(json.utf8)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try JSONSource(options: PluginHarness.options("{path: data.json, \(options)}", kind: .source, type: "json",
                                                                   specs: JSONSource.options, directory: folder))
        return try source.load(context: PluginHarness.context(folder))
    }

    func error(_ json: String, options: String = "pointer: ''") -> String {
        PluginHarness.describe { _ = try load(json, options: options) }
    }

    @Test func readsTheRecordsAPointerFinds() throws {
        let json = #"{"meta":{"v":1},"data":{"records":[{"ward":"Bưởi","n":12,"rate":95.5,"day":"2025-02-28","ok":true},{"ward":"Yên Phụ","n":null,"rate":100,"day":"2025-03-01","ok":false}]}}"#
        let table = try load(json, options: "pointer: /data/records")
        #expect(table.columnNames == ["ward", "n", "rate", "day", "ok"])
        #expect(table.columns.map(\.type) == [.string, .int, .decimal, .date, .bool])
        #expect(table.rows[0][2] == .decimal(Decimal(string: "95.5")!))
        #expect(table.rows[1][1] == .null)
    }

    /// An export of no records is an empty table of the declared columns (a warning of the
    /// run says it has no rows), not an error that every declared column is missing.
    @Test func anEmptyArrayIsAnEmptyTableOfTheDeclaredColumns() throws {
        let table = try load("[\n]", options: "pointer: '', columns: {year: date, n: int}")
        #expect(table.columnNames == ["year", "n"])
        #expect(table.columns.map(\.type) == [.date, .int])
        #expect(table.rows.isEmpty)
    }

    @Test func errorsNameThePlace() {
        #expect(error(#"{"data":[]}"#, options: "pointer: /dta") == "recipe.yaml:1:28: the JSON Pointer finds nothing: the object at '/' in data.json has no key 'dta'; did you mean 'data'?")
        #expect(error("{\"a\": [{},\n {},, {}]}", options: "pointer: /a") == "data.json:2:5: invalid JSON: expected a value, found ','")
        #expect(error("[{\"n\": 1}, {\"n\": \"x\"}]", options: "columns: {n: int}") == "data.json:1:18: 'x' in column 'n' of the record at '/1' is not an integer")
        #expect(error("[1, 2]") == "data.json:1:2: the record at '/0' must be an object, not the number 1")
        #expect(error(#"{"a": 1}"#) == "data.json:1:1: expected an array of records at '/', found an object")
        #expect(error(#"{"a": {"b": [{"n": 1}]}}"#, options: "pointer: /a/c") == "recipe.yaml:1:28: the JSON Pointer finds nothing: the object at '/a' in data.json has no key 'c' (expected 'b')")
        #expect(error(#"{"a": [[{"n": 1}]]}"#, options: "pointer: /a/3") == "recipe.yaml:1:28: the JSON Pointer finds nothing: the array at '/a' in data.json has 1 items")
        #expect(error(#"[{"n": 1}, {"n": "one"}]"#) == "data.json:1:18: column 'n' mixes int and string values (this one in the record at '/1'); quote them all or declare the column in 'columns'")
        #expect(error(#"[{"n": 1}]"#, options: "columns: {m: int}") == "recipe.yaml:1:29: no record has a column 'm' (expected 'n')")
        // Past what decimals hold: an error, never a null that a sum would pass over.
        #expect(error(#"[{"n": 2}, {"n": 1e400}]"#) == "data.json:1:18: the number 1e400 in column 'n' of the record at '/1' cannot be kept exactly: decimals hold 38 significant digits, magnitudes below 10^100 and above 10^-100")
        #expect(error(#"[{"n": 1e-400}]"#, options: "columns: {n: decimal}") == "data.json:1:8: the number 1e-400 in column 'n' of the record at '/0' cannot be kept exactly: decimals hold 38 significant digits, magnitudes below 10^100 and above 10^-100")
    }

    @Test func syntaxErrorsPointAtTheByte() {
        #expect(error("[{\"n\": 1}] x") == "data.json:1:12: invalid JSON: unexpected 'x' after the end of the document")
        #expect(error("[{\"n\": 01}]") == "data.json:1:9: invalid JSON: a number cannot start with 0")
        #expect(error("[{\"n\": \"a\nb\"}]") == "data.json:1:10: invalid JSON: a control character (0x0A) inside a string; write it escaped, as \\n or \\u00XX")
        #expect(error("[{\"n\": \"\\ud800\"}]") == "data.json:1:9: invalid JSON: a lone surrogate \\ud800 in a string")
        #expect(error("[{\"n\": 1 \"m\": 2}]") == "data.json:1:10: invalid JSON: expected ',' or '}', found '\"'")
        #expect(error("[{\"n\": tru}]") == "data.json:1:11: invalid JSON: expected 'true', found '}'")
        #expect(error("[{\"n\": 1},\n  {\"n\": \"Bưởi") == "data.json:2:14: invalid JSON: the file ends inside a string")
        #expect(error("{\"data\": [{\"n\": 1}], \"meta\": [1,}", options: "pointer: /data") == "data.json:1:33: invalid JSON: expected a value, found '}'")
        #expect(error("") == "data.json:1:1: the file is empty; expected JSON")
    }

    /// Records stream in constant memory, so the file can be far larger than the node budget
    /// of YAML; nested objects become `parent.child` columns, arrays their JSON text.
    @Test func valuesAndShapes() throws {
        let json = [0xEF, 0xBB, 0xBF] + Array(#"""
            {"version": 2, "pages": [{"records": [
              {"id": 1, "name": "Caf\u00e9 \"Hồ\"\n", "amount": 1e3, "big": 123456789012345678901234, "tags": ["a", {"b": null}],
               "address": {"city": "Hà Nội", "geo": {"lat": 21.05}}, "day": "2025-02-28", "ok": true},
              {"id": 2, "name": "\ud83d\ude00", "amount": -0.5, "big": 1, "address": {"city": "Huế"}, "day": null, "ok": false}
            ], "next": null}], "meta": {"count": [1, 2]}}
            """#.utf8)
        let folder = try PluginHarness.folder(["data.json": json])
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try JSONSource(options: PluginHarness.options("{path: data.json, pointer: /pages/0/records}", kind: .source, type: "json",
                                                                   specs: JSONSource.options, directory: folder))
        let table = try source.load(context: PluginHarness.context(folder))
        #expect(table.columnNames == ["id", "name", "amount", "big", "tags", "address.city", "address.geo.lat", "day", "ok"])
        #expect(table.columns.map(\.type) == [.int, .string, .decimal, .decimal, .string, .string, .decimal, .date, .bool])
        #expect(table.rows[0][1] == .string("Café \"Hồ\"\n"))
        #expect(table.rows[0][2] == .decimal(DecimalNumber(1000)))
        #expect(table.rows[0][3] == .decimal(DecimalNumber(string: "123456789012345678901234")!))
        #expect(table.rows[0][4] == .string(#"["a",{"b":null}]"#))
        #expect(table.rows[1][1] == .string("😀"))
        #expect(table.rows[1][2] == .decimal(DecimalNumber(string: "-0.5")!))
        #expect(table.rows[1][6] == .null)
        #expect(table.rows[1][7] == .null)
    }
}

@Suite struct TextSourceTests {
    func load(_ files: [String: [UInt8]], path: String) throws -> Table {
        let folder = try PluginHarness.folder(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try TextSource(options: PluginHarness.options("{path: '\(path)'}", kind: .source, type: "text",
                                                                   specs: TextSource.options, directory: folder))
        _ = try source.inputFiles(in: folder)
        return try source.load(context: PluginHarness.context(folder))
    }

    @Test func oneRowPerFileInOrder() throws {
        let table = try load(["r/b.txt": Array("Bưởi".utf8), "r/a.txt": [0xEF, 0xBB, 0xBF] + Array("Tây Hồ\n".utf8)], path: "r/*.txt")
        #expect(table.rows == [[.string("r/a.txt"), .string("Tây Hồ\n")], [.string("r/b.txt"), .string("Bưởi")]])
    }

    @Test func unicodeTextFromWordOrNotepadIsUTF16() throws {
        let text = "Phường Bưởi đã kết nạp 😀 12 đảng viên.\r\n"
        let table = try load(["r/le.txt": [0xFF, 0xFE] + Array(text.data(using: .utf16LittleEndian)!),
                              "r/be.txt": [0xFE, 0xFF] + Array(text.data(using: .utf16BigEndian)!)], path: "r/*.txt")
        #expect(table.rows == [[.string("r/be.txt"), .string(text)], [.string("r/le.txt"), .string(text)]])
        #expect(throws: Diagnostic.self) { _ = try load(["r/bad.txt": [0xFF, 0xFE, 0x00, 0xD8, 0x31, 0x00]], path: "r/*.txt") }
    }

    @Test func aWindowsCodePageWhenTheRecipeSaysSo() throws {
        let folder = try PluginHarness.folder(["r/a.txt": Array("kết nạp ".utf8)])
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(CSVEncodingTests.buoi).write(to: folder.appendingPathComponent("r/a.txt"))
        let source = try TextSource(options: PluginHarness.options("{path: 'r/*.txt', encoding: windows-1258}", kind: .source, type: "text",
                                                                   specs: TextSource.options, directory: folder))
        #expect(try source.load(context: PluginHarness.context(folder)).rows == [[.string("r/a.txt"), .string("Bưởi")]])
    }

    /// The size limit is the size of what would be read: a link to a large file is refused as the file is.
    @Test func aLinkToATooLargeFileIsRefusedUnread() throws {
        let folder = try PluginHarness.folder(["r/a.txt": Array("kết nạp".utf8)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let large = folder.appendingPathComponent("large.bin")
        FileManager.default.createFile(atPath: large.path, contents: nil)
        let handle = try FileHandle(forWritingTo: large)
        try handle.truncate(atOffset: UInt64(TextSource.largestFile + 1))
        try handle.close()
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("r/b.txt").path, withDestinationPath: large.path)
        let source = try TextSource(options: PluginHarness.options("{path: 'r/*.txt'}", kind: .source, type: "text",
                                                                   specs: TextSource.options, directory: folder))
        #expect(PluginHarness.describe { _ = try source.load(context: PluginHarness.context(folder)) }.contains("is 64 MiB; a text document may be at most 64 MiB"))
    }

    @Test func anEmptyGlobNamesThePattern() {
        #expect(throws: Diagnostic.self) { _ = try load(["x.md": []], path: "reports/*.txt") }
        do { _ = try load(["x.md": []], path: "reports/*.txt") } catch let diagnostic as Diagnostic {
            #expect(diagnostic.message.hasPrefix("no file matches 'reports/*.txt'"))
        } catch {}
    }

    @Test func invalidUTF8NamesTheLine() {
        do {
            _ = try load(["a.txt": Array("ok\nbad ".utf8) + [0xFF]], path: "a.txt")
            Issue.record("expected an error")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.location?.line == 2 && diagnostic.location?.column == 5)
        } catch {
            Issue.record("\(error)")
        }
    }
}

@Suite struct PatternExtractorTests {
    static let reports = Table(columns: [Column("file", .string), Column("text", .string)], rows: [
        [.string("bao-cao/buoi.txt"), .string("""
            Năm 2024, Đảng bộ phường Bưởi đã kết nạp được 45 đảng viên mới. Tỷ lệ đảng viên hoàn thành tốt
            nhiệm vụ đạt 98,7%; toàn phường có 1.382 hội viên.

            Tổng số tổ chức đảng: 12.
            """)],
        [.string("bao-cao/yen-phu.txt"), .string("Phường Yên Phụ kết nạp\n12 đảng viên. Tỷ lệ đạt 100%.")],
    ])

    func run(_ yaml: String, locale: ReportLocale = ReportLocale("vi-VN")!) throws -> Table {
        let folder = FileManager.default.temporaryDirectory
        let options = try PluginHarness.options(yaml, kind: .extractor, type: "pattern", specs: PatternExtractor.options,
                                                directory: folder, locale: locale)
        let context = RunContext(recipeDirectory: folder, workingDirectory: folder, locale: locale)
        return try PatternExtractor(options: options).extract(inputs: ["r": Self.reports], context: context)
    }

    @Test func pullsNumbersAsTheLocaleWritesThemWithTheirSentence() throws {
        let table = try run("{input: r, patterns: {admitted: 'kết nạp (được )?{number} đảng viên', rate: 'tỷ lệ {number}', rate2: 'đạt {number}', members: '{number} hội viên'}}")
        #expect(table.columnNames == ["file", "name", "value", "sentence"])
        let rows = table.rows.map { "\($0[0].plainText)|\($0[1].plainText)|\($0[2].plainText)|\($0[3].plainText)" }
        #expect(rows == [
            "bao-cao/buoi.txt|admitted|45|Năm 2024, Đảng bộ phường Bưởi đã kết nạp được 45 đảng viên mới.",
            "bao-cao/buoi.txt|rate2|98.7|Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt 98,7%;",
            "bao-cao/buoi.txt|members|1382|toàn phường có 1.382 hội viên.",
            "bao-cao/yen-phu.txt|admitted|12|Phường Yên Phụ kết nạp 12 đảng viên.",
            "bao-cao/yen-phu.txt|rate2|100|Tỷ lệ đạt 100%.",
        ])
    }

    @Test func namedGroupsBecomeColumnsAndEnglishNumbersRead() throws {
        let english = Table(columns: [Column("text", .string)], rows: [[.string("Sales in the North reached 1,382.5 units. South: 12 units.")]])
        let folder = FileManager.default.temporaryDirectory
        let options = try PluginHarness.options("{input: r, patterns: {units: '(?<region>North|South)\\D*{number} units'}}", kind: .extractor,
                                                type: "pattern", specs: PatternExtractor.options, directory: folder)
        let table = try PatternExtractor(options: options).extract(inputs: ["r": english], context: PluginHarness.context(folder))
        #expect(table.columnNames == ["file", "name", "value", "sentence", "region"])
        #expect(table.rows.map { [$0[2], $0[4]] } == [[.decimal(Decimal(string: "1382.5")!), .string("North")], [.decimal(12), .string("South")]])
    }

    @Test func aBadPatternIsAnErrorAtItsPlace() {
        #expect(throws: Diagnostic.self) { _ = try run("{input: r, patterns: {x: 'kết nạp ({number}'}}") }
        #expect(throws: Diagnostic.self) { _ = try run("{input: r, column: txt, patterns: {x: 'a'}}") }
    }
}
