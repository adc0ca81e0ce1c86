import Foundation
import ReportKit

/// Runs a recipe in a test and hands back its tables, so that a plugin's author checks a
/// plugin in a few lines:
///
///     let run = try RecipeRun("""
///         reportgen: 1
///         title: T
///         sources: {sales: {type: inline, rows: [{region: North, revenue: 30}, {region: South, revenue: 10}]}}
///         extractors: {shares: {type: share, input: sales, value: revenue}}
///         outputs: []
///         """, plugins: [InlinePlugins.self, SharePlugins.self])
///     #expect(run.values("share", of: "shares") == [.decimal(75), .decimal(25)])
///
/// The recipe and `files` are written to a fresh folder (removed afterwards); nothing is
/// written to outputs. Errors are thrown as the command line would report them.
public struct RecipeRun {
    public let report: Report

    /// `paramOverrides` and `period` are `--set name=value` and `--period`.
    public init(_ recipe: String, files: [String: String] = [:], plugins: [any PluginModule.Type],
                environment: [String: String] = [:], paramOverrides: [(String, String)] = [], period: String? = nil) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reportgen-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("recipe.yaml")
        try recipe.write(to: file, atomically: true, encoding: .utf8)
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let loaded = try RecipeLoader(registry: PluginRegistry(modules: plugins), environment: environment,
                                      paramOverrides: paramOverrides.map { (name: $0.0, value: $0.1) }, periodOverride: period)
            .load(file: file, displayPath: "recipe.yaml")
        report = try Runner(workingDirectory: folder).makeReport(loaded)
    }

    /// The warnings of the run, sorted by position.
    public var warnings: [Diagnostic] { report.warnings }

    /// The table of a source or extractor.
    public func table(_ id: String) -> Table? { report.table(id) }

    /// One column's values, top to bottom; empty when there is no such table or column.
    public func values(_ column: String, of id: String) -> [Value] {
        guard let table = report.table(id), let index = table.columnIndex(named: column) else { return [] }
        return table.rows.map { $0[index] }
    }
}
