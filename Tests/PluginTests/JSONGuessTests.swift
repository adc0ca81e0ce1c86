import TableExtractors
import Foundation
@testable import JSONPlugins
import ReportgenTesting
import ReportKit
import Testing

/// A json source guesses its columns and their types from its first records and checks the
/// values that extractors read as it delivers the rows: the tables and errors are those of
/// reading every record first, wherever the value that decides a type is.
struct JSONGuessTests {
    /// More records than the first 256 KiB hold; record `lateAt` has `late` as its `count`.
    static func file(late: String, lateAt: Int = 9_000, records: Int = 10_000, extra: String = "") -> String {
        (1...records).map { index in
            let count = index == lateAt ? late : String(index % 7)
            return "{\"id\": \(index), \"ward\": \"\(["Bưởi", "Nhật Tân"][index % 2])\", \"count\": \(count), \"day\": \"2024-0\(index % 9 + 1)-15\"\(index == lateAt ? extra : "")}"
        }.joined(separator: ",\n").wrapped
    }

    static func run(_ json: String, extractors: String = "{a: {type: aggregate, input: t, group_by: [ward], measures: {total: sum(count)}}}") throws -> RecipeRun {
        try RecipeRun("""
            reportgen: 1
            title: T
            sources: {t: {type: json, path: t.json}}
            extractors: \(extractors)
            outputs: []
            """, files: ["t.json": json], plugins: [JSONPlugins.self, TableExtractors.self])
    }

    static func error(_ body: () throws -> Void) -> String { PluginHarness.errorText(body) }

    @Test func theFileIsLargerThanTheGuess() {
        #expect(Self.file(late: "1").utf8.count > 2 * JSONSource.guessBytes)
    }

    @Test func aLateDecimalWidensTheColumn() throws {
        let run = try Self.run(Self.file(late: "2.5"))
        #expect(run.table("a")!.columns.map(\.type) == [.string, .decimal])
        let buoi = (1...10_000).filter { $0 % 2 == 0 && $0 != 9_000 }.reduce(0) { $0 + $1 % 7 }
        #expect(run.values("total", of: "a").first == .decimal(DecimalNumber(string: "\(buoi + 2).5")!))
    }

    /// A text among numbers is the error that the column mixes them, as when it comes first.
    @Test func aLateTextIsTheMixedColumnError() {
        let late = Self.error { _ = try Self.run(Self.file(late: "\"many\"")) }
        let early = Self.error { _ = try Self.run(Self.file(late: "\"many\"", lateAt: 2)) }
        #expect(late.contains("column 'count' mixes int and string values (this one in the record at '/8999')"))
        #expect(early.contains("column 'count' mixes int and string values (this one in the record at '/1')"))
    }

    /// A key that the first records lack is a column of the table when every column is read.
    @Test func aLateKeyIsAColumn() throws {
        let run = try Self.run(Self.file(late: "1", extra: ", \"note\": \"late\""),
                               extractors: "{f: {type: filter, input: t, where: 'count >= 0'}}")
        #expect(run.table("f")!.columns.map(\.name) == ["id", "ward", "count", "day", "note"])
        #expect(run.values("note", of: "f").filter { $0 != .null } == [.string("late")])
    }

    /// An expression naming a column that only later records have is not an error.
    @Test func aColumnOfLateRecordsCanBeRead() throws {
        let run = try Self.run(Self.file(late: "1", extra: ", \"note\": \"late\""),
                               extractors: "{a: {type: aggregate, input: t, measures: {notes: count(note)}}}")
        #expect(run.values("notes", of: "a") == [.int(1)])
    }

    /// A date column with a text that is no date further down is text.
    @Test func aLateWordInADateColumnMakesText() throws {
        let text = Self.file(late: "1").replacingOccurrences(of: "\"id\": 9500, \"ward\": \"Bưởi\", \"count\": 1, \"day\": \"2024-06-15\"",
                                                              with: "\"id\": 9500, \"ward\": \"Bưởi\", \"count\": 1, \"day\": \"soon\"")
        #expect(text.contains("\"soon\""))
        let run = try Self.run(text, extractors: "{a: {type: aggregate, input: t, measures: {last: max(day)}}}")
        #expect(run.values("last", of: "a") == [.string("soon")])
    }
}

extension JSONGuessTests {
    /// Values of keys that no extractor reads are passed over, but still checked to be JSON.
    @Test func keysNobodyReadsAreStillJSON() {
        let text = Self.file(late: "1").replacingOccurrences(of: "\"day\": \"2024-06-15\"}", with: "\"day\": \"2024-06-15\\x\"}")
        let message = Self.error { _ = try Self.run(text) }
        #expect(message.contains("'\\x' is not a JSON escape"), "\(message)")
    }
}

private extension String {
    var wrapped: String { "[\n" + self + "\n]\n" }
}
