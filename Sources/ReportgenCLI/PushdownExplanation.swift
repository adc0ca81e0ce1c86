import ReportKit

/// What `reportgen validate --explain` prints: for each extractor that reads a database-backed
/// source, what the database computes, what reportgen does with what comes back, and the
/// statement with the values bound to it.
enum PushdownExplanation {
    static func text(_ notes: [PushdownNote], pushdownIsOn: Bool) -> String {
        guard pushdownIsOn else { return "explain: push-down is off (--no-pushdown): every row of a database-backed source is read" }
        guard !notes.isEmpty else { return "explain: no extractor reads a database-backed source; everything is computed in reportgen" }
        return notes.map { note in
            var lines = ["explain: extractor '\(note.extractor)' reads source '\(note.source)'"]
            if !note.pushed.isEmpty { lines.append("  in the database: " + note.pushed.joined(separator: "; ")) }
            if !note.local.isEmpty { lines.append("  in reportgen: " + note.local.joined(separator: "; ")) }
            if let statement = note.statement { lines.append("  SQL: " + statement) }
            if !note.parameters.isEmpty {
                lines.append("  with " + note.parameters.enumerated().map { "$\($0.offset + 1) = " + ($0.element.map { "'\($0)'" } ?? "NULL") }
                    .joined(separator: ", "))
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
