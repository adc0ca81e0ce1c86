/// Turns diagnostics into the text a terminal shows, like the Swift compiler:
///
///     recipe.yaml:12:5: error: unknown key 'pahth' in csv source 'admissions'; did you mean 'path'?
///       path: data.csv
///       ^
public struct DiagnosticRenderer {
    /// Returns a file's text for the excerpt; `nil` leaves the excerpt out.
    private let readFile: (String) -> String?
    private var lineCache: [String: [Substring]] = [:]

    public init(readFile: @escaping (String) -> String?) {
        self.readFile = readFile
    }

    public mutating func render(_ diagnostic: Diagnostic) -> String {
        var text = diagnostic.description + "\n" + excerpt(at: diagnostic.location)
        for note in diagnostic.notes {
            let place = note.location.map { "\($0): " } ?? ""
            text += "\(place)note: \(note.message)\n" + excerpt(at: note.location)
        }
        return text
    }

    private mutating func excerpt(at location: SourceLocation?) -> String {
        guard let location, let lines = lines(of: location.file),
              location.line >= 1, location.line <= lines.count
        else { return "" }
        let line = lines[location.line - 1]
        guard line.count < 400 else { return "" }
        // Tabs are kept so that the caret line indents like the source line.
        let prefix = line.prefix(max(0, location.column - 1))
        let padding = prefix.map { $0 == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.of($0)) }
        return "  \(line)\n  \(padding.joined())^\n"
    }

    private mutating func lines(of file: String) -> [Substring]? {
        if let cached = lineCache[file] { return cached }
        guard let text = readFile(file) else { return nil }
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        lineCache[file] = lines
        return lines
    }
}
