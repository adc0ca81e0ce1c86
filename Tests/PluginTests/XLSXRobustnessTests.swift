import Foundation
import ReportKit
import ReportgenTesting
import Testing
@testable import XLSXPlugins
import ZIPFoundation

/// Damaged and hostile workbooks: each is an error that names the place, never a trap, a
/// silent wrong value or memory past the stated limit.
@Suite struct XLSXRobustnessTests {
    static let workbookXML = #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    static let relations = #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
    /// Style 1 shows a date (built-in format 14).
    static let styles = #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#

    static func sheet(_ rows: String) -> String {
        #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>when</t></is></c></row>"#
            + rows + "</sheetData></worksheet>"
    }

    /// A folder with `book.xlsx` made of `parts` (the workbook and its relations added).
    static func folder(_ parts: [String: [UInt8]]) throws -> URL {
        var all = parts
        all["xl/workbook.xml"] = all["xl/workbook.xml"] ?? Array(workbookXML.utf8)
        all["xl/_rels/workbook.xml.rels"] = Array(relations.utf8)
        let folder = try PluginHarness.folder([:])
        let archive = try Archive(url: folder.appendingPathComponent("book.xlsx"), accessMode: .create)
        for (path, bytes) in all.sorted(by: { $0.key < $1.key }) {
            let data = Data(bytes)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return folder
    }

    func outcome(_ parts: [String: String], columns: String = "") -> String {
        outcome(parts.mapValues { Array($0.utf8) }, columns: columns)
    }

    func outcome(_ parts: [String: [UInt8]], columns: String = "") -> String {
        do {
            let folder = try Self.folder(parts)
            defer { try? FileManager.default.removeItem(at: folder) }
            return PluginHarness.describe {
                let source = try XLSXSource(options: PluginHarness.options("{path: book.xlsx\(columns)}", kind: .source, type: "xlsx",
                                                                           specs: XLSXSource.options, directory: folder))
                let table = try source.load(context: PluginHarness.context(folder))
                throw Diagnostic("read: " + table.rows.map { $0.map(\.plainText).joined(separator: ",") }.joined(separator: ";"), at: nil)
            }
        } catch {
            return "cannot make the workbook: \(error)"
        }
    }

    @Test func dateSerialsThatAreNoDateAreErrorsNamingTheCell() {
        for serial in ["1e308", "-1e308", "NaN", "inf", "-700000", "3000000"] {
            let result = outcome(["xl/styles.xml": Self.styles,
                                  "xl/worksheets/sheet1.xml": Self.sheet(#"<row r="2"><c r="A2" s="1"><v>\#(serial)</v></c></row>"#)])
            #expect(result.contains("cell A2 of sheet 'Data' holds '\(serial)', which is not a date"), "\(serial): \(result)")
        }
        #expect(outcome(["xl/styles.xml": Self.styles,
                         "xl/worksheets/sheet1.xml": Self.sheet(#"<row r="2"><c r="A2" s="1"><v>45351</v></c></row>"#)]) == "-: read: 2024-02-29")
    }

    @Test func aStylesPartThatIsNotUTF8IsAnErrorNotACrash() {
        var styles = Array(Self.styles.utf8)
        styles.insert(0xFF, at: styles.firstIndex(of: UInt8(ascii: "S"))!)
        let result = outcome(["xl/styles.xml": styles, "xl/worksheets/sheet1.xml": Array(Self.sheet("").utf8)])
        #expect(result.contains("xl/styles.xml is not UTF-8 (byte 0xFF at offset 6)"), "\(result)")
    }

    @Test func damagedReferencesAreErrorsNotWrongValues() {
        let sharedStrings = #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>one</t></si></sst>"#
        let cases: [(rows: String, error: String)] = [
            (#"<row r="2"><c r="A2" t="s"><v>7</v></c></row>"#, "cell A2 of sheet 'Data' refers to shared string 7, but the workbook has 1"),
            (#"<row r="2"><c r="A2" s="5"><v>45351</v></c></row>"#, "cell A2 of sheet 'Data' has style 5, but the workbook defines 2"),
            (#"<row r="2"><c r="A0"><v>1</v></c></row>"#, "has a cell 'A0' in row 2"),
            (#"<row r="2"><c r="B2"><v>1</v></c><c r="A2"><v>2</v></c></row>"#, "has cell A2 after B2"),
            (#"<row r="2"><c r="A2"><v>1</v></c><c r="A2"><v>2</v></c></row>"#, "has cell A2 after A2"),
            (#"<row r="0"><c r="A0"><v>1</v></c></row>"#, "numbers a row '0'"),
            (#"<row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>"#, "has row 2 after row 3"),
            (#"<row r="2"><c r="XFE2"><v>1</v></c></row>"#, "has a cell 'XFE2' in row 2"),
            (#"<row r="2"><c r="A2" s="x"><v>1</v></c></row>"#, "gives a cell the style 'x'"),
        ]
        for (rows, error) in cases {
            let scanned = outcome(["xl/styles.xml": Self.styles, "xl/sharedStrings.xml": sharedStrings, "xl/worksheets/sheet1.xml": Self.sheet(rows)])
            #expect(scanned.contains(error), "\(rows): \(scanned)")
            // The same through Foundation's XML parser, which a DTD sends the sheet to.
            let parsed = outcome(["xl/styles.xml": Self.styles, "xl/sharedStrings.xml": sharedStrings,
                                  "xl/worksheets/sheet1.xml": "<!DOCTYPE worksheet>" + Self.sheet(rows)])
            #expect(parsed.contains(error), "XMLParser, \(rows): \(parsed)")
        }
    }

    /// A part whose zip header declares 1 KiB and which inflates to 2 MiB, with a limit of
    /// 1 MiB: stopped once 1 MiB is inflated, not trusted.
    @Test func whatIsInflatedIsCountedNotWhatTheHeaderSays() throws {
        let big = Self.sheet(String(repeating: "<!-- padding -->", count: 2 << 16))
        let folder = try Self.folder(["xl/worksheets/sheet1.xml": Array(big.utf8)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("book.xlsx")
        var bytes = try [UInt8](Data(contentsOf: url))
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        var patched = 0
        // The uncompressed size in the local header (offset 22) and the central directory (24).
        for (signature, offset, nameAt) in [([0x50, 0x4B, 0x03, 0x04] as [UInt8], 22, 30), ([0x50, 0x4B, 0x01, 0x02], 24, 46)] {
            for start in 0..<(bytes.count - nameAt - name.count) where Array(bytes[start..<start + 4]) == signature
                && Array(bytes[(start + nameAt)..<(start + nameAt + name.count)]) == name {
                bytes.replaceSubrange((start + offset)..<(start + offset + 4), with: [0x00, 0x04, 0x00, 0x00])
                patched += 1
            }
        }
        #expect(patched == 2)
        try Data(bytes).write(to: url)
        let workbook = try XLSXWorkbook(url: url, largestPart: 1 << 20)
        #expect(throws: XLSXWorkbook.Invalid.self) { _ = try workbook.data("xl/worksheets/sheet1.xml") }
        do { _ = try workbook.data("xl/worksheets/sheet1.xml") } catch let invalid as XLSXWorkbook.Invalid {
            #expect(invalid.message.contains("unpacks to more than the 1 MiB allowed (its zip header says 0 MiB)") || invalid.message.contains("cannot be read"),
                    "\(invalid.message)")
        }
    }
}

/// The shared strings are read as they are inflated, in chunks that may cut anything: a tag,
/// an entity, a character.
@Suite struct XLSXSharedStringsReaderTests {
    static let part = #"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4"><!-- a > comment -->
        <x:si><x:t>Phường Bưởi &amp; &#x1F600; &lt;b&gt;</x:t></x:si>
        <x:si><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">rich </x:t></x:r><x:r><x:t>text</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ふりがな</x:t></x:rPh></x:si>
        <x:si><x:t/></x:si><x:si/>
        </x:sst>
        """#

    func read(_ bytes: [UInt8], chunk: Int) throws -> [String] {
        var reader = XLSXSharedStringsReader()
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            try bytes[start..<end].withUnsafeBytes { try reader.consume($0) }
            start = end
        }
        let strings = try reader.finish()
        return (0..<strings.count).compactMap { strings[$0] }
    }

    @Test func readsTheSameWhateverTheChunks() throws {
        let bytes = Array(Self.part.utf8)
        for chunk in [1, 2, 3, 7, 64, bytes.count] {
            #expect(try read(bytes, chunk: chunk) == ["Phường Bưởi & 😀 <b>", "rich text", "", ""], "chunks of \(chunk)")
        }
    }

    @Test func malformedPartsAreErrors() {
        for (part, error) in [("<sst><si><t>a</si></sst>", "closes no element"), ("<sst><si><t>a &nope; b</t></si></sst>", "starts no entity"),
                              ("<sst><si>", "ends inside an element"), ("<!DOCTYPE x><sst/>", "DTD"), ("<sst/><sst/>", "second root"),
                              ("<sst><si><t>\u{FFFD}</t></si></sst>", "")] {
            var bytes = Array(part.utf8)
            if error.isEmpty { bytes = Array("<sst><si><t>".utf8) + [0xFF] + Array("</t></si></sst>".utf8) }
            do {
                _ = try read(bytes, chunk: 5)
                Issue.record("\(part): no error")
            } catch let malformed as XLSXSharedStringsReader.Malformed {
                #expect(malformed.message.contains(error.isEmpty ? "is not UTF-8" : error), "\(part): \(malformed.message)")
            } catch {
                Issue.record("\(part): \(error)")
            }
        }
        var endless = Array("<sst><si ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 2 << 20)
        endless += Array(">".utf8)
        #expect(throws: XLSXSharedStringsReader.Malformed.self) { _ = try read(endless, chunk: 1 << 16) }
    }
}

extension XLSXRobustnessTests {
    /// A zip entry whose directory claims more compressed bytes than the file has after it:
    /// ZIPFoundation read empty chunks at the end for ever (found by fuzzing); now refused.
    @Test func anEntryRunningPastTheEndOfTheFileIsRefused() throws {
        let folder = try Self.folder(["xl/worksheets/sheet1.xml": Array(Self.sheet("").utf8)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("book.xlsx")
        var bytes = try [UInt8](Data(contentsOf: url))
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        let signature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        func isDirectoryEntry(_ start: Int) -> Bool {
            Array(bytes[start..<start + 4]) == signature && Array(bytes[(start + 46)..<(start + 46 + name.count)]) == name
        }
        let found = (0..<(bytes.count - 46 - name.count)).first(where: isDirectoryEntry)
        let start = try #require(found)
        bytes.replaceSubrange((start + 20)..<(start + 24), with: [0x00, 0x00, 0x10, 0x00])
        try Data(bytes).write(to: url)
        let started = ThreadTime.now
        let result = PluginHarness.describe {
            let source = try XLSXSource(options: PluginHarness.options("{path: book.xlsx}", kind: .source, type: "xlsx",
                                                                       specs: XLSXSource.options, directory: folder))
            _ = try source.load(context: PluginHarness.context(folder))
        }
        #expect(result.hasSuffix("'book.xlsx' is not a valid Excel workbook: the entry xl/worksheets/sheet1.xml says it holds 1048576 bytes, more than the file has after it"), "\(result)")
        #expect(ThreadTime.now - started < .seconds(10))
    }
}
