import Foundation

/// Output paths: relative to the output folder, and never leaving it.
public enum OutputPath {
    /// Replaced in a path by the period's code (``PeriodSpec/code``): `tong-ket-{{period}}.html`.
    public static let periodPlaceholder = "{{period}}"

    /// Why `path` may not be used as an output path, or `nil` when it may.
    public static func problem(with path: String) -> String? {
        if path.isEmpty { return "the path is empty" }
        if path.hasPrefix("/") || path.hasPrefix("~") || path.contains("\\") || path.contains("\0") {
            return "'\(path)' must be a relative path inside the output folder"
        }
        var depth = 0
        for component in path.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": depth -= 1
            default: depth += 1
            }
            if depth < 0 { return "'\(path)' leaves the output folder" }
        }
        if depth == 0 || path.hasSuffix("/") { return "'\(path)' names a folder, not a file" }
        if path.split(separator: "/").first(where: { $0 != "." })?.hasPrefix(".reportgen") == true {
            return "'\(path)' is a name reportgen keeps for its own files in the output folder"
        }
        return nil
    }

    /// The file `path` names inside `directory`, once every symbolic link is resolved; `nil`
    /// when the resolved file would lie outside the folder.
    public static func resolve(_ path: String, in directory: URL) -> URL? {
        let root = directory.standardizedFileURL.resolvingSymlinksInPath()
        let target = root.appendingPathComponent(path).standardizedFileURL
        let parent = target.deletingLastPathComponent().resolvingSymlinksInPath()
        let resolved = parent.appendingPathComponent(target.lastPathComponent)
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        guard resolved.path.hasPrefix(rootPath) else { return nil }
        if let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: resolved.path) {
            let linked = URL(fileURLWithPath: destination, relativeTo: parent).standardizedFileURL.resolvingSymlinksInPath()
            guard linked.path.hasPrefix(rootPath) else { return nil }
        }
        return resolved
    }
}
