import Foundation
import ReportKit
import ReportgenTesting
import Testing
@testable import CSVPlugins
@testable import TextPlugins

/// Hostile CSV and text outputs: limits met with an error at the place, linear work.
@Suite struct CSVRobustnessTests {
    func error(_ csv: [UInt8]) -> String {
        do {
            let folder = try PluginHarness.folder(["data.csv": csv])
            defer { try? FileManager.default.removeItem(at: folder) }
            return PluginHarness.describe {
                let options = try PluginHarness.options("{path: data.csv}", kind: .source, type: "csv", specs: CSVSource.options, directory: folder)
                _ = try CSVSource(options: options).load(context: PluginHarness.context(folder))
            }
        } catch {
            return "\(error)"
        }
    }

    @Test func moreColumnsThanExcelHasIsAnErrorAtTheField() {
        let header = (1...20_000).map { "c\($0)" }.joined(separator: ",")
        #expect(error(Array(("a,b\n1,2\n" + header + "\n").utf8)).hasPrefix("data.csv:3:103583: this record has more than 16384 fields"))
        let wide = Array((String(repeating: ",", count: 1_000_000) + "\n").utf8)
        #expect(error(wide).hasPrefix("data.csv:1:16385: this record has more than 16384 fields"))
    }

    /// One field of 70 MiB (an unclosed quote, say): stopped at 64 MiB, placed by reading the
    /// file again a chunk at a time.
    @Test func aRecordPastTheLimitIsAnErrorNotAnAllocationFailure() {
        var csv = Array("name,notes\nBưởi,\"".utf8)
        csv += [UInt8](repeating: UInt8(ascii: "x"), count: 70 << 20)
        #expect(error(csv) == "data.csv:2:1: this record is longer than 64 MiB, the most a record may be (a quote left open, or not a CSV file?)")
        var line = [UInt8](repeating: UInt8(ascii: "y"), count: 70 << 20)
        line += Array("\n".utf8)
        #expect(error(line).hasPrefix("data.csv:1:1: this record is longer than 64 MiB"))
    }

    @Test func formulasAreNeutralisedAfterSpacesAndInvisibleCharacters() {
        for text in [" =1+1", "\u{3000}=cmd", "\u{200B}=cmd", "＝cmd", "＋1", "－1", "＠x", "\u{00A0}\u{200B} @SUM(A1)", "\n=x", "\t1"] {
            #expect(CSVOutput.neutralised(text) == "'" + text, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        for text in ["-12.5", "+3", "plain", " plain", "a=b", ""] {
            #expect(CSVOutput.neutralised(text) == text)
        }
    }

    /// A table cell of 160,000 characters wrapped at 10: each cut measures what it cuts, not the
    /// rest of the word again.
    @Test func wrappingALongWordIsLinear() {
        let started = ThreadTime.now
        let lines = TextWrap.lines(String(repeating: "ư", count: 160_000), width: 10, breakingWords: true)
        #expect(lines.count == 16_000 && lines.allSatisfy { $0.count == 10 })
        #expect(ThreadTime.now - started < .seconds(20))
        // A character wider than the column still moves on, one per line.
        #expect(TextWrap.lines("中文字", width: 1, breakingWords: true) == ["中", "文", "字"])
        #expect(TextWrap.lines("ab 中文", width: 0, breakingWords: true).count == 4)
    }
}
