import Foundation
import ReportKit
import Testing

/// `reportgen schema` checked by a real JSON Schema validator (Python's `jsonschema`, draft
/// 2020-12), as an editor with yaml-language-server checks a recipe: every shipped recipe and
/// the format's own example must pass, a misspelt key must not. Skips with a note when
/// python3 or jsonschema is missing, or the shared spec is absent; fails then when CI=true.
@Suite struct SchemaTests {
    static let checker = CommandLineRunner.repositoryRoot.appendingPathComponent("Tests/ReportgenTests/Readers/check_schema.py")
    static let spec = CommandLineRunner.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/spec/recipe-format.md")

    static let validatorAvailable: Bool = CommandLineRunner.pythonImports("jsonschema")

    static func skip(_ note: String) {
        if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record(Comment(rawValue: note)) } else { print("note: \(note)") }
    }

    @Test func everyShippedRecipeAndTheFormatsExampleMatchTheSchema() throws {
        guard Self.validatorAvailable else { return Self.skip("python3 with jsonschema is not installed: the schema was not checked") }
        let root = CommandLineRunner.repositoryRoot
        var recipes: [(String, String)] = []
        for folder in try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("recipes").path).sorted() {
            let folderURL = root.appendingPathComponent("recipes/\(folder)")
            for file in (try? FileManager.default.contentsOfDirectory(atPath: folderURL.path).sorted()) ?? [] where file.hasSuffix(".yaml") {
                recipes.append(("recipes/\(folder)/\(file)", try String(contentsOf: folderURL.appendingPathComponent(file), encoding: .utf8)))
            }
        }
        #expect(recipes.count >= 7)
        if let spec = try? String(contentsOf: Self.spec, encoding: .utf8) {
            let example = try #require(Self.firstYAMLBlock(in: spec), "the spec shows a whole recipe")
            recipes.append(("recipe-format.md", example))
        } else {
            Self.skip("../shared/spec/recipe-format.md is absent: its example was not checked against the schema")
        }
        let result = try Self.check(recipes)
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func aMisspeltKeyIsCaughtAsAnEditorWould() throws {
        guard Self.validatorAvailable else { return Self.skip("python3 with jsonschema is not installed: the schema was not checked") }
        let result = try Self.check([("misspelt.yaml", """
            reportgen: 1
            title: Sales
            sources:
              sales: {type: csv, pahth: data/sales.csv}
            outputs: [{type: text, path: r.txt, widht: 100}, {type: csv, table: sales, path: s.csv}]
            """)])
        #expect(result.status == 1)
        #expect(result.output.contains("'pahth' was unexpected"), "\(result.output)")
        #expect(result.output.contains("'widht' was unexpected"), "\(result.output)")
    }

    /// Writes the schema and each recipe as JSON (read by reportgen's own YAML 1.2 loader, so
    /// that `on:` stays a key and `yes` a string) and runs the validator on them.
    static func check(_ recipes: [(name: String, text: String)]) throws -> (status: Int32, output: String) {
        let folder = try CommandLineRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let schema = try CommandLineRunner.run(["schema"])
        #expect(schema.status == 0)
        try schema.stdout.write(to: folder.appendingPathComponent("schema.json"), atomically: true, encoding: .utf8)
        var paths: [String] = []
        for (index, recipe) in recipes.enumerated() {
            let node = try YAMLLoader().load(recipe.text, file: recipe.name)[0]
            let name = "\(index)-" + recipe.name.replacingOccurrences(of: "/", with: "_") + ".json"
            try json(node).text().write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            paths.append(name)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", checker.path, "schema.json"] + paths
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, printed)
    }

    /// A YAML value as JSON, typed as reportgen reads it (YAML 1.2 core schema).
    static func json(_ node: YAMLNode) -> JSONValue {
        switch node.content {
        case .sequence(let items): return .array(items.map(json))
        case .mapping(let pairs): return .object(pairs.map { ($0.key.scalarText ?? "", json($0.value)) })
        case .scalar(let text, _):
            switch node.resolved {
            case .null: return .null
            case .bool(let flag): return .bool(flag)
            case .int(let value): return .int(value)
            case .float(let written): return Double(written)?.isFinite == true ? .number(written) : .string(text)
            default: return .string(text)
            }
        }
    }

    static func firstYAMLBlock(in markdown: String) -> String? {
        guard let start = markdown.range(of: "```yaml\n"), let end = markdown.range(of: "\n```", range: start.upperBound..<markdown.endIndex) else {
            return nil
        }
        return String(markdown[start.upperBound..<end.lowerBound])
    }
}
