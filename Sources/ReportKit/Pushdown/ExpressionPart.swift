/// A part of an expression (a node of its tree) with the text it comes from, so that a
/// database-backed source can translate it, and compile it on its own to learn its type and
/// whether it reads any column.
public struct ExpressionPart: Sendable {
    public var node: Expression
    public var text: ExpressionText

    public init(node: Expression, text: ExpressionText) {
        self.node = node
        self.text = text
    }

    /// The part compiled as a row-level expression over `scope`: its type, the columns it
    /// reads (none for a constant such as `params.target` or `'2020-01-01'`), and how it
    /// evaluates, exactly as inside the whole expression.
    public func compiled(in scope: ExpressionScope) throws -> CompiledExpression {
        var compiler = ExpressionCompiler(text: text, scope: scope, groupKeys: nil)
        var compiled = try compiler.compile(node)
        compiled.columns = compiler.usedColumns
        return compiled
    }

    /// A part of this part.
    public func part(_ node: Expression) -> ExpressionPart {
        ExpressionPart(node: node, text: text)
    }

    /// The parts of a condition joined by its top-level `and`s: a row satisfies the condition
    /// exactly when it satisfies every part.
    public static func conjuncts(of text: ExpressionText) throws -> [ExpressionPart] {
        var parts: [ExpressionPart] = []
        var stack = [try ExpressionParser.parse(text)]
        // An explicit stack: a condition may be deeply nested, and recursion over input depth is a bug.
        while let node = stack.popLast() {
            if case .binary(.and, let left, let right) = node.kind {
                stack += [right, left]
            } else {
                parts.append(ExpressionPart(node: node, text: text))
            }
        }
        return parts
    }
}
