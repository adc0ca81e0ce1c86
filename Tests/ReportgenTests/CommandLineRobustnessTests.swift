import Foundation
import Testing

/// The command's promises about writing, tried as a user would.
@Suite struct CommandLineRobustnessTests {
    static let recipe = """
        reportgen: 1
        title: "Run {{params.tag}}"
        params: {tag: none}
        sources: {d: {type: inline, rows: [{n: 1}]}}
        outputs:
          - {type: text, path: a.txt}
          - {type: markdown, path: b.md}
          - {type: json, path: c.json}

        """

    /// Two runs into one folder at once: each run's three files appear together, so the
    /// folder ends with one run's set, never a mix (before the lock, 2 of 100 trials mixed).
    @Test func runsIntoOneFolderTakeTurns() throws {
        let folder = try CommandLineRunner.folder(["recipe.yaml": Self.recipe])
        defer { try? FileManager.default.removeItem(at: folder) }
        for trial in 0..<30 {
            let runs = ["A", "B"].map { tag in
                let process = Process()
                process.executableURL = CommandLineRunner.executable
                process.arguments = ["run", "recipe.yaml", "--out", "out", "--set", "tag=\(tag)\(trial)", "--quiet"]
                process.currentDirectoryURL = folder
                return process
            }
            for run in runs { try run.run() }
            for run in runs { run.waitUntilExit() }
            #expect(runs.allSatisfy { $0.terminationStatus == 0 })
            let tags = try ["a.txt", "b.md", "c.json"].map { name -> String in
                let text = try String(contentsOf: folder.appendingPathComponent("out/\(name)"), encoding: .utf8)
                return text.contains("Run A\(trial)") ? "A" : text.contains("Run B\(trial)") ? "B" : "?"
            }
            #expect(Set(tags).count == 1 && !tags.contains("?"), "trial \(trial): \(tags)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path).sorted() == ["a.txt", "b.md", "c.json"])
        }
    }

    /// Every file a recipe reads is protected, not only sources: the HTML page template too.
    @Test func theHTMLTemplateCannotBeOverwritten() throws {
        let folder = try CommandLineRunner.folder([
            "recipe.yaml": Self.recipe + "  - {type: html, path: page.mustache, template: page.mustache}\n",
            "page.mustache": "<html>{{{body}}}</html>",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandLineRunner.run(["run", "recipe.yaml", "--out", "."], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("recipe.yaml:9:24: error: 'page.mustache' would overwrite an input of this recipe"), "\(result.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("page.mustache"), encoding: .utf8) == "<html>{{{body}}}</html>")
    }

    @Test func anEmptyOutputFolderIsAUsageError() throws {
        let folder = try CommandLineRunner.folder(["recipe.yaml": Self.recipe])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandLineRunner.run(["run", "recipe.yaml", "--out", ""], in: folder)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--out needs a folder name"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["recipe.yaml"])
    }
}
