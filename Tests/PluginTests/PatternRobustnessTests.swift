import Foundation
import ReportKit
import Testing
@testable import PatternPlugins

/// Pathological patterns and texts: linear time, a stated budget, errors at the pattern's
/// place; never minutes of backtracking, a crash in a parser or a sentence copied per match.
@Suite struct PatternRobustnessTests {
    func run(_ patterns: String, text: String) throws -> Table {
        let folder = FileManager.default.temporaryDirectory
        let options = try PluginHarness.options("{input: r, patterns: \(patterns)}", kind: .extractor, type: "pattern",
                                                specs: PatternExtractor.options, directory: folder)
        let table = Table(columns: [Column("file", .string), Column("text", .string)], rows: [[.string("r.txt"), .string(text)]])
        return try PatternExtractor(options: options).extract(inputs: ["r": table], context: PluginHarness.context(folder))
    }

    func error(_ patterns: String, text: String = "x") -> String {
        PluginHarness.describe { _ = try run(patterns, text: text) }
    }

    func matches(_ pattern: String, _ text: String, ignoringCase: Bool = false) throws -> [String] {
        let scalars = Array(text.unicodeScalars)
        var matcher = PatternMatcher(try PatternProgram(pattern, ignoresCase: ignoringCase), text: scalars)
        return try matcher.matches().map { String(String.UnicodeScalarView(scalars[$0.range(0)!])) }
    }

    /// Steps the matcher takes for `pattern` over `text`: linear means a few per character
    /// and instruction, whatever the pattern (a backtracking matcher takes 2^n on these).
    func steps(_ pattern: String, _ text: String) throws -> (steps: Int, perCharacter: Double, matches: Int) {
        let program = try PatternProgram(pattern, ignoresCase: true)
        let scalars = Array(text.unicodeScalars)
        var matcher = PatternMatcher(program, text: scalars)
        let found = try matcher.matches().count
        return (matcher.steps, Double(matcher.steps) / Double(scalars.count * program.instructions.count), found)
    }

    @Test func nestedRepetitionIsLinear() throws {
        for (pattern, text, found) in [("(a+)+b", String(repeating: "a", count: 100_000), 0),
                                       ("(a|aa)*c", String(repeating: "a", count: 100_000) + "c", 1),
                                       ("(x+x+)+y", String(repeating: "x", count: 50_000), 0)] {
            let result = try steps(pattern, text)
            #expect(result.matches == found)
            #expect(result.perCharacter < 3, "\(pattern): \(result.steps) steps")
        }
        #expect(try run("{p: '(a+)+b'}", text: String(repeating: "a", count: 30_000)).rows.isEmpty)
    }

    @Test func numbersInALongRunOfDigitsAreLinear() throws {
        let digits = String(repeating: "7", count: 50_000)
        let number = "[-+]?(?:\\d{1,3}(?:\\.\\d{3})+|\\d+)(?:,\\d+)?(?:\\s?%)?(?!\\d)"
        #expect(try steps("\(number)\\s+đảng", digits + " x").perCharacter < 3)
        #expect(try run("{p: '{number} đảng viên'}", text: digits + " x").rows.isEmpty)
        let found = try run("{p: 'có {number}'}", text: "có " + digits + ".")
        #expect(found.rows.count == 1 && found.rows[0][3] == .string("có " + digits + "."))
    }

    /// A pattern that matches no text matches everywhere: those matches are skipped, and each
    /// sentence is made once, not copied per match.
    @Test func emptyMatchesAreSkippedAndSentencesMadeOnce() throws {
        let sentence = String(repeating: "word ", count: 2_000) + "end."
        #expect(try run("{p: 'x*'}", text: sentence).rows.isEmpty)
        let short = "One six three. " + String(repeating: "word ", count: 50) + "end."
        let every = try run("{p: 'w'}", text: short)
        #expect(every.rows.count == 50 && Set(every.rows.map { $0[3] }).count == 1)
        // A sentence of 10,000 characters is cited by the 400 around each match.
        let long = try run("{p: 'w'}", text: sentence)
        #expect(long.rows.count == 2_000)
        #expect(long.rows.allSatisfy { $0[3].plainText.count <= 410 && $0[3].plainText.contains("…") })
    }

    @Test func hostilePatternsAreErrorsAtTheirPlace() {
        #expect(error("{p: '\(String(repeating: "[", count: 5_000))'}").hasPrefix("recipe.yaml:1:26: '[[[[") )
        #expect(error("{p: '\(String(repeating: "[", count: 5_000))'}").contains("is not closed with ']'"))
        #expect(error("{p: '\(String(repeating: "(", count: 5_000))'}").contains("groups nest more than 100 deep"))
        #expect(error("{p: '(a{1000}){1000}'}").contains("compiles to more than 10000 steps"))
        #expect(error("{p: 'a{1001}'}").contains("counts past 1000"))
        #expect(error("{p: '(a)\\1'}").contains("back-references (at character 4) are not supported"))
        #expect(error("{p: '(?=ab)'}").contains("holds more than one character or class"))
        #expect(error("{p: 'a**'}").contains("follows another"))
        #expect(error("{p: 'kết nạp ({number}'}").contains("is not closed with ')'"))
    }

    @Test func aBudgetBoundsEvenLinearWork() throws {
        let scalars = Array(String(repeating: "a", count: 10_000).unicodeScalars)
        var matcher = PatternMatcher(try PatternProgram("a{0,500}b", ignoresCase: false), text: scalars, budget: 1_000_000)
        #expect(throws: PatternMatcher.OverBudget.self) { _ = try matcher.matches() }
    }

    @Test func matchesAsABacktrackingMatcherWould() throws {
        #expect(try matches("a+?", "aaa") == ["a", "a", "a"])
        let alternatives = try matches("(a|ab)(c|bcd)", "abcd"); #expect(alternatives == ["abcd"])
        let words = try matches("\\bcat\\b", "cat concat cat."); #expect(words == ["cat", "cat"])
        let behind = try matches("(?<=-)\\w+", "a -b c-d"); #expect(behind == ["b", "d"])
        #expect(try matches("\\bcat\\b", "cat concat cat.") == ["cat", "cat"])
        #expect(try matches("[^\\d\\s]+", "ab 12 c3") == ["ab", "c"])
        #expect(try matches("x{2,3}", "xxxxxxx") == ["xxx", "xxx"])
        #expect(try matches("\\d+(?!\\d)", "12 345") == ["12", "345"])
        #expect(try matches("(?<=-)\\w+", "a -b c-d") == ["b", "d"])
        #expect(try matches("kết nạp", "KẾT NẠP và Kết Nạp", ignoringCase: true) == ["KẾT NẠP", "Kết Nạp"])
        #expect(try matches("^a|b$", "aab") == ["a", "b"])
        #expect(try matches("a{,2}", "a{,2}") == ["a{,2}"])
        // Text written with combining marks is composed before matching.
        let decomposed = "ke\u{302}\u{301}t na\u{323}p 3"
        #expect(try run("{p: 'kết nạp {number}'}", text: decomposed).rows.first?[2] == .decimal(3))
    }
}
