import ReportKit

/// The sources-and-method section as HTML: a heading, then an entry per table, each with an
/// anchor (`method-<id>`) that the table's figures link to.
enum HTMLMethod {
    static func anchor(_ id: String) -> String { "method-" + id }

    static func markup(_ method: DocumentMethod) -> String {
        let entries = method.entries.map { entry in
            "<section class=\"method-entry\" id=\"\(anchor(entry.id))\">\n<h3>\(HTMLText.escape(entry.title))</h3>\n<ul>\n"
                + entry.lines.map { "<li>\(HTMLText.escape($0))</li>" }.joined(separator: "\n") + "\n</ul>\n</section>"
        }
        let closing = method.closing.map { "<p>\(HTMLText.escape($0))</p>" }
        return "<section class=\"method\">\n<h2>\(HTMLText.escape(method.title))</h2>\n" + (entries + closing).joined(separator: "\n") + "\n</section>"
    }
}
