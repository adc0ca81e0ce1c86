import Foundation
import ReportgenTesting
import ReportKit
import Testing
@testable import CSVPlugins
@testable import TableExtractors

/// What a second new user met on public data after the branches were merged: each a figure or
/// a message that misled.
@Suite struct SecondStrangerTests {
    func error(_ csv: String, columns: String = "", measure: String = "sum(amount)") -> String {
        PluginHarness.describe {
            _ = try RecipeRun("""
                reportgen: 1
                title: T
                locale: en-US
                sources: {s: {type: csv, path: s.csv, dated_by: none\(columns)}}
                extractors: {t: {type: aggregate, input: s, measures: {t: "\(measure)"}}}
                outputs: []
                """, files: ["s.csv": csv], plugins: [TableExtractors.self, CSVPlugins.self])
        }
    }

    /// 41 digits were rounded to 38 in silence, and a sum with them lost the rest.
    @Test func aNumberWithMoreDigitsThanAreKeptIsNeverRounded() {
        let csv = "date,amount\n2024-01-01,99999999999999999999999999999999999999999\n2024-02-01,1\n"
        #expect(error(csv, columns: ", columns: {amount: decimal}").contains(
            "s.csv:2:12: '99999999999999999999999999999999999999999' in column 'amount' is not a number; it has 41 significant digits, and reportgen keeps 38 exactly"))
        #expect(error(csv).contains("amount is a string (read as text because s.csv:2:12 holds '99999999999999999999999999999999999999999'; it has 41 significant digits"))
        // Zeros at either end are exact whatever their number.
        #expect(NumberReader.plain.read("0.000000000000000000000000000000000000000000001") != nil)
        #expect(NumberReader.plain.read("1" + String(repeating: "0", count: 60)) != nil)
    }

    /// `1,234` under en-US was said to be a decimal comma; following the hint gave 1.234.
    @Test func aCommaBeforeThreeDigitsNamesBothReadings() {
        let message = error("amount\n\"1,234\"\n", columns: ", columns: {amount: decimal}")
        #expect(message.contains("locale: en-US reads '1,234' as 1234, locale: de-DE as 1.234"))
        #expect(error("amount\n\"12,5\"\n", columns: ", columns: {amount: decimal}").contains("it is written with a decimal comma"))
    }

    /// A column made text by its first cell gave "amount is a string" with no reason.
    @Test func theFirstCellThatMakesAColumnTextIsShown() {
        #expect(error("d;amount\n2024-01-01;1234,50\n2024-01-02;12,5\n").contains(
            "amount is a string (read as text because s.csv:2:12 holds '1234,50'; it is written with a decimal comma"))
    }

    @Test func anUnquotedWordNearNoColumnIsAskedToBeQuoted() {
        #expect(error("sex,n\nfemale,2\n", measure: "count(if(sex = female, 1, null))").contains(
            "unknown column 'female' (expected one of 'sex', 'n'); to write the text, quote it: 'female'"))
    }

    /// A misspelt group key hid a misspelt measure until the key was fixed: two runs for two typos.
    @Test func aBadGroupKeyDoesNotHideTheMeasuresErrors() {
        var all = Diagnostics()
        do {
            _ = try RecipeRun("""
                reportgen: 1
                title: T
                sources: {p: {type: csv, path: p.csv, dated_by: none}}
                extractors: {a: {type: aggregate, input: p, group_by: [spceies], measures: {m: sum(body_mas), k: count(spceies)}}}
                outputs: []
                """, files: ["p.csv": "species,body_mass\nA,1\n"], plugins: [TableExtractors.self, CSVPlugins.self])
        } catch {
            all.append(error)
        }
        let message = all.sorted.map(\.message).joined(separator: "\n")
        #expect(message.contains("unknown column 'spceies'; did you mean 'species'?"))
        #expect(message.contains("unknown column 'body_mas'; did you mean 'body_mass'?"))
        // A measure naming the bad key is not reported a second time.
        #expect(message.components(separatedBy: "spceies").count == 2, "\(message)")
    }

    @Test func aTabInTheIndentationIsNamed() {
        let message = PluginHarness.describe { _ = try YAMLLoader().load("a:\n\tb: 1\n", file: "r.yaml") }
        #expect(message.contains("this is a tab, and YAML indents with spaces only"))
    }
}
