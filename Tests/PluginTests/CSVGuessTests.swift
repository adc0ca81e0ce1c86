import TableExtractors
@testable import CSVPlugins
import Foundation
import ReportgenTesting
import ReportKit
import Testing

/// A CSV source guesses the types of undeclared columns from its first records and checks every
/// later cell that an extractor reads against the guess: the tables and errors are those of
/// reading every cell first, wherever the cell that decides a type is.
struct CSVGuessTests {
    /// More rows than the first 256 KiB hold, with `late` as the `count` of one row far past them.
    static func file(late: String, lateAt: Int = 30_000, rows: Int = 32_000) -> String {
        var text = "id,ward,count,day\n"
        for index in 1...rows {
            let count = index == lateAt ? late : String(index % 7)
            text += "\(index),\(["Bưởi", "Nhật Tân", "Yên Phụ"][index % 3]),\(count),2024-0\(index % 9 + 1)-15\n"
        }
        return text
    }

    static func run(_ csv: String, measures: String = "{total: sum(count)}", columns: String = "",
                    groupBy: String = "[ward]") throws -> RecipeRun {
        try RecipeRun("""
            reportgen: 1
            title: T
            sources: {t: {type: csv, path: t.csv\(columns)}}
            extractors: {a: {type: aggregate, input: t, group_by: \(groupBy), measures: \(measures)}}
            outputs: []
            """, files: ["t.csv": csv], plugins: [CSVPlugins.self, TableExtractors.self])
    }

    static func error(_ body: () throws -> Void) -> String { PluginHarness.errorText(body) }

    @Test func theFileIsLargerThanTheGuess() {
        #expect(Self.file(late: "1").utf8.count > 2 * CSVRowReader.guessBytes)
    }

    /// A decimal far down a column of integers makes it a column of decimals, as when it comes first.
    @Test func aLateDecimalWidensTheColumn() throws {
        let late = try Self.run(Self.file(late: "2.5"))
        let declared = try Self.run(Self.file(late: "2.5"), columns: ", columns: {count: decimal}")
        #expect(late.table("a")!.columns.map(\.type) == [.string, .decimal])
        #expect(late.values("total", of: "a") == declared.values("total", of: "a"))
        let buoi = (1...32_000).filter { $0 % 3 == 0 && $0 != 30_000 }.reduce(0) { $0 + $1 % 7 }
        #expect(late.values("total", of: "a").first == .decimal(DecimalNumber(string: "\(buoi).5")! + DecimalNumber(2)))
    }

    /// A cell that makes the column text is named in the type error, as when it comes first.
    @Test func aLateWordIsNamedInTheTypeError() {
        let message = Self.error { _ = try Self.run(Self.file(late: "1x")) }
        #expect(message.contains("sum() needs a number, but count is a string"))
        #expect(message.contains("t.csv:30001:"))
        #expect(message.contains("holds '1x'"))
        let early = Self.error { _ = try Self.run(Self.file(late: "1x", lateAt: 2)) }
        #expect(early.contains("t.csv:3:") && early.contains("holds '1x'"))
    }

    /// Digits with a leading zero are a code: the column is text, however late the code comes.
    @Test func aLateCodeWithALeadingZeroMakesText() {
        let message = Self.error { _ = try Self.run(Self.file(late: "007")) }
        #expect(message.contains("count is a string"))
        #expect(message.contains("holds '007'"))
    }

    /// A column empty in the first rows takes the type of its later cells.
    @Test func aColumnEmptyAtFirstTakesItsLaterType() throws {
        var text = "ward,count\n"
        for index in 1...40_000 { text += "Bưởi,\(index > 39_000 ? String(index % 5) : "")\n" }
        let run = try Self.run(text)
        #expect(run.values("total", of: "a") == [.int(2 * 200 + 3 * 200 + 4 * 200 + 1 * 200)])
    }

    /// A column of dates in the locale's order at first, in the other order further down, is the
    /// error that asks for a format, as when that cell comes first.
    @Test func aLateDateInTheOtherOrderIsTheDayOrderError() {
        func file(lateAt: Int) -> String {
            var text = "ward,day\n"
            for index in 1...40_000 { text += "Bưởi,\(index == lateAt ? "25/02/2012" : "01/02/2012")\n" }
            return text
        }
        let late = Self.error { _ = try Self.run(file(lateAt: 39_000), measures: "{first: min(day)}") }
        let early = Self.error { _ = try Self.run(file(lateAt: 2), measures: "{first: min(day)}") }
        #expect(late.contains("column 'day' writes dates with the day first ('25/02/2012')"))
        #expect(late.replacingOccurrences(of: "39001", with: "3") == early)
    }

    /// A bad cell of a declared column before the cell that shows a guess wrong: the types are
    /// settled first, and the error is the bad cell, as when every cell is read first.
    @Test func badCellsAreFoundWithTheRightTypes() {
        var text = Self.file(late: "2.5")
        text = text.replacingOccurrences(of: "\n99,Bưởi,1,2024-01-15\n", with: "\n99,Bưởi,1,someday\n")
        let message = Self.error { _ = try Self.run(text, measures: "{total: sum(count), last: max(day)}", columns: ", columns: {day: date}") }
        #expect(message.contains("'someday' in column 'day' is not a date"))
        #expect(!message.contains("count"))
    }

    /// Columns no extractor reads are not checked past the guess: a word far down the ids
    /// changes no figure.
    @Test func columnsNobodyReadsKeepTheirGuess() throws {
        let text = Self.file(late: "1").replacingOccurrences(of: "\n30000,", with: "\nthirty thousand,")
        let run = try Self.run(text)
        #expect(run.values("total", of: "a").count == 3)
    }

    /// The source shown whole (every column read) is typed by every cell.
    @Test func aLoadedSourceIsTypedByEveryCell() throws {
        let run = try RecipeRun("""
            reportgen: 1
            title: T
            sources: {t: {type: csv, path: t.csv}}
            outputs: []
            """, files: ["t.csv": Self.file(late: "2.5")], plugins: [CSVPlugins.self])
        #expect(run.table("t")!.columns.map(\.type) == [.int, .string, .decimal, .date])
        #expect(run.values("count", of: "t")[29_999] == .decimal(DecimalNumber(string: "2.5")!))
    }
}
