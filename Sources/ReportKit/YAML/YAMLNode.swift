/// A YAML node as written, with the place it was written.
///
/// The loader keeps scalars as text with their style and tag; ``resolved`` applies the YAML 1.2
/// core schema. Mappings keep their pairs in document order. Aliases are already replaced by
/// the anchored node (shared, not copied, so a large expansion costs no memory).
public struct YAMLNode: Sendable {
    public enum ScalarStyle: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var content: Content
    /// The full tag, such as `tag:yaml.org,2002:str`, or `!` for the non-specific tag.
    public var tag: String?
    public var location: SourceLocation
    /// For a scalar whose `${NAME}`s were replaced: per character of its text, the offset in
    /// the scalar as written that it came from, for errors inside it; `nil` otherwise.
    public var sourceOffsets: [Int]?

    public init(_ content: Content, tag: String? = nil, at location: SourceLocation) {
        self.content = content
        self.tag = tag
        self.location = location
    }

    public var scalarText: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The value of the pair whose key is the plain text `key`.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.scalarText == key }?.value
    }

    /// Words for error messages: "a mapping", "a list", "the string 'yes'".
    public var kindDescription: String {
        switch content {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar(let text, _):
            switch resolved {
            case .null: return "null"
            case .bool: return "the boolean \(text)"
            case .int, .float: return "the number \(text)"
            default: return "the string '\(text)'"
            }
        }
    }
}

public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}
