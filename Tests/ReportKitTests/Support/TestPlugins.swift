import Foundation
@testable import ReportKit

/// Small plugins for testing the core without the real ones.
struct NumbersSource: Source {
    static let type = "numbers"
    static let summary = "the integers 1 through count"
    struct Options: PluginOptions {
        @Option(doc: "how many") var count: Int
        @Option(doc: "a label") var label: String?
        @Option(doc: "a flag") var flag = false
    }
    let count: Int
    init(options: Options, setup: PluginSetup) throws {
        count = options.count
        if count < 0 { throw options.$count.mustBe("at least 0", not: String(count)) }
    }
    func load(context: RunContext) throws -> Table {
        Table(columns: [Column("n", .int)], rows: (0..<count).map { [.int($0 + 1)] })
    }
}

struct PassExtractor: Extractor {
    static let type = "pass"
    static let summary = "its input, unchanged"
    struct Options: PluginOptions {
        @Option(doc: "the table") var input: TableReference
        @Option(doc: "more tables it waits for") var also: [TableReference] = []
        @Option(doc: "a choice") var mode: Mode?
    }
    enum Mode: String, OptionChoice { case fast, slow }
    let input: String
    init(options: Options, setup: PluginSetup) throws { input = options.input.id }
    func extract(inputs: [String: Table], context: RunContext) throws -> Table { inputs[input]! }
}

struct DumpOutput: Output {
    static let type = "dump"
    static let summary = "every table as plain text"
    struct Options: PluginOptions {
        @Option(doc: "one table only") var table: TableReference?
    }
    let table: String?
    init(options: Options, setup: PluginSetup) throws { table = options.table?.id }
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
    struct Options: PluginOptions {}
    let location: SourceLocation
    init(options: Options, setup: PluginSetup) throws { location = setup.location }
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
    struct Options: PluginOptions {
        @Option(doc: "how many") var count: Int
    }
    let count: Int
    init(options: Options, setup: PluginSetup) throws { count = options.count }
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
    struct Options: PluginOptions {
        @Option(doc: "the table") var input: TableReference
    }
    let streamedInput: String
    init(options: Options, setup: PluginSetup) throws { streamedInput = options.input.id }
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
