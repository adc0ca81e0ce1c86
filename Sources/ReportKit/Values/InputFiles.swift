import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finds the files a source's `path` names: one file, or a glob (`data/*.csv`) whose matches
/// come in byte order of their paths, so runs are repeatable.
public enum InputFiles {
    public static func resolve(_ options: PluginOptions, option name: String = "path") throws -> [URL] {
        guard let pattern = options.string(name) else { return [] }
        let base = options.recipeDirectory
        let absolute = pattern.hasPrefix("/") ? pattern : base.appendingPathComponent(pattern).path
        let matches = glob(absolute).filter { !isDirectory($0) }
        if matches.isEmpty {
            throw options.error(missingMessage(pattern, absolute: absolute, base: base), at: name)
        }
        return matches.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { URL(fileURLWithPath: $0) }
    }

    /// The one file `path` names, for sources that read a single file (a database, a workbook).
    public static func resolveOne(_ options: PluginOptions, reading what: String) throws -> URL {
        let files = try resolve(options)
        guard files.count == 1 else {
            throw options.error("'\(options.string("path") ?? "")' matches \(files.count) files; \(options.type) reads one \(what)", at: "path")
        }
        return files[0]
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

    private static func isDirectory(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }

    private static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }
    }
}
