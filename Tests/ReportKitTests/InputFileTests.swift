import Foundation
import Testing
@testable import ReportKit

/// The shortcuts of input-file bookkeeping give what the Foundation calls they replace gave.
@Suite struct InputFileTests {
    @Test func standardPathsAreFoundations() {
        let base = URL(fileURLWithPath: "/srv/recipes/tay-ho", isDirectory: true)
        let urls = ["/a/b/c.txt", "/a//b.txt", "/a/./b.txt", "/a/../b.txt", "/a/b/", "/", "/a/.hidden/x.txt", "/a/.../b.txt",
                    "/a/b/..", "/a/b/.", "/a/..b/c.", "/Phường Bưởi/báo cáo.txt"].map { URL(fileURLWithPath: $0) }
            + ["data/*.txt", "../shared/x.csv", "./a.txt", "a//b.txt"].map { URL(fileURLWithPath: $0, relativeTo: base) }
        for url in urls {
            #expect(DisplayPath.standardPath(of: url) == url.standardizedFileURL.path, "\(url)")
        }
    }

    @Test func resolvedInputsAreFoundations() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("inputs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for name in ["a.txt", "b.txt"] { try Data("x".utf8).write(to: data.appendingPathComponent(name)) }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("linked").path, withDestinationPath: "data")
        try FileManager.default.createSymbolicLink(atPath: data.appendingPathComponent("c.txt").path, withDestinationPath: "a.txt")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("abs.txt").path, withDestinationPath: data.appendingPathComponent("b.txt").path)
        let inputs = ["data/a.txt", "linked/a.txt", "linked/b.txt", "linked/c.txt", "data/c.txt", "abs.txt", "linked/gone.txt", "data/../linked/a.txt"]
            .map { folder.appendingPathComponent($0) }
        for input in inputs {
            #expect(OutputWriter.resolvedPaths(of: [input]) == [input.standardizedFileURL.resolvingSymlinksInPath().path], "\(input.path)")
        }
        #expect(OutputWriter.resolvedPaths(of: inputs) == Set(inputs.map { $0.standardizedFileURL.resolvingSymlinksInPath().path }))
    }

    /// A loaded recipe's glob is matched once: what validation saw is what is read, lineaged and protected.
    @Test func aGlobIsMatchedOncePerCache() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("glob-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: folder.appendingPathComponent("b.txt"))
        let place = SourceLocation(file: "recipe.yaml", line: 1, column: 1)
        let cache = InputFileCache()
        let first = try cache.files("*.txt", in: folder, at: place)
        try Data("x".utf8).write(to: folder.appendingPathComponent("a.txt"))
        #expect(try cache.files("*.txt", in: folder, at: place) == first)
        #expect(try InputFileCache().files("*.txt", in: folder, at: place).map(\.lastPathComponent) == ["a.txt", "b.txt"])
        #expect(first == [URL(fileURLWithPath: folder.appendingPathComponent("b.txt").path)])
        #expect(throws: Diagnostic.self) { try cache.files("*.csv", in: folder, at: place) }
    }
}
