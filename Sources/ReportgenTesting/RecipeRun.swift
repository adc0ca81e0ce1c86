import Foundation
import ReportKit

/// Runs a recipe in a test and hands back what the command line would make of it: every
/// table, every output rendered (bytes and text) and the warnings, so that a plugin of any
/// kind is checked in a few lines:
///
///     let run = try RecipeRun("""
///         reportgen: 1
///         title: T
///         sources: {sales: {type: inline, rows: [{region: North, revenue: 30}, {region: South, revenue: 10}]}}
///         extractors: {shares: {type: share, input: sales, value: revenue}}
///         outputs: [{type: csv, table: shares, path: shares.csv}]
///         """, plugins: [InlinePlugins.self, SharePlugins.self, CSVPlugins.self])
///     #expect(run.values("share", of: "shares") == [.decimal(75), .decimal(25)])
///     #expect(run.text("shares.csv") == "region,revenue,share\r\nNorth,30,75\r\nSouth,10,25\r\n")
///
/// The recipe and `files` are written to a fresh folder (removed afterwards); the outputs are
/// rendered in memory, never written. A recipe with errors throws them as the command line
/// would report them; ``errors(_:files:plugins:)`` hands them back as text instead.
public struct RecipeRun {
    public let report: Report
    /// Every output of the recipe, rendered, in recipe order.
    public let outputs: [RenderedOutput]

    /// `files` are written as UTF-8 text, `data` as bytes (a workbook, a database), both
    /// relative to the recipe's folder. `paramOverrides` and `period` are `--set name=value`
    /// and `--period`; `environment` is what `${NAME}` in the recipe reads.
    public init(_ recipe: String, files: [String: String] = [:], data: [String: [UInt8]] = [:], plugins: [any PluginModule.Type],
                environment: [String: String] = [:], paramOverrides: [(String, String)] = [], period: String? = nil) throws {
        let folder = try Self.folder(recipe, files: files, data: data)
        defer { try? FileManager.default.removeItem(at: folder) }
        let loaded = try RecipeLoader(registry: PluginRegistry(modules: plugins), environment: environment,
                                      paramOverrides: paramOverrides.map { (name: $0.0, value: $0.1) }, periodOverride: period)
            .load(file: folder.appendingPathComponent("recipe.yaml"), displayPath: "recipe.yaml")
        let rendered = try Runner(workingDirectory: folder).render(loaded)
        report = rendered.report
        outputs = rendered.files.map { RenderedOutput(path: $0.path, bytes: $0.bytes) }
    }

    /// The errors the recipe gives, each as the command line prints its first line
    /// (`recipe.yaml:6:39: error: unknown column 'reveune'; did you mean 'revenue'?`), in the
    /// order of their places; empty when it runs.
    public static func errors(_ recipe: String, files: [String: String] = [:], data: [String: [UInt8]] = [:],
                              plugins: [any PluginModule.Type]) -> [String] {
        do {
            _ = try RecipeRun(recipe, files: files, data: data, plugins: plugins)
            return []
        } catch {
            var all = Diagnostics()
            all.append(error)
            return all.sorted.map(\.description)
        }
    }

    /// The warnings of the run, sorted by position.
    public var warnings: [Diagnostic] { report.warnings }

    /// The table of a source or extractor.
    public func table(_ id: String) -> Table? { report.table(id) }

    /// One column's values, top to bottom; empty when there is no such table or column.
    public func values(_ column: String, of id: String) -> [Value] {
        report.table(id)?.values(of: column) ?? []
    }

    /// The output written at `path` (as the recipe writes it).
    public func output(_ path: String) -> RenderedOutput? {
        outputs.first { $0.path == path }
    }

    /// The text of the output at `path`, when it is UTF-8 text.
    public func text(_ path: String) -> String? {
        output(path)?.text
    }

    private static func folder(_ recipe: String, files: [String: String], data: [String: [UInt8]]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reportgen-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let contents = [("recipe.yaml", Array(recipe.utf8))] + files.map { ($0.key, Array($0.value.utf8)) } + data.map { ($0.key, $0.value) }
        for (path, bytes) in contents {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return folder
    }
}

/// One output of a ``RecipeRun``, rendered in memory.
public struct RenderedOutput: Sendable {
    /// The path the recipe gives it, relative to the output folder.
    public let path: String
    public let bytes: [UInt8]

    /// The bytes as UTF-8 text (a leading byte order mark kept); `nil` for binary output.
    public var text: String? {
        String(validating: bytes, as: UTF8.self)
    }
}
