import Foundation
import Testing
@testable import ReportKit

/// Outputs appear together or not at all: a failed rename undoes the others and names the
/// output; a run that died is undone by the next; runs on one folder take turns.
@Suite struct OutputRobustnessTests {
    func files(in folder: URL) -> [String] {
        ((FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String]) ?? []).sorted()
    }

    func text(_ url: URL) -> String? {
        (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) }
    }

    static let place = SourceLocation(file: "recipe.yaml", line: 9, column: 22)

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reportgen-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The second output's place holds a folder: the error names that output, and the first
    /// output, already renamed into place, is put back as it was.
    @Test func aFailedRenameUndoesTheOthersAndNamesTheOutput() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        try Data("old a".utf8).write(to: out.appendingPathComponent("a.txt"))
        try FileManager.default.createDirectory(at: out.appendingPathComponent("b.txt/inside"), withIntermediateDirectories: true)
        let outputs = [
            OutputWriter.File(path: "a.txt", bytes: Array("new a".utf8), location: SourceLocation(file: "recipe.yaml", line: 8, column: 22)),
            OutputWriter.File(path: "c.txt", bytes: Array("new c".utf8), location: SourceLocation(file: "recipe.yaml", line: 9, column: 22)),
            OutputWriter.File(path: "b.txt", bytes: Array("new b".utf8), location: SourceLocation(file: "recipe.yaml", line: 10, column: 22)),
        ]
        do {
            _ = try OutputWriter(directory: out).write(outputs, protecting: [])
            Issue.record("expected an error")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.description == "recipe.yaml:10:22: error: cannot write 'b.txt' (a folder is in the way); no output was written, the earlier ones are as they were")
        }
        #expect(text(out.appendingPathComponent("a.txt")) == "old a")
        #expect(files(in: out) == ["a.txt", "b.txt", "b.txt/inside"])
    }

    /// What `kill -9` between two renames leaves: a.txt replaced (its old file aside), b.txt
    /// new and not yet moved, c.txt new and moved. The next write undoes it first.
    @Test func aRunThatDiedIsUndoneByTheNext() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let staging = out.appendingPathComponent(".reportgen-run-99999-dead")
        for (path, text) in ["files/b.txt": "dead b", "previous/a.txt": "old a", "journal": "1\ta.txt\n0\tc.txt\n1\tb.txt\n"] {
            let url = staging.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        for (path, text) in ["a.txt": "dead a", "b.txt": "old b", "c.txt": "dead c"] {
            try Data(text.utf8).write(to: out.appendingPathComponent(path))
        }
        OutputStaging.recover(in: out)
        #expect(text(out.appendingPathComponent("a.txt")) == "old a")
        #expect(text(out.appendingPathComponent("b.txt")) == "old b")
        #expect(files(in: out) == ["a.txt", "b.txt"])
        // A finished run's folder (committed) is only removed; a stale temporary file of an
        // earlier version's dead run is removed beside the outputs.
        try FileManager.default.createDirectory(at: out.appendingPathComponent(".reportgen-run-99998-done"), withIntermediateDirectories: true)
        try Data().write(to: out.appendingPathComponent(".reportgen-run-99998-done/committed"))
        try Data("x".utf8).write(to: out.appendingPathComponent(".a.txt.reportgen-2147483646.tmp"))
        _ = try OutputWriter(directory: out).write([OutputWriter.File(path: "a.txt", bytes: Array("new a".utf8), location: Self.place)],
                                                    protecting: [])
        #expect(files(in: out) == ["a.txt", "b.txt"])
        #expect(text(out.appendingPathComponent("a.txt")) == "new a")
    }

    @Test func reservedNamesAreRefused() {
        #expect(OutputPath.problem(with: ".reportgen-run-1/x.txt") != nil)
        #expect(OutputPath.problem(with: "./.reportgen.lock") != nil)
        #expect(OutputPath.problem(with: "reportgen.txt") == nil)
    }
}
