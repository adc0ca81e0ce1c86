import Foundation

/// Parses expression text into an ``Expression``; errors point at the offending character.
///
/// Precedence, loosest first: `or`, `and`, `not`, comparisons (`= != <> < <= > >=`, `is
/// [not] null`, `[not] in (...)`), `+ - ||`, `* / %`, unary `-`. Keywords are case-insensitive;
/// `case when ... then ... else ... end` reads its words by their place, so that a column (or
/// `period.end`) may still be named `end`.
///
/// An expression nests at most ``maximumDepth`` levels (parentheses, operators, function
/// calls): the compiler and the evaluator walk the tree recursively, and a recipe that nests
/// deeper is an error here, not a stack overflow there.
public struct ExpressionParser {
    /// How deep the tree of an expression may be: `a + b + c` is two levels, `-(-(x))` three.
    public static let maximumDepth = 100

    private enum Token: Equatable {
        case number(String), string(String), identifier(String), quotedIdentifier(String)
        case symbol(String), keyword(String), end
    }

    private let source: ExpressionText
    private let characters: [Character]
    private var tokens: [(token: Token, offset: Int)] = []
    private var position = 0
    /// How many nested calls of the grammar are open (see ``nested(_:)``).
    private var nesting = 0

    private static let keywords: Set<String> = ["and", "or", "not", "in", "is", "null", "true", "false"]

    public static func parse(_ source: ExpressionText) throws -> Expression {
        var parser = ExpressionParser(source: source)
        try parser.tokenize()
        let expression = try parser.parseOr()
        guard case .end = parser.current else {
            throw parser.error("unexpected \(parser.describe(parser.current)) after a complete expression")
        }
        return expression
    }

    private init(source: ExpressionText) {
        self.source = source
        characters = Array(source.text)
    }

    // MARK: Tokens

