import CYAML

/// Builds node trees from libyaml events: one open collection per frame, anchors per document.
struct YAMLTreeBuilder {
    private struct Frame {
        var isMapping: Bool
        var tag: String?
        var anchor: String?
        var location: SourceLocation
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        var keyLocations: [YAMLScalarValue: SourceLocation] = [:]
        /// Nodes in this collection once aliases are expanded, itself included.
        var expandedSize = 1
    }

    private let file: String
    private let budget: Int
    private var stack: [Frame] = []
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    private var documentSize = 0
    private(set) var documents: [YAMLNode] = []

    init(file: String, budget: Int) {
        self.file = file
        self.budget = budget
    }

    mutating func handle(_ event: yaml_event_t) throws(Diagnostic) {
        let location = SourceLocation(file: file, line: event.start_mark.line + 1, column: event.start_mark.column + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            anchors = [:]
            documentSize = 0
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let node = YAMLNode(.scalar(text, Self.style(scalar.style)), tag: Self.string(scalar.tag), at: location)
            try add(node, size: 1, anchor: Self.string(scalar.anchor))
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                throw Diagnostic("alias '*\(name)' refers to no anchor '&\(name)' defined before it", at: location)
            }
            usedAliases = true
            try add(YAMLNode(anchored.node.content, tag: anchored.node.tag, at: location), size: anchored.size, anchor: nil)
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            try open(Frame(isMapping: false, tag: Self.string(start.tag), anchor: Self.string(start.anchor), location: location))
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            try open(Frame(isMapping: true, tag: Self.string(start.tag), anchor: Self.string(start.anchor), location: location))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return }
            let content: YAMLNode.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            try add(YAMLNode(content, tag: frame.tag, at: frame.location), size: frame.expandedSize, anchor: frame.anchor, counted: true)
        default:
            break
        }
    }

    /// How deep collections may nest: every pass over a recipe walks its tree recursively, and
    /// no recipe needs more than a dozen levels.
    static let maximumDepth = 100

    private mutating func open(_ frame: Frame) throws(Diagnostic) {
        try count(1, at: frame.location)
        guard stack.count < Self.maximumDepth else {
            throw Diagnostic("lists and mappings nest more than \(Self.maximumDepth) levels deep here; a recipe needs far fewer", at: frame.location)
        }
        stack.append(frame)
    }

    private mutating func count(_ size: Int, at location: SourceLocation) throws(Diagnostic) {
        documentSize += size
        if documentSize > budget {
            throw Diagnostic(
                usedAliases ? "this document expands to more than \(budget) nodes through its aliases; refusing to load it"
                    : "this document has more than \(budget) nodes, more than a recipe needs; refusing to load it",
                at: location)
        }
    }

    private var usedAliases = false

    private mutating func add(_ node: YAMLNode, size: Int, anchor: String?, counted: Bool = false) throws(Diagnostic) {
        if !counted { try count(size, at: node.location) }
        if let anchor { anchors[anchor] = (node, size) }
        guard var frame = stack.popLast() else {
            documents.append(node)
            return
        }
        frame.expandedSize += size
        if !frame.isMapping {
            frame.items.append(node)
        } else if let key = frame.pendingKey {
            frame.pairs.append(YAMLPair(key: key, value: node))
            frame.pendingKey = nil
        } else {
            let identity = node.resolved
            if identity != .collection {
                if let first = frame.keyLocations[identity] {
                    throw Diagnostic(
                        "duplicate key '\(node.scalarText ?? "")' in this mapping",
                        at: node.location, notes: [.init("first defined here", at: first)])
                }
                frame.keyLocations[identity] = node.location
            }
            frame.pendingKey = node
        }
        stack.append(frame)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLNode.ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}
