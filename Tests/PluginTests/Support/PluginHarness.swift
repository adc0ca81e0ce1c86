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

    /// A plugin's options as a test writes them (`specs` is kept for older call sites; the
    /// plugin's own declaration is what validates them).
    static func options(_ yaml: String, kind: PluginKind, type: String, specs: [OptionSpec] = [], directory: URL,
                        locale: ReportLocale = .englishUS, params: [String: Value] = [:]) throws -> HarnessOptions {
        let node = try YAMLLoader().load(yaml, file: "recipe.yaml")[0]
        return HarnessOptions(node: node, setup: PluginSetup(kind: kind, id: kind == .output ? nil : "t", type: type, location: node.location,
                                                             recipeDirectory: directory, locale: locale, params: params))
    }

    /// The specs of a source's `columns` option written as `yaml`.
    static func columnSpecs(_ yaml: String, locale: ReportLocale = .englishUS) throws -> [(name: String, spec: ColumnSpec)] {
        let node = try YAMLLoader().load(yaml, file: "recipe.yaml")[0]
        let setup = PluginSetup(kind: .source, id: "t", type: "csv", location: node.location, recipeDirectory: repositoryRoot, locale: locale)
        return try ColumnDeclarations(option: node, at: OptionSite(key: "columns", location: node.location, isWritten: true, setup: setup))
            .specs(locale: locale)
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
    /// The error `body` throws, as it prints (every diagnostic), or "no error".
    static func errorText(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

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

/// A plugin's YAML options and where they are read, for ``Plugin/init(options:)``.
struct HarnessOptions {
    var node: YAMLNode
    var setup: PluginSetup
}

extension Plugin {
    /// The plugin as a recipe would configure it from `options`: validated against its
    /// declaration and read into its typed options (the core's own keys not required).
    init(options: HarnessOptions) throws {
        self = try Self.configure(options.node, setup: options.setup, requiringCoreKeys: false).plugin
    }
}
