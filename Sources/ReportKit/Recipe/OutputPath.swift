import Foundation

/// Output paths: relative to the output folder, and never leaving it.
public enum OutputPath {
    /// Replaced in a path by the period's code (``PeriodSpec/code``): `tong-ket-{{period}}.html`.
    public static let periodPlaceholder = "{{period}}"

    /// `path` with `{{period}}` and each `{{params.NAME}}` replaced by the period's code and
    /// the param's value (`tong-ket-{{params.ward}}.html`, one file per unit of a burst); an
    /// error message when one has no value, or a value that cannot be part of a path.
    public static func expand(_ path: String, period: PeriodSpec?, params: [String: Value]) -> Result<String, PlaceholderProblem> {
        var result = path
        if result.contains(periodPlaceholder) {
            guard let period else { return .failure(PlaceholderProblem(message: "the path names {{period}}, but the recipe has no period")) }
            result = result.replacingOccurrences(of: periodPlaceholder, with: period.code)
        }
        while let start = result.range(of: "{{params."), let end = result[start.upperBound...].range(of: "}}") {
            let name = String(result[start.upperBound..<end.lowerBound])
            guard let value = params[name] else {
                return .failure(PlaceholderProblem(message: "the path names {{params.\(name)}}, but the recipe has no param '\(name)'"
                                                   + Suggestion.hint(for: name, in: params.keys.sorted())))
            }
            let text = value.plainText
            if text.isEmpty || text == "." || text == ".." || text.contains("/") || text.contains("\\") || text.contains("\0") {
                return .failure(PlaceholderProblem(message: "the path names {{params.\(name)}}, whose value '\(text)' cannot name a file"
                                                   + " (it is empty, '.', '..' or holds a slash)"))
            }
            result.replaceSubrange(start.lowerBound..<end.upperBound, with: text)
        }
        return .success(result)
    }

    public struct PlaceholderProblem: Error {
        public var message: String
    }

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
