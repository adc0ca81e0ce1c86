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

    /// The part's text as the recipe writes it (`doi_tuong = 'dang_vien'`), for messages.
    /// Measured over the leaves of the part, whose places are exact, and closed with the
    /// parentheses of the calls it holds.
    public var source: String {
        var start = node.offset, end = node.offset + node.length
        var stack = [node]
        while let next = stack.popLast() {
            start = min(start, next.offset)
            end = max(end, next.offset + next.length)
            switch next.kind {
            case .negate(let inner), .not(let inner), .isNull(let inner, _): stack.append(inner)
            case .binary(_, let left, let right): stack += [left, right]
            case .inList(let operand, let items, _): stack += [operand] + items
            case .call(_, let arguments): stack += arguments
            case .caseWhen(let parts, let otherwise): stack += parts + (otherwise.map { [$0] } ?? [])
            case .literal, .name: break
            }
        }
        let characters = Array(text.text)
        end = min(end, characters.count)
        var open = 0, quote: Character?
        for character in characters[min(start, end)..<end] {
            if let current = quote {
                if character == current { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "(" {
                open += 1
            } else if character == ")" {
                open -= 1
            }
        }
        while open > 0, end < characters.count {
            if characters[end] == ")" { open -= 1 } else if !characters[end].isWhitespace { break }
            end += 1
        }
        return String(characters[min(start, end)..<end])
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
