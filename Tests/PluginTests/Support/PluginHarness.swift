import Foundation
import ReportKit

/// Builds plugins from YAML options and runs them, for tests.
enum PluginHarness {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let sharedTestData = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/testdata")

    /// Whether tests of the shared data run: when it is there, and always under CI (`CI=true`),
    /// where its absence must fail them rather than skip them.
    static let runsSharedTests = FileManager.default.fileExists(atPath: sharedTestData.path)
        || ProcessInfo.processInfo.environment["CI"] == "true"

    static func options(_ yaml: String, kind: PluginKind, type: String, specs: [OptionSpec], directory: URL,
                        locale: ReportLocale = .englishUS) throws -> PluginOptions {
        let node = try YAMLLoader().load(yaml, file: "recipe.yaml")[0]
        return PluginOptions(kind: kind, id: kind == .output ? nil : "t", type: type, node: node, specs: specs,
                             location: node.location, recipeDirectory: directory, locale: locale)
    }

    static func context(_ directory: URL, locale: ReportLocale = .englishUS) -> RunContext {
        RunContext(recipeDirectory: directory, workingDirectory: directory, locale: locale)
    }

    static func report(_ tables: [NamedTable], locale: ReportLocale = .englishUS, title: String = "Report") -> Report {
        Report(title: title, subtitle: nil, locale: locale, period: nil, params: [], tables: tables,
               extractorIDs: [], layout: [])
    }

    /// A fresh folder holding `files`.
    static func folder(_ files: [String: [UInt8]]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reportgen-plugin-\(UUID().uuidString)")
        for (path, bytes) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: file)
        }
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// What a failing call reports, as `file:line:column: message` of its first diagnostic.
    static func describe(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            var all = Diagnostics()
            all.append(error)
            let first = all.sorted[0]
            return "\(first.location.map { "\($0.file):\($0.line):\($0.column)" } ?? "-"): \(first.message)"
        }
    }
}
