/// A parsed expression (see the recipe format's "Expressions"), each node with its place in
/// the text so that errors point at the column inside the recipe.
public struct Expression: Sendable {
    public indirect enum Kind: Sendable {
        case literal(Value)
        /// A column, or a dotted name: `params.target`, `period.start`.
        case name([String])
        case negate(Expression)
        case not(Expression)
        case binary(BinaryOperator, Expression, Expression)
        case isNull(Expression, negated: Bool)
        case inList(Expression, [Expression], negated: Bool)
        case call(String, [Expression])
        /// `case when c1 then v1 when c2 then v2 else v end`: conditions and values in turn
        /// (`[c1, v1, c2, v2]`), and the value when none holds.
        case caseWhen([Expression], otherwise: Expression?)
    }

    public enum BinaryOperator: String, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
        case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case and, or
        /// Text concatenation, `'Q' || quarter(date)`.
        case concat = "||"
    }

    public var kind: Kind
    /// Character offset of the node in its text, and its length.
    public var offset: Int
    public var length: Int
    /// Levels of the tree from this node down: 1 for a literal or a name.
    public let depth: Int

    public init(kind: Kind, offset: Int, length: Int) {
        self.kind = kind
        self.offset = offset
        self.length = length
        let children: [Expression] = switch kind {
        case .literal, .name: []
        case .negate(let operand), .not(let operand), .isNull(let operand, _): [operand]
        case .binary(_, let left, let right): [left, right]
        case .inList(let operand, let items, _): [operand] + items
        case .call(_, let arguments): arguments
        case .caseWhen(let branches, let otherwise): branches + (otherwise.map { [$0] } ?? [])
        }
        depth = 1 + (children.map(\.depth).max() ?? 0)
    }
}

/// An expression's text and where it stands in the recipe.
public struct ExpressionText: Sendable {
    public var text: String
    /// Where the text's first character is, when the text sits on one line of the recipe.
    private var start: SourceLocation
    private var isOnOneLine: Bool
    /// Where each character stood before `${NAME}`s were replaced (see ``YAMLNode/sourceOffsets``).
    private var sourceOffsets: [Int]?

    public init(_ text: String, at location: SourceLocation, quoted: Bool = false) {
        self.text = text
        start = quoted ? location.advanced(byColumns: 1) : location
        isOnOneLine = !text.contains("\n")
    }

    /// The text of a YAML scalar, placed where the scalar is.
    public init(_ node: YAMLNode) {
        var quoted = false
        if case .scalar(_, let style) = node.content { quoted = style == .singleQuoted || style == .doubleQuoted }
        self.init(node.scalarText ?? "", at: node.location, quoted: quoted)
        sourceOffsets = node.sourceOffsets
    }

    public func location(at offset: Int) -> SourceLocation {
        guard isOnOneLine else { return start }
        guard let sourceOffsets, !sourceOffsets.isEmpty else { return start.advanced(byColumns: offset) }
        // Past the end: one past the last character's place.
        return start.advanced(byColumns: offset < sourceOffsets.count ? sourceOffsets[max(0, offset)] : sourceOffsets[sourceOffsets.count - 1] + 1)
    }

    public func slice(_ node: Expression) -> String {
        let characters = Array(text)
        let end = min(characters.count, node.offset + node.length)
        return String(characters[min(node.offset, end)..<end])
    }
}
