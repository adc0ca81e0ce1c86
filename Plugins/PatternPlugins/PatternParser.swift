/// Reads a pattern's text into a ``PatternNode`` tree (see ``PatternProgram`` for the syntax).
struct PatternParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var depth = 0
    private(set) var groupCount = 0
    private(set) var groupNames: [Int: String] = [:]

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private typealias Invalid = PatternProgram.Invalid

    mutating func parse() throws -> PatternNode {
        let tree = try alternation()
        if index < scalars.count { throw Invalid(message: "')' at character \(index + 1) closes no group") }
        return tree
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func take(_ scalar: Unicode.Scalar) -> Bool {
        guard current == scalar else { return false }
        index += 1
        return true
    }

    private mutating func alternation() throws -> PatternNode {
        var choices = [try sequence()]
        while take("|") { choices.append(try sequence()) }
        return choices.count == 1 ? choices[0] : .alternation(choices)
    }

    private mutating func sequence() throws -> PatternNode {
        var parts: [PatternNode] = []
        while let scalar = current, scalar != "|", scalar != ")" {
            var atom = try self.atom()
            while let repeated = try quantifier(atom) { atom = repeated }
            parts.append(atom)
        }
        return parts.count == 1 ? parts[0] : .concat(parts)
    }

    /// A quantifier after `atom`, if one follows.
    private mutating func quantifier(_ atom: PatternNode) throws -> PatternNode? {
        let start = index
        var minimum = 0, maximum: Int?
        switch current {
        case "*": index += 1
        case "+": index += 1; minimum = 1
        case "?": index += 1; maximum = 1
        case "{":
            index += 1
            guard let low = number() else { index = start; return nil }
            minimum = low
            maximum = low
            if take(",") { maximum = number() }
            guard take("}") else { index = start; return nil }
        default: return nil
        }
        if case .assertion = atom { throw Invalid(message: "a quantifier at character \(start + 1) repeats an anchor or a lookaround, which matches no text") }
        if case .repetition = atom { throw Invalid(message: "a quantifier at character \(start + 1) follows another; put the first in a group") }
        guard minimum <= PatternProgram.maximumRepetition, (maximum ?? 0) <= PatternProgram.maximumRepetition else {
            throw Invalid(message: "a repetition at character \(start + 1) counts past \(PatternProgram.maximumRepetition)")
        }
        if let maximum, maximum < minimum { throw Invalid(message: "the repetition at character \(start + 1) has its bounds the wrong way round") }
        if take("+") { throw Invalid(message: "possessive quantifiers (at character \(index)) are not supported; leave out the '+'") }
        let greedy = !take("?")
        return .repetition(atom, minimum, maximum, greedy: greedy)
    }

    /// Digits, read past; `nil` when there are none.
    private mutating func number() -> Int? {
        var value: Int?
        while let scalar = current, ("0"..."9").contains(scalar) {
            value = min((value ?? 0) * 10 + Int(scalar.value - 48), 1_000_000)
            index += 1
        }
        return value
    }

    private mutating func atom() throws -> PatternNode {
        let start = index
        let scalar = scalars[index]
        index += 1
        switch scalar {
        case ".": return .any
        case "^": return .assertion(.textStart)
        case "$": return .assertion(.textEnd)
        case "[": return .set(try characterClass(start: start))
        case "\\": return try escape()
        case "(": return try group(start: start)
        case "*", "+", "?": throw Invalid(message: "'\(scalar)' at character \(start + 1) has nothing to repeat")
        default: return .scalar(scalar)
        }
    }

    private mutating func group(start: Int) throws -> PatternNode {
        guard depth < PatternProgram.maximumNesting else {
            throw Invalid(message: "groups nest more than \(PatternProgram.maximumNesting) deep at character \(start + 1)")
        }
        depth += 1
        defer { depth -= 1 }
        var number: Int?
        if take("?") {
            if take(":") {
                // A group that does not capture.
            } else if current == "<", index + 1 < scalars.count, scalars[index + 1] != "=", scalars[index + 1] != "!" {
                index += 1
                var name = ""
                while let scalar = current, scalar != ">" { name.unicodeScalars.append(scalar); index += 1 }
                guard take(">"), !name.isEmpty else { throw Invalid(message: "the group name at character \(start + 1) is not closed with '>'") }
                groupCount += 1
                number = groupCount
                groupNames[groupCount] = name
            } else {
                return try lookaround(start: start)
            }
        } else {
            groupCount += 1
            number = groupCount
        }
        let inner = try alternation()
        guard take(")") else { throw Invalid(message: "the group at character \(start + 1) is not closed with ')'") }
        return .group(inner, number)
    }

    /// `(?=x)`, `(?!x)`, `(?<=x)`, `(?<!x)` where x is one character or class.
    private mutating func lookaround(start: Int) throws -> PatternNode {
        let behind = take("<")
        let negated: Bool
        if take("=") { negated = false } else if take("!") { negated = true } else {
            throw Invalid(message: "'(?' at character \(start + 1) starts a group this matcher does not know; write (?:...), (?<name>...) or a lookaround")
        }
        let inner = current == ")" ? nil : try atom()
        guard take(")") else {
            throw Invalid(message: "the lookaround at character \(start + 1) holds more than one character or class, which a linear-time matcher cannot run")
        }
        let set: ScalarClass
        switch inner {
        case .set(let inner)?: set = inner
        case .scalar(let scalar)?: set = ScalarClass(ranges: [scalar.value...scalar.value])
        case .any?: set = ScalarClass(ranges: [10...10], negated: true)
        default: throw Invalid(message: "the lookaround at character \(start + 1) must hold one character or class")
        }
        return .assertion(behind ? .behind(set, negated: negated) : .ahead(set, negated: negated))
    }

    private mutating func escape() throws -> PatternNode {
        guard let scalar = current else { throw Invalid(message: "the pattern ends with a '\\'") }
        switch scalar {
        case "b": index += 1; return .assertion(.wordBoundary)
        case "B": index += 1; return .assertion(.notWordBoundary)
        case "A": index += 1; return .assertion(.textStart)
        case "z", "Z": index += 1; return .assertion(.textEnd)
        default:
            if let set = try classEscape() { return .set(set) }
            return .scalar(try literalEscape())
        }
    }

    /// `\d \w \s \D \W \S` at the cursor (after the backslash), read past; else `nil`.
    private mutating func classEscape() throws -> ScalarClass? {
        let shorthand: ScalarClass.Shorthand
        switch current {
        case "d": shorthand = .digit
        case "w": shorthand = .word
        case "s": shorthand = .space
        case "D": shorthand = .notDigit
        case "W": shorthand = .notWord
        case "S": shorthand = .notSpace
        default: return nil
        }
        index += 1
        return ScalarClass(shorthands: [shorthand])
    }

    /// The character an escape (after its backslash) stands for, read past.
    private mutating func literalEscape() throws -> Unicode.Scalar {
        let start = index
        guard let scalar = current else { throw Invalid(message: "the pattern ends with a '\\'") }
        index += 1
        switch scalar {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "f": return "\u{0C}"
        case "v": return "\u{0B}"
        case "e": return "\u{1B}"
        case "0": return "\u{0}"
        case "u", "x":
            var digits = ""
            if take("{") {
                while let next = current, next != "}" { digits.unicodeScalars.append(next); index += 1 }
                guard take("}") else { throw Invalid(message: "'\\\(scalar){' at character \(start) is not closed with '}'") }
            } else {
                for _ in 0..<(scalar == "u" ? 4 : 2) {
                    guard let next = current else { break }
                    digits.unicodeScalars.append(next)
                    index += 1
                }
            }
            guard digits.count <= 8, let value = UInt32(digits, radix: 16), let result = Unicode.Scalar(value) else {
                throw Invalid(message: "'\\\(scalar)\(digits)' at character \(start) is not a character")
            }
            return result
        case "1"..."9", "k":
            throw Invalid(message: "back-references (at character \(start)) are not supported: no matcher runs them in linear time")
        case "p", "P":
            throw Invalid(message: "Unicode properties (\\\(scalar){...}, at character \(start)) are not supported; write the characters in a class")
        default:
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                throw Invalid(message: "'\\\(scalar)' at character \(start) is not an escape this matcher knows")
            }
            return scalar
        }
    }

    /// A class after its `[`, read past its `]`.
    private mutating func characterClass(start: Int) throws -> ScalarClass {
        var set = ScalarClass()
        set.negated = take("^")
        var first = true
        while true {
            guard let scalar = current else { throw Invalid(message: "the class at character \(start + 1) is not closed with ']'") }
            if scalar == "]", !first { index += 1; return set }
            first = false
            if scalar == "[", index + 1 < scalars.count, scalars[index + 1] == ":" {
                throw Invalid(message: "POSIX classes ([:alpha:], at character \(index + 1)) are not supported; write \\w, \\d or \\s")
            }
            index += 1
            var low = scalar
            if scalar == "\\" {
                if let shorthand = try classEscape() {
                    set.shorthands += shorthand.shorthands
                    continue
                }
                low = try literalEscape()
            }
            if current == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                index += 1
                var high = scalars[index]
                index += 1
                if high == "\\" { high = try literalEscape() }
                guard low.value <= high.value else {
                    throw Invalid(message: "the range \(low)-\(high) in the class at character \(start + 1) goes backwards")
                }
                set.ranges.append(low.value...high.value)
            } else {
                set.ranges.append(low.value...low.value)
            }
        }
    }
}
