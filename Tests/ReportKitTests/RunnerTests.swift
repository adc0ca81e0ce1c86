import Foundation
import Testing
@testable import ReportKit

@Suite struct RunnerTests {
    static let recipe = """
        reportgen: 1
        title: T
        sources:
          nums: {type: numbers, count: 3}
        extractors:
          copy: {type: pass, input: nums}
        outputs:
          - {type: dump, path: all.txt}
          - {type: dump, table: copy, path: sub/copy.txt}
        """

    func files(in folder: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        return ((enumerator?.allObjects as? [String]) ?? []).sorted()
    }

    @Test func writesEveryOutputAndTheSameBytesTwice() throws {
        let folder = try RecipeFolder(Self.recipe)
        defer { folder.remove() }
        let out = folder.url.appendingPathComponent("out")
        let written = try Runner(workingDirectory: folder.url).run(try folder.load(), outputDirectory: out).files
        #expect(written.map(\.lastPathComponent) == ["all.txt", "copy.txt"])
        let first = try Data(contentsOf: out.appendingPathComponent("all.txt"))
        #expect(String(decoding: first, as: UTF8.self) == "nums:1;2;3\ncopy:1;2;3\n")
        _ = try Runner(workingDirectory: folder.url).run(try folder.load(), outputDirectory: out)
        #expect(try Data(contentsOf: out.appendingPathComponent("all.txt")) == first)
        #expect(files(in: out) == ["all.txt", "sub", "sub/copy.txt"])
        let only = folder.url.appendingPathComponent("only")
        #expect(try Runner(workingDirectory: folder.url).run(try folder.load(), outputDirectory: only, only: ["csv"]).files == [])
    }

    @Test func writesNothingWhenAnyOutputFails() throws {
        let folder = try RecipeFolder(Self.recipe + "\n  - {type: failing, path: z.txt}\n")
        defer { folder.remove() }
        let out = folder.url.appendingPathComponent("out")
        #expect(throws: Diagnostics.self) { _ = try Runner(workingDirectory: folder.url).run(try folder.load(), outputDirectory: out) }
        #expect(files(in: out) == [])
    }

    @Test func refusesToOverwriteAnInput() throws {
        let folder = try RecipeFolder(Self.recipe.replacingOccurrences(of: "all.txt", with: "recipe.yaml"))
        defer { folder.remove() }
        let before = try Data(contentsOf: folder.recipeFile)
        do {
            _ = try Runner(workingDirectory: folder.url).run(try folder.load(), outputDirectory: folder.url)
            Issue.record("expected an error")
        } catch let diagnostics as Diagnostics {
            #expect(diagnostics.all.map(\.message) == ["'recipe.yaml' would overwrite an input of this recipe; choose another --out folder or path"])
        }
        #expect(try Data(contentsOf: folder.recipeFile) == before)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("sub").path))
    }

    @Test func refusesSymbolicLinksOutOfTheOutputFolder() throws {
        let folder = try RecipeFolder(Self.recipe)
        defer { folder.remove() }
        let out = folder.url.appendingPathComponent("out")
        let outside = folder.url.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("sub"), withDestinationURL: outside)
        #expect(throws: Diagnostics.self) { _ = try Runner(workingDirectory: folder.url).run(try folder.load(), outputDirectory: out) }
        #expect(files(in: outside) == [])
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("all.txt").path))
    }

    @Test func schemaNamesEveryPluginAndItsOptions() throws {
        let text = RecipeSchema.make(PluginRegistry(modules: [TestModule.self])).text()
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(schema["required"] as? [String] == ["reportgen", "title", "sources", "outputs"])
        #expect(text.contains("\"const\": \"numbers\""))
        #expect(text.contains("\"count\""))
    }
}

@Suite struct StreamingRunnerTests {
    func run(_ recipe: String) throws -> String {
        let folder = try RecipeFolder(recipe)
        defer { folder.remove() }
        let loader = RecipeLoader(registry: PluginRegistry(modules: [StreamingTestModule.self]))
        let loaded = try loader.load(file: folder.recipeFile, displayPath: "recipe.yaml")
        let out = folder.url.appendingPathComponent("out")
        _ = try Runner(workingDirectory: folder.url).run(loaded, outputDirectory: out)
        return try String(contentsOf: out.appendingPathComponent("r.txt"), encoding: .utf8)
    }

    static let base = """
        reportgen: 1
        title: T
        sources: {rows: {type: stream_only, count: 100000}}
        extractors:
          a: {type: sum, input: rows}
          b: {type: sum, input: rows}

        """

    @Test func aSourceReadOnlyByStreamingExtractorsIsStreamedOnce() throws {
        #expect(try run(Self.base + "outputs: [{type: dump, path: r.txt, table: a}]") == "a:5000050000\n")
    }

    @Test func aSourceThatATemplateOrMetricNamesIsLoadedWhole() {
        #expect(throws: Diagnostic.self) { _ = try run(Self.base.replacingOccurrences(of: "title: T", with: "title: '{{rows.n}}'")
            + "outputs: [{type: dump, path: r.txt, table: a}]") }
        #expect(throws: Diagnostic.self) { _ = try run(Self.base + "layout: [{metrics: [{label: x, value: rows.n}]}]\noutputs: [{type: dump, path: r.txt, table: a}]") }
        #expect(throws: Diagnostic.self) { _ = try run(Self.base + "layout: [{text: 'x {{#rows}}{{n}}{{/rows}}'}]\noutputs: [{type: dump, path: r.txt, table: a}]") }
    }

    @Test func aSourceThatAnOutputShowsIsLoadedWhole() {
        #expect(throws: Diagnostic.self) { _ = try run(Self.base + "outputs: [{type: dump, path: r.txt, table: rows}]") }
        #expect(throws: Diagnostic.self) {
            _ = try run(Self.base + "  c: {type: pass, input: rows}\noutputs: [{type: dump, path: r.txt, table: a}]")
        }
    }
}
