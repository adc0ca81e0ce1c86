import Foundation
import Testing
import ReportKit
@testable import CSVPlugins

/// Files Excel saves as "Unicode Text": UTF-16 with a byte order mark, tab-separated, read as
/// if they had been saved as UTF-8.
@Suite struct CSVUTF16Tests {
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
        #expect(CSVSourceTests().error(lone).hasPrefix("data.csv:3:1: the file starts as UTF-16 but is not valid UTF-16: a high surrogate is not followed by a low one"))
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
        let columns = try reader.columns().types
        let fed = try reader.feed(columns: columns, needing: nil, partitions: [[CSVParallelTests.Collector()], [CSVParallelTests.Collector()]])
        #expect(fed.count == 1, "a UTF-16 file is not split by byte offset")
        let rows = (fed[0][0] as! CSVParallelTests.Collector).rows
        #expect(rows.count == 12_001)
        #expect(rows[0] == [.string(first), .int(-1)])
        #expect(rows.dropFirst().enumerated().allSatisfy { index, row in row == [.string("😀 Bưởi \(index)"), .int(index)] })
    }
}
