import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finds the files a source's `path` (an ``InputPath``) names: one file, or a glob (`data/*.csv`) whose matches
/// come in byte order of their paths, so runs are repeatable.
public enum InputFiles {
    /// The files `pattern` names, relative to `base`; none is an error at `location`.
    public static func resolve(_ pattern: String, in base: URL, at location: SourceLocation) throws -> [URL] {
        let absolute = pattern.hasPrefix("/") ? pattern : base.appendingPathComponent(pattern).path
        let matches = glob(absolute).filter { !isDirectory($0) }
        if matches.isEmpty {
            throw Diagnostic(missingMessage(pattern, absolute: absolute, base: base), at: location)
        }
        // Known not to be folders: a URL told so does not stat the file again to find out.
        return matches.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { URL(fileURLWithPath: $0, isDirectory: false) }
    }

    private static func missingMessage(_ pattern: String, absolute: String, base: URL) -> String {
        let isGlob = pattern.contains { "*?[".contains($0) }
        var message = isGlob ? "no file matches '\(pattern)'" : "the file '\(pattern)' does not exist"
        message += " (paths are relative to the recipe's folder, \(base.path))"
        let folder = URL(fileURLWithPath: absolute).deletingLastPathComponent()
        let name = URL(fileURLWithPath: absolute).lastPathComponent
        if !isGlob, let siblings = try? FileManager.default.contentsOfDirectory(atPath: folder.path),
           let match = Suggestion.closest(to: name, in: siblings.sorted()) {
            let folderPart = pattern.contains("/") ? String(pattern[...pattern.lastIndex(of: "/")!]) : ""
            message += "; did you mean '\(folderPart)\(match)'?"
        }
        return message
    }

    /// Whether `path` is a folder, or a link to one.
    private static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    private static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }
    }
}
