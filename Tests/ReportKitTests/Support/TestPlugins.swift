import Foundation
@testable import ReportKit

/// Small plugins for testing the core without the real ones.
struct NumbersSource: Source {
    static let type = "numbers"
    static let summary = "the integers 1 through count"
    static let options = [
        OptionSpec("count", .integer, required: true, doc: "how many"),
        OptionSpec("label", .string, doc: "a label"),
        OptionSpec("flag", .boolean, default: .bool(false), doc: "a flag"),
    ]
    let count: Int
    init(options: PluginOptions) throws {
        count = options.int("count") ?? 0
        if count < 0 { throw options.error("count must not be negative", at: "count") }
    }
    func load(context: RunContext) throws -> Table {
        Table(columns: [Column("n", .int)], rows: (0..<count).map { [.int($0 + 1)] })
    }
}

struct PassExtractor: Extractor {
    static let type = "pass"
    static let summary = "its input, unchanged"
    static let options = [
        OptionSpec("input", .reference, required: true, doc: "the table"),
        OptionSpec("also", .list(.reference), doc: "more tables it waits for"),
        OptionSpec("mode", .choice(["fast", "slow"]), doc: "a choice"),
    ]
    let input: String
    init(options: PluginOptions) throws { input = options.string("input") ?? "" }
    func extract(inputs: [String: Table], context: RunContext) throws -> Table { inputs[input]! }
}

struct DumpOutput: Output {
    static let type = "dump"
    static let summary = "every table as plain text"
    static let options = [OptionSpec("table", .reference, doc: "one table only")]
    let table: String?
    init(options: PluginOptions) throws { table = options.string("table") }
    func render(_ report: Report) throws -> [UInt8] {
        let tables = report.tables.filter { table == nil || $0.id == table }
        let text = tables.map { named in
            named.id + ":" + named.table.rows.map { $0.map(\.plainText).joined(separator: ",") }.joined(separator: ";")
        }.joined(separator: "\n")
        return Array((text + "\n").utf8)
    }
}

struct FailingOutput: Output {
    static let type = "failing"
    static let summary = "always fails to render"
    static let options: [OptionSpec] = []
    let location: SourceLocation
    init(options: PluginOptions) throws { location = options.location }
    func render(_ report: Report) throws -> [UInt8] { throw Diagnostic("cannot render", at: location) }
}

enum TestModule: PluginModule {
    static let plugins: [any Plugin.Type] = [NumbersSource.self, PassExtractor.self, DumpOutput.self, FailingOutput.self]
}

/// A folder with a recipe and its files, removed when the test ends.
struct RecipeFolder {
    let url: URL

    init(_ recipe: String, files: [String: String] = [:]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("reportgen-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try recipe.write(to: url.appendingPathComponent("recipe.yaml"), atomically: true, encoding: .utf8)
        for (path, text) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
    }

    var recipeFile: URL { url.appendingPathComponent("recipe.yaml") }

    func load(environment: [String: String] = [:], overrides: [(name: String, value: String)] = []) throws -> Recipe {
        let loader = RecipeLoader(registry: PluginRegistry(modules: [TestModule.self]), environment: environment,
                                  paramOverrides: overrides)
        return try loader.load(file: recipeFile, displayPath: "recipe.yaml")
    }

    /// The diagnostics loading gives, as `line:column: message`, in order.
    func errors(environment: [String: String] = [:], overrides: [(name: String, value: String)] = []) -> [String] {
        do {
            _ = try load(environment: environment, overrides: overrides)
            return []
        } catch let diagnostics as Diagnostics {
            return diagnostics.sorted.map { (($0.location.map { "\($0.line):\($0.column): " }) ?? "") + $0.message }
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// A source that can only stream: loading it whole is an error, so a test passes only when the
/// runner streams it.
struct StreamOnlySource: StreamingSource {
    static let type = "stream_only"
    static let summary = "rows 1 through count, by streaming only"
    static let options = [OptionSpec("count", .integer, required: true, doc: "how many")]
    let count: Int
    init(options: PluginOptions) throws { count = options.int("count") ?? 0 }
    func stream(context: RunContext) throws -> RowStream {
        RowStream(columns: [Column("n", .int)]) { _, body in
            for n in 1...count { try body([.int(n)]) }
        }
    }
    func load(context: RunContext) throws -> Table { throw Diagnostic("loaded whole", at: nil) }
}

/// A streaming extractor for core tests: the sum of column `n`.
struct SumExtractor: StreamingExtractor {
    static let type = "sum"
    static let summary = "the sum of n"
    static let options = [OptionSpec("input", .reference, required: true, doc: "the table")]
    let streamedInput: String
    init(options: PluginOptions) throws { streamedInput = options.string("input") ?? "" }
    func makeConsumer(columns: [Column], context: RunContext) throws -> any RowConsumer { Consumer() }

    struct Consumer: RowConsumer {
        var total = 0
        mutating func consume(_ row: Row) throws { if case .int(let n) = row[0] { total += n } }
        mutating func finish() throws -> Table { Table(columns: [Column("total", .int)], rows: [[.int(total)]]) }
    }
}

enum StreamingTestModule: PluginModule {
    static let plugins: [any Plugin.Type] = [StreamOnlySource.self, SumExtractor.self, PassExtractor.self, DumpOutput.self]
}