    private mutating func tokenize() throws {
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let start = index
            if character.isWhitespace { index += 1; continue }
            if character.isNumber, character.isASCII {
                while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1 }
                if index + 1 < characters.count, characters[index] == ".", characters[index + 1].isNumber {
                    index += 1
                    while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1 }
                }
                tokens.append((.number(String(characters[start..<index])), start))
            } else if character == "'" || character == "\"" {
                var text = ""
                index += 1
                while true {
                    guard index < characters.count else {
                        throw Diagnostic("this \(character == "'" ? "string" : "quoted name") is not closed with \(character)",
                                         at: source.location(at: start))
                    }
                    if characters[index] == character {
                        if index + 1 < characters.count, characters[index + 1] == character {
                            text.append(character)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    text.append(characters[index])
                    index += 1
                }
                tokens.append((character == "'" ? .string(text) : .quotedIdentifier(text), start))
            } else if character.isLetter || character == "_" {
                while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" {
                    index += 1
                }
                let word = String(characters[start..<index])
                tokens.append((Self.keywords.contains(word.lowercased()) ? .keyword(word.lowercased()) : .identifier(word), start))
            } else {
                let pair = index + 1 < characters.count ? String(characters[index...index + 1]) : ""
                if ["<=", ">=", "!=", "<>", "==", "||"].contains(pair) {
                    tokens.append((.symbol(pair == "<>" ? "!=" : pair == "==" ? "=" : pair), start))
                    index += 2
                } else if "+-*/%=<>(),.".contains(character) {
                    tokens.append((.symbol(String(character)), start))
                    index += 1
                } else {
                    throw Diagnostic("unexpected character '\(character)' in the expression", at: source.location(at: start))
                }
            }
        }
        tokens.append((.end, characters.count))
    }

    private var current: Token { tokens[position].token }
    private var offset: Int { tokens[position].offset }

    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private mutating func accept(_ token: Token) -> Bool {
        guard current == token else { return false }
        advance()
        return true
    }

    private mutating func expect(_ token: Token, _ what: String) throws {
        guard accept(token) else { throw error("expected \(what), found \(describe(current))") }
    }

    private func error(_ message: String) -> Diagnostic {
        Diagnostic(message, at: source.location(at: offset))
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .number(let text), .identifier(let text): return "'\(text)'"
        case .string(let text): return "'\(text)'"
        case .quotedIdentifier(let text): return "\"\(text)\""
        case .symbol(let text), .keyword(let text): return "'\(text)'"
        case .end: return "the end of the expression"
        }
    }

    /// A node from `start` to the end of the last token read. Its operands must be parsed
    /// before the call: a method call copies `self`, and with it `position`, before its
    /// arguments run.
    private func node(_ kind: Expression.Kind, from start: Int) throws -> Expression {
        let end = position > 0 ? tokens[position - 1].offset + tokenLength(position - 1) : start
        let node = Expression(kind: kind, offset: start, length: max(0, end - start))
        guard node.depth <= Self.maximumDepth else { throw tooDeep(at: start) }
        return node
    }

    private func tokenLength(_ index: Int) -> Int {
        let next = index + 1 < tokens.count ? tokens[index + 1].offset : characters.count
        var end = max(tokens[index].offset, next)
        while end > tokens[index].offset, characters[end - 1].isWhitespace { end -= 1 }
        return end - tokens[index].offset
    }

    /// Runs a grammar rule that may recurse (a parenthesis, an argument, a sign), refusing to
    /// go deeper than ``maximumDepth``.
    private mutating func nested<T>(_ rule: (inout Self) throws -> T) throws -> T {
        guard nesting < Self.maximumDepth else { throw tooDeep(at: offset) }
        nesting += 1
        defer { nesting -= 1 }
        return try rule(&self)
    }

    private func tooDeep(at offset: Int) -> Diagnostic {
        Diagnostic("this expression nests more than \(Self.maximumDepth) levels deep (parentheses, operators, function calls); split it into computed columns",
                   at: source.location(at: offset))
    }

    // MARK: Grammar

    private mutating func parseOr() throws -> Expression {
        let start = offset
        var left = try parseAnd()
        while accept(.keyword("or")) {
            let right = try parseAnd()
            left = try node(.binary(.or, left, right), from: start)
        }
        return left
    }

    private mutating func parseAnd() throws -> Expression {
        let start = offset
        var left = try parseNot()
        while accept(.keyword("and")) {
            let right = try parseNot()
            left = try node(.binary(.and, left, right), from: start)
        }
        return left
    }

    private mutating func parseNot() throws -> Expression {
        let start = offset
        if accept(.keyword("not")) {
            let operand = try nested { try $0.parseNot() }
            return try node(.not(operand), from: start)
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws -> Expression {
        let start = offset
        let left = try parseAdditive()
        let operators: [String: Expression.BinaryOperator] = [
            "=": .equal, "!=": .notEqual, "<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual,
        ]
        if case .symbol(let symbol) = current, let op = operators[symbol] {
            advance()
            let right = try parseAdditive()
            return try node(.binary(op, left, right), from: start)
        }
        if accept(.keyword("is")) {
            let negated = accept(.keyword("not"))
            try expect(.keyword("null"), "'null' after 'is'")
            return try node(.isNull(left, negated: negated), from: start)
        }
        let negated = accept(.keyword("not"))
        if accept(.keyword("in")) {
            try expect(.symbol("("), "'(' after 'in'")
            var items = [try parseAdditive()]
            while accept(.symbol(",")) { items.append(try parseAdditive()) }
            try expect(.symbol(")"), "')' or ',' in the list")
            return try node(.inList(left, items, negated: negated), from: start)
        }
        if negated { throw error("expected 'in' after 'not'") }
        return left
    }

    private mutating func parseAdditive() throws -> Expression {
        let start = offset
        var left = try parseMultiplicative()
        while true {
            let op: Expression.BinaryOperator
            if accept(.symbol("+")) { op = .add } else if accept(.symbol("-")) { op = .subtract } else if accept(.symbol("||")) { op = .concat } else {
                return left
            }
            let right = try parseMultiplicative()
            left = try node(.binary(op, left, right), from: start)
        }
    }

    private mutating func parseMultiplicative() throws -> Expression {
        let start = offset
        var left = try parseUnary()
        let operators: [String: Expression.BinaryOperator] = ["*": .multiply, "/": .divide, "%": .remainder]
        while case .symbol(let symbol) = current, let op = operators[symbol] {
            advance()
            let right = try parseUnary()
            left = try node(.binary(op, left, right), from: start)
        }
        return left
    }

    private mutating func parseUnary() throws -> Expression {
        let start = offset
        if accept(.symbol("-")) {
            let operand = try nested { try $0.parseUnary() }
            return try node(.negate(operand), from: start)
        }
        if accept(.symbol("+")) { return try nested { try $0.parseUnary() } }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws -> Expression {
        let start = offset
        switch current {
        case .number(let text):
            advance()
            if let integer = Int(text) { return try node(.literal(.int(integer)), from: start) }
            guard let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw error("'\(text)' is not a number")
            }
            return try node(.literal(.decimal(decimal)), from: start)
        case .string(let text):
            advance()
            return try node(.literal(.string(text)), from: start)
        case .keyword("true"): advance(); return try node(.literal(.bool(true)), from: start)
        case .keyword("false"): advance(); return try node(.literal(.bool(false)), from: start)
        case .keyword("null"): advance(); return try node(.literal(.null), from: start)
        case .symbol("("):
            advance()
            let inner = try nested { try $0.parseOr() }
            try expect(.symbol(")"), "')'")
            return inner
        case .quotedIdentifier(let name):
            advance()
            return try node(.name([name]), from: start)
        case .identifier(let name) where name.lowercased() == "case" && isWord("when", at: position + 1):
            advance()
            return try nested { try $0.parseCase(from: start) }
        case .identifier(let name):
            advance()
            if accept(.symbol("(")) {
                var arguments: [Expression] = []
                if !accept(.symbol(")")) {
                    arguments.append(try nested { try $0.parseOr() })
                    while accept(.symbol(",")) { arguments.append(try nested { try $0.parseOr() }) }
                    try expect(.symbol(")"), "')' or ',' after an argument")
                }
                return try node(.call(name.lowercased(), arguments), from: start)
            }
            var parts = [name]
            while accept(.symbol(".")) {
                switch current {
                case .identifier(let part), .keyword(let part): parts.append(part)
                default: throw error("expected a name after '.'")
                }
                advance()
            }
            return try node(.name(parts), from: start)
        default:
            throw error("expected a value, a column or a function, found \(describe(current))")
        }
    }

    /// Whether the token at `index` is the identifier `word`, in any case.
    private func isWord(_ word: String, at index: Int) -> Bool {
        guard index < tokens.count, case .identifier(let text) = tokens[index].token else { return false }
        return text.lowercased() == word
    }

    private mutating func acceptWord(_ word: String) -> Bool {
        guard isWord(word, at: position) else { return false }
        advance()
        return true
    }

    /// After `case`: one or more `when c then v`, an optional `else v`, `end`.
    private mutating func parseCase(from start: Int) throws -> Expression {
        var branches: [Expression] = []
        while acceptWord("when") {
            branches.append(try parseOr())
            guard acceptWord("then") else { throw error("expected 'then' after the condition of 'when', found \(describe(current))") }
            branches.append(try parseOr())
        }
        var otherwise: Expression?
        if acceptWord("else") { otherwise = try parseOr() }
        guard acceptWord("end") else { throw error("expected 'when', 'else' or 'end' in 'case', found \(describe(current))") }
        return try node(.caseWhen(branches, otherwise: otherwise), from: start)
    }
}
