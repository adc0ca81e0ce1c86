import Foundation
import Testing
import ReportKit
@testable import CSVPlugins

/// Files in other encodings, read as if they had been saved as UTF-8: what Excel saves as
/// "Unicode Text" (UTF-16 with a byte order mark, tab-separated), and its old "CSV" in a
/// Windows code page (windows-1258 on a Vietnamese Windows).
@Suite struct CSVEncodingTests {
    static func utf16(_ text: String, bigEndian: Bool = false) -> [UInt8] {
        (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) + Array(text.data(using: bigEndian ? .utf16BigEndian : .utf16LittleEndian)!)
    }

    let sheet = "Phường\tNăm\tKết nạp\r\nBưởi\t2021\t12\r\nYên Phụ 😀\t2022\t7\r\n"

    @Test func bothByteOrdersReadAsUTF8() throws {
        for bigEndian in [false, true] {
            let table = try CSVSourceTests().load(Self.utf16(sheet, bigEndian: bigEndian))
            #expect(table.columnNames == ["Phường", "Năm", "Kết nạp"])
            #expect(table.rows == [[.string("Bưởi"), .int(2021), .int(12)], [.string("Yên Phụ 😀"), .int(2022), .int(7)]])
        }
    }

    @Test func errorsCountCharactersAsInUTF8() {
        let text = sheet.replacingOccurrences(of: "\t7\r", with: "\t7x\r")
        #expect(CSVSourceTests().error(Self.utf16(text), options: "columns: {Kết nạp: int}")
            == "data.csv:3:16: '7x' in column 'Kết nạp' is not an integer")
        var lone = Self.utf16("a\tb\r\n1\t2\r\n")
        lone += [0x00, 0xD8, 0x31, 0x00]
        #expect(CSVSourceTests().error(lone).hasPrefix("data.csv:3:1: the file is not valid UTF-16: a high surrogate is not followed by a low one"))
        #expect(CSVSourceTests().error(Self.utf16("a\tb\r\n1\t2\r\n") + [0x31]).contains("the file ends in the middle of a character"))
    }

    /// The file is read in chunks of 64 KiB (32,768 UTF-16 units): a surrogate pair is cut by
    /// the first chunk's end, and more chunks follow.
    @Test func charactersAcrossChunksAndNoSplitByOffset() throws {
        let header = "ward,n\n"
        let first = String(repeating: "a", count: 32_767 - header.utf16.count) + "😀"
        var text = header + first + ",-1\n"
        #expect(Array(text.utf16)[32_767] == 0xD83D, "the high surrogate is the first chunk's last unit")
        for index in 0..<12_000 { text += "😀 Bưởi \(index),\(index)\n" }
        let folder = try PluginHarness.folder(["d.csv": Self.utf16(text)])
        defer { try? FileManager.default.removeItem(at: folder) }
        var reader = CSVRowReader(files: [(folder.appendingPathComponent("d.csv"), "d.csv")], specs: [],
                                  cells: CellReader(numbers: .plain, dateLocale: .englishUS), hasHeader: true, delimiter: nil)
        reader.minimumSplitSize = 1
        let stream = try reader.stream(reader.guessTypes())
        let fed = try stream.parallelProducer!(nil, [[CSVParallelTests.Collector()], [CSVParallelTests.Collector()]])
        #expect(fed.count == 1, "a UTF-16 file is not split by byte offset")
        let rows = (fed[0][0] as! CSVParallelTests.Collector).rows
        #expect(rows.count == 12_001)
        #expect(rows[0] == [.string(first), .int(-1)])
        #expect(rows.dropFirst().enumerated().allSatisfy { index, row in row == [.string("😀 Bưởi \(index)"), .int(index)] })
    }

    /// "Bưởi" in windows-1258: the horned u and o are letters of the code page, the hook above a
    /// combining mark (0xD2) after the o.
    static let buoi: [UInt8] = [0x42, 0xFD, 0xF5, 0xD2, 0x69]

    @Test func aWindowsCodePage() throws {
        let csv = Array("ward,n\r\n".utf8) + Self.buoi + Array(",12\r\nYen Phu,7\r\n".utf8)
        let table = try CSVSourceTests().load(csv, options: "encoding: windows-1258")
        #expect(table.rows == [[.string("Bưởi"), .int(12)], [.string("Yen Phu"), .int(7)]], "compared as equal to the precomposed word")
        #expect(CSVSourceTests().error(csv).hasSuffix("not valid UTF-8: byte 0xFD at offset 9; save it as UTF-8, or name its encoding in the source (encoding: windows-1258 for Excel's CSV on a Vietnamese Windows)"),
                "without the option, it is not UTF-8, and the message says what to do")
        let latin = try CSVSourceTests().load([0x6E, 0x0A, 0x43, 0x61, 0x66, 0xE9, 0x0A], options: "encoding: windows-1252")
        #expect(latin.rows == [[.string("Café")]])
        #expect(CSVSourceTests().error([0x6E, 0x0A, 0x31, 0x0A, 0x81, 0x0A], options: "encoding: windows-1252")
            == "data.csv:3:1: the file is not valid windows-1252: byte 0x81 is not a character in it; check the source's encoding, or save the file as UTF-8")
    }

    @Test func utf16WithoutAMarkWhenTheRecipeSaysSo() throws {
        let table = try CSVSourceTests().load(Array(sheet.data(using: .utf16LittleEndian)!), options: "encoding: utf-16le")
        #expect(table.rows.count == 2)
        #expect(table.rows[1][0] == .string("Yên Phụ 😀"))
    }
}
