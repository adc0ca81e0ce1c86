import CSVPlugins
import ReportgenTesting
import ReportKit
import TableExtractors
import Testing

/// A CSV source checks the UTF-8 of its chunks once for all the consumers: a bad byte in a row
/// that no extractor keeps is still the error it was when each consumer checked its cells,
/// wherever it is (first chunk, later chunks, the second core's half of the file).
@Suite struct CSVTextCheckTests {
    /// About 5 MiB of rows, enough to be read on two cores, with `bad` in the ward of row `at`.
    static func file(badAt at: Int, bad: [UInt8]) -> [UInt8] {
        var bytes = Array("id,ward,amount\n".utf8)
        for index in 1...100_000 {
            bytes += Array("\(index),".utf8)
            bytes += index == at ? Array("Tây".utf8) + bad : Array(["Bưởi", "Nhật Tân", "\"Yên Phụ, Hà Nội\""][index % 3].utf8)
            bytes += Array(",\(index % 1_000).5\n".utf8)
        }
        return bytes
    }

    static func errors(_ csv: [UInt8], extractor: String) -> [String] {
        RecipeRun.errors("""
            reportgen: 1
            title: T
            sources: {t: {type: csv, path: t.csv, columns: {amount: decimal}}}
            extractors: {x: \(extractor)}
            outputs: []
            """, data: ["t.csv": csv], plugins: [CSVPlugins.self, TableExtractors.self])
    }

    @Test(arguments: [2, 40_000, 99_000])
    func aBadByteInARowNotKeptIsAnError(row: Int) throws {
        for bad: [UInt8] in [[0xC3, 0x28], [0xFF], [0xE1, 0xBA]] {
            let csv = Self.file(badAt: row, bad: bad)
            let place = "t.csv:\(row + 1):"
            for extractor in ["{type: top, input: t, by: amount, limit: 3}", "{type: filter, input: t, where: 'amount > 5000'}"] {
                let errors = Self.errors(csv, extractor: extractor)
                #expect(errors.count == 1 && errors[0].hasPrefix(place) && errors[0].contains("not valid UTF-8"), "\(extractor): \(errors)")
            }
        }
        #expect(Self.errors(Self.file(badAt: 0, bad: []), extractor: "{type: top, input: t, by: amount, limit: 3}") == [])
    }
}

/// A filter's `where` part on a column whose cells seldom repeat is worked out only when the
/// other parts keep the record, where the source checked every cell (two extractors keep whole
/// rows), unless the part can fail: an error in it stays an error whatever the other parts say.
@Suite struct WaitingConditionTests {
    static func file(hugeAt: Int) -> String {
        var text = "id,amount,status\n"
        for index in 1...40_000 {
            let amount = index == hugeAt ? "1" + String(repeating: "0", count: 60) : "\(index).\(index % 100)"
            text += "\(index),\(amount),\(index == hugeAt ? "open" : ["paid", "open", "late"][index % 3])\n"
        }
        return text
    }

    static func run(_ condition: String, hugeAt: Int) throws -> RecipeRun {
        try RecipeRun("""
            reportgen: 1
            title: T
            sources: {t: {type: csv, path: t.csv, columns: {amount: decimal}}}
            extractors:
              f: {type: filter, input: t, where: "\(condition)"}
              best: {type: top, input: t, by: id, limit: 2}
            outputs: []
            """, files: ["t.csv": file(hugeAt: hugeAt)], plugins: [CSVPlugins.self, TableExtractors.self])
    }

    @Test func aPartThatCanFailIsWorkedOutInEveryRecord() {
        let message = PluginHarness.errorText { _ = try Self.run("amount * amount > 1 and status = 'paid'", hugeAt: 30_000) }
        #expect(message.contains("out of range"), "\(message)")
    }

    @Test func aPartThatCannotFailKeepsWhatItKept() throws {
        let run = try Self.run("amount >= 20000 and status = 'paid'", hugeAt: 30_000)
        let expected = (1...40_000).filter { $0 != 30_000 && $0 >= 20_000 && $0 % 3 == 0 }.count
        #expect(run.table("f")?.rows.count == expected)
    }
}
