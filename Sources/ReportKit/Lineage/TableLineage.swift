import Foundation

/// Where a table came from: the step that made it (a source or an extractor, with its recipe
/// position and its options as written), the tables it read and how many of their rows, and
/// for a source its files with size and SHA-256. Every table of a run has one; `explain`, the
/// run manifest, the "sources and method" block and the json output are readers of it.
public struct TableLineage: Sendable {
    public var id: String
    public var kind: PluginKind
    public var type: String
    /// Where the recipe declares it.
    public var location: SourceLocation
    /// Its options as written (`where`, `group_by`, `measures`, `span`, `path`, ...), in recipe order.
    public var options: [LineageOption]
    /// What it read of each input, in the order its options name them.
    public var reads: [InputRead]
    /// A source's files (empty for an extractor, or a source of rows written in the recipe).
    public var files: [InputFile]
    /// The rows it yields.
    public var rowCount: Int
    /// For a source with `dated_by`: the column, and the span of days its rows cover.
    public var datedBy: String?
    public var dataSpan: ClosedRange<CivilDate>?
    /// A query a database ran for it (push-down), when one did.
    public var query: String?

    public init(id: String, kind: PluginKind, type: String, location: SourceLocation, options: [LineageOption] = [],
                reads: [InputRead] = [], files: [InputFile] = [], rowCount: Int = 0) {
        self.id = id
        self.kind = kind
        self.type = type
        self.location = location
        self.options = options
        self.reads = reads
        self.files = files
        self.rowCount = rowCount
    }
}

/// One option of a step as the recipe writes it.
public struct LineageOption: Sendable, Hashable {
    public var key: String
    /// The value as written: a scalar's text, or a flow rendering of a list or mapping.
    public var text: String
    public var location: SourceLocation
    /// For a mapping of expressions (`measures`, `columns`): each entry, with its place.
    public var entries: [LineageOption]

    public init(key: String, text: String, location: SourceLocation, entries: [LineageOption] = []) {
        self.key = key
        self.text = text
        self.location = location
        self.entries = entries
    }

    /// The options of a configuration node, `type` left out.
    public static func of(_ node: YAMLNode?) -> [LineageOption] {
        (node?.mapping ?? []).compactMap { pair in
            guard let key = pair.key.scalarText, key != "type" else { return nil }
            let entries = (pair.value.mapping ?? []).compactMap { entry in
                entry.key.scalarText.map { LineageOption(key: $0, text: written(entry.value), location: entry.value.location) }
            }
            return LineageOption(key: key, text: written(pair.value), location: pair.value.location, entries: entries)
        }
    }

    /// A node as a recipe would write it on one line. Lists and mappings are walked with an
    /// explicit stack, never by recursion over the input's depth.
    static func written(_ node: YAMLNode) -> String {
        enum Piece { case node(YAMLNode), text(String) }
        var output = "", stack: [Piece] = [.node(node)]
        while let piece = stack.popLast() {
            switch piece {
            case .text(let text): output += text
            case .node(let current):
                switch current.content {
                case .scalar(let text, _): output += text
                case .sequence(let items):
                    var pieces: [Piece] = [.text("[")]
                    for (index, item) in items.enumerated() { pieces += (index > 0 ? [.text(", ")] : []) + [.node(item)] }
                    stack += (pieces + [.text("]")]).reversed()
                case .mapping(let pairs):
                    var pieces: [Piece] = [.text("{")]
                    for (index, pair) in pairs.enumerated() {
                        pieces += (index > 0 ? [.text(", ")] : []) + [.node(pair.key), .text(": "), .node(pair.value)]
                    }
                    stack += (pieces + [.text("}")]).reversed()
                }
            }
        }
        return output
    }
}

/// What a step read of one input: the rows offered to it, the rows it kept after the input's
/// span was cut (equal without `dated_by`), and the span, as words ("the period 2020..2025").
public struct InputRead: Sendable, Hashable {
    public var input: String
    public var rowsOffered: Int
    public var rowsRead: Int
    public var span: String?
    /// The days read of a dated input; `nil` for every row.
    public var days: ClosedRange<CivilDate>?

    public init(input: String, rowsOffered: Int, rowsRead: Int, span: String? = nil, days: ClosedRange<CivilDate>? = nil) {
        self.input = input
        self.rowsOffered = rowsOffered
        self.rowsRead = rowsRead
        self.span = span
        self.days = days
    }
}

/// A file a run read: where, how large, its SHA-256 (hex), so that anyone can prove a report
/// was made from given files.
public struct InputFile: Sendable, Hashable {
    /// The path relative to the recipe's folder (as the recipe names it), so that the same
    /// recipe and data give the same lineage from any folder.
    public var path: String
    public var size: Int
    public var sha256: String

    public init(path: String, size: Int, sha256: String) {
        self.path = path
        self.size = size
        self.sha256 = sha256
    }
}
