import Foundation
import Testing
import ReportKit
@testable import CSVPlugins

/// The fast paths give the same rows as the plain one: reading on two cores, decoding only the
/// needed columns, whatever falls at the middle of the file.
@Suite struct CSVParallelTests {
    /// Keeps every row it is given; merges by appending, as filters do.
    struct Collector: RowConsumer {
        var rows: [Row] = []
        var canMerge: Bool { true }
        mutating func consume(_ row: Row) throws { rows.append(row) }
        mutating func merge(_ later: any RowConsumer) throws { rows += (later as! Collector).rows }
        mutating func finish() throws -> Table { Table(columns: [], rows: rows) }
    }

    func reader(_ text: String, bom: Bool = false) throws -> (CSVRowReader, URL) {
        let folder = try PluginHarness.folder(["d.csv": (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)])
        let url = folder.appendingPathComponent("d.csv")
        let specs: [(name: String, spec: ColumnSpec)] = []
        var reader = CSVRowReader(files: [(url, "d.csv")], specs: specs, cells: CellReader(numbers: .plain, dateLocale: .englishUS),
                                  hasHeader: true, delimiter: nil)
        reader.minimumSplitSize = 1
        return (reader, folder)
    }

    func sequentialAndParallel(_ text: String, bom: Bool = false, needed: Set<Int>? = nil) throws -> (sequential: [Row], parallel: [Row], partitions: Int) {
        let (reader, folder) = try reader(text, bom: bom)
        defer { try? FileManager.default.removeItem(at: folder) }
        let stream = try reader.stream(reader.guessTypes())
        _ = stream.columns
        var sequential: [Row] = []
        try stream.forEach(needing: needed) { sequential.append($0) }
        let fed = try stream.parallelProducer!(needed, [[Collector()], [Collector()]])
        var merged = fed[0][0] as! Collector
        for later in fed.dropFirst() { try merged.merge(later[0]) }
        return (sequential, merged.rows, fed.count)
    }

    static func rows(_ count: Int, multiline: Bool = false) -> String {
        var text = "id,ward,category,amount,date\r\n"
        for index in 1...count {
            let category = multiline && index == count / 2 ? "\"Hạ tầng,\r\n\r\ngiao thông\"" : "\"Hạ tầng, giao thông\""
            text += "\(index),Phú Thượng,\(category),\(index).25,2025-01-\(String(format: "%02d", index % 28 + 1))\r\n"
        }
        return text
    }

    @Test func twoCoresReadTheSameRowsAsOne() throws {
        let result = try sequentialAndParallel(Self.rows(2000), bom: true)
        #expect(result.partitions == 2)
        #expect(result.sequential.count == 2000)
        #expect(result.parallel == result.sequential)
        #expect(result.sequential[0] == [.int(1), .string("Phú Thượng"), .string("Hạ tầng, giao thông"), .decimal(Decimal(string: "1.25")!),
                                         .date(CivilDate(year: 2025, month: 1, day: 2)!)])
    }

    @Test func aMiddleInsideAQuotedFieldFallsBackToOneCore() throws {
        // A note of many lines, quoted, in the middle of the file: the line after the middle
        // is inside it, where the second core would read nonsense (and ragged rows).
        var text = Self.rows(50)
        text += "51,Bưởi,\"" + String(repeating: "ghi chú, dòng\r\n", count: 400) + "\",1.5,2025-02-01\r\n"
        text += Self.rows(50).split(separator: "\r\n").dropFirst().joined(separator: "\r\n") + "\r\n"
        let result = try sequentialAndParallel(text)
        #expect(result.partitions == 1)
        #expect(result.sequential.count == 101)
        #expect(result.parallel == result.sequential)
    }

    @Test func onlyTheNeededColumnsAreDecoded() throws {
        let result = try sequentialAndParallel(Self.rows(300), needed: [1, 3])
        #expect(result.parallel == result.sequential)
        #expect(result.sequential[5] == [.null, .string("Phú Thượng"), .null, .decimal(Decimal(string: "6.25")!), .null])
    }

    @Test func errorsInTheSecondHalfNameTheirLine() throws {
        var text = Self.rows(400)
        text += "401,Bưởi,x,not-a-number,2025-01-01\r\n"
        let (reader, folder) = try reader(text)
        defer { try? FileManager.default.removeItem(at: folder) }
        let columns = try reader.stream(reader.guessTypes()).columns.enumerated().map { $0.offset == 3 ? Column("amount", .decimal) : $0.element }
        do {
            _ = try reader.feed(columns: columns, checks: columns.map { _ in .none }, needing: nil, partitions: [[Collector()], [Collector()]])
            Issue.record("expected an error")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.location == SourceLocation(file: "d.csv", line: 402, column: 12))
        }
    }

    /// Several files (a glob) are read as two runs of files, one per core, merged in order; an
    /// error in the first run is the one reported even when the second has one too.
    @Test func severalFilesAreReadAsTwoRuns() throws {
        let texts = [Self.rows(300), Self.rows(100), Self.rows(250), Self.rows(20)]
        var files: [String: [UInt8]] = [:]
        for (index, text) in texts.enumerated() { files["d\(index).csv"] = Array(text.utf8) }
        let folder = try PluginHarness.folder(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        func reader(_ names: [String]) -> CSVRowReader {
            var reader = CSVRowReader(files: names.map { (folder.appendingPathComponent($0), $0) }, specs: [],
                                      cells: CellReader(numbers: .plain, dateLocale: .englishUS), hasHeader: true, delimiter: nil)
            reader.minimumSplitSize = 1
            return reader
        }
        let all = reader(texts.indices.map { "d\($0).csv" })
        let stream = try all.stream(all.guessTypes())
        _ = stream.columns
        var sequential: [Row] = []
        try stream.forEach(needing: nil) { sequential.append($0) }
        let fed = try stream.parallelProducer!(nil, [[Collector()], [Collector()]])
        #expect(fed.count == 2)
        var merged = fed[0][0] as! Collector
        try merged.merge(fed[1][0])
        #expect(sequential.count == 670)
        #expect(merged.rows == sequential)
        #expect(CSVRowReader.cut([300, 100, 250, 20]) == 1)
        #expect(CSVRowReader.cut([10, 10, 10, 10]) == 2)
        #expect(CSVRowReader.cut([1, 1000]) == 1)

        let bad = try PluginHarness.folder(["a.csv": Array("n\n1\nx\n".utf8), "b.csv": Array("n\ny\n".utf8)])
        defer { try? FileManager.default.removeItem(at: bad) }
        var both = CSVRowReader(files: [(bad.appendingPathComponent("a.csv"), "a.csv"), (bad.appendingPathComponent("b.csv"), "b.csv")],
                                specs: [], cells: CellReader(numbers: .plain, dateLocale: .englishUS), hasHeader: true, delimiter: nil)
        both.minimumSplitSize = 1
        #expect(PluginHarness.describe { _ = try both.feed(columns: [Column("n", .int)], checks: [.none], needing: nil, partitions: [[Collector()], [Collector()]]) }
                == "a.csv:3:1: 'x' in column 'n' is not an integer")
    }
}
