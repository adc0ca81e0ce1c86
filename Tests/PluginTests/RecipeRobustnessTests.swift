import TableExtractors
import CSVPlugins
import Foundation
import InlinePlugins
import JSONPlugins
import ReportgenTesting
import ReportKit
import Testing

/// Hostile recipes and data through a whole run: each stops at a stated limit with an error
/// at its place, never a stack overflow, a trap or a NaN in a table.
@Suite struct RecipeRobustnessTests {
    static let plugins: [any PluginModule.Type] = [TableExtractors.self, CSVPlugins.self, InlinePlugins.self, JSONPlugins.self]

    func outcome(_ recipe: String, files: [String: String] = [:], environment: [String: String] = [:]) -> String {
        do {
            let run = try RecipeRun(recipe, files: files, plugins: Self.plugins, environment: environment)
            return "ran: " + run.report.tables.map { "\($0.id)=\($0.table.rows.map { $0.map(\.plainText).joined(separator: ",") })" }.joined(separator: " ")
        } catch let diagnostics as Diagnostics {
            return diagnostics.sorted.map(\.description).joined(separator: "\n")
        } catch {
            return "\(error)"
        }
    }

    @Test func deeplyNestedYAMLIsRefusedAtItsPlace() {
        let started = ThreadTime.now
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let result = outcome("reportgen: 1\ntitle: T\nparams: {x: \(deep)}\noutputs: []\n")
        #expect(result.hasPrefix("recipe.yaml:3:111: error: lists and mappings nest more than 100 levels deep here"), "\(result)")
        let objects = String(repeating: "{a: ", count: 5_000) + "1" + String(repeating: "}", count: 5_000)
        #expect(outcome("reportgen: 1\ntitle: T\nparams: \(objects)\noutputs: []\n").contains("nest more than 100 levels deep"))
        #expect(ThreadTime.now - started < .seconds(10))
    }

    @Test func deeplyNestedJSONIsRefusedAtItsPlace() {
        let recipe = "reportgen: 1\ntitle: T\nsources: {d: {type: json, path: d.json}}\noutputs: []\n"
        let arrays = "[{\"a\": " + String(repeating: "[", count: 30_000) + String(repeating: "]", count: 30_000) + "}]"
        #expect(outcome(recipe, files: ["d.json": arrays]) == "d.json:1:107: error: arrays and objects nest more than 100 levels deep here")
        let objects = "[{\"a\": " + String(repeating: "{\"b\": ", count: 20_000) + "1" + String(repeating: "}", count: 20_000) + "}]"
        #expect(outcome(recipe, files: ["d.json": objects]).contains("d.json:1:602: error: arrays and objects nest more than 100 levels deep"))
        let fine = "[{\"a\": " + String(repeating: "[", count: 99) + String(repeating: "]", count: 99) + ", \"n\": 1}]"
        #expect(outcome(recipe, files: ["d.json": fine]).hasPrefix("ran: "))
    }

    /// A caret inside a value that `${NAME}` changed points where the recipe has the text,
    /// not as many columns further as the value is longer than its reference.
    @Test func positionsAfterSubstitutionPointIntoTheRecipeAsWritten() {
        let recipe = """
            reportgen: 1
            title: T
            sources: {d: {type: inline, rows: [{n: 1}]}}
            extractors:
              f: {type: filter, input: d, where: "${COND} and nope > 1"}
            outputs: []

            """
        let result = outcome(recipe, environment: ["COND": "n > 100000000000000000000000000000000000000000"])
        // `nope` is at column 51 of line 5 as written.
        #expect(result.hasPrefix("recipe.yaml:5:51: error: unknown column 'nope'"), "\(result)")
        let inside = outcome(recipe, environment: ["COND": "n > 'x'"])
        #expect(inside.hasPrefix("recipe.yaml:5:39: error: cannot compare"), "\(inside)")
    }

    /// Sums and totals past 10^100 stop at the step that made them; no table holds NaN.
    @Test func decimalOverflowOutsideExpressionsIsAnErrorAtTheStep() {
        // 9 × 10^99: one significant digit (a cell of more than 38 is refused as it is read).
        let big = "9" + String(repeating: "0", count: 99)
        let recipe = """
            reportgen: 1
            title: T
            sources: {d: {type: csv, path: d.csv}}
            extractors:
              totals: {type: aggregate, input: d, measures: {total: sum(x)}}
            outputs: []

            """
        let result = outcome(recipe, files: ["d.csv": "x\n\(big)\n\(big)\n"])
        #expect(result.hasPrefix("recipe.yaml:5:3: error: 'totals': column 'total' of row 1 is out of range"), "\(result)")
        #expect(outcome(recipe, files: ["d.csv": "x\n\(big)\n-\(big)\n"]) == "ran: totals=[\"0\"]")
    }
}

extension RecipeRobustnessTests {
    /// A JSON string of 70 MiB: stopped at 64 MiB, at its place.
    @Test func aJSONStringPastTheLimitIsAnError() throws {
        let json = Array("[{\"a\": \"".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 70 << 20) + Array("\"}]".utf8)
        let folder = try PluginHarness.folder(["d.json": json])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = PluginHarness.describe {
            let options = try PluginHarness.options("{path: d.json}", kind: .source, type: "json", specs: JSONSource.options, directory: folder)
            _ = try JSONSource(options: options).load(context: PluginHarness.context(folder))
        }
        #expect(result.hasPrefix("d.json:1:") && result.contains("a string longer than 64 MiB, the most a value may be"), "\(result.prefix(200))")
    }
}
