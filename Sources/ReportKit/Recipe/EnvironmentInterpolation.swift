/// `${NAME}` and `${NAME:-default}` in recipe strings take the value of an environment
/// variable; `$${` writes a literal `${`, and `${` before anything but a name (`${{x}}`) is
/// literal too. Applied to every scalar value before validation, so a
/// plain `${TARGET:-90}` is then read as the number 90.
enum EnvironmentInterpolation {
    static func apply(to node: YAMLNode, environment: [String: String], diagnostics: inout Diagnostics) -> YAMLNode {
        var node = node
        switch node.content {
        case .scalar(let text, let style):
            guard text.contains("${") else { return node }
            let base = style == .plain ? node.location : node.location.advanced(byColumns: 1)
            let isSingleLine = !text.contains("\n") && style != .literal && style != .folded
            var sourceOffsets: [Int] = []
            let substituted = substitute(text, environment: environment, sourceOffsets: &sourceOffsets) { offset, message in
                diagnostics.append(Diagnostic(message, at: isSingleLine ? base.advanced(byColumns: offset) : node.location))
            }
            node.content = .scalar(substituted, style)
            node.sourceOffsets = sourceOffsets
        case .sequence(let items):
            node.content = .sequence(items.map { apply(to: $0, environment: environment, diagnostics: &diagnostics) })
        case .mapping(let pairs):
            node.content = .mapping(pairs.map {
                YAMLPair(key: $0.key, value: apply(to: $0.value, environment: environment, diagnostics: &diagnostics))
            })
        }
        return node
    }

    /// Replaces each reference; `report` gets the character offset of a bad one and a message.
    /// `sourceOffsets` gets, for each character of the result, the offset in `text` it came
    /// from (a substituted value's, that of its `${`), so that errors inside the value point
    /// into the recipe as written.
    static func substitute(_ text: String, environment: [String: String], sourceOffsets: inout [Int],
                           report: (Int, String) -> Void) -> String {
        let characters = Array(text)
        var result = "", index = 0
        func append(_ part: String, from offset: Int) {
            result += part
            sourceOffsets += repeatElement(offset, count: part.count)
        }
        while index < characters.count {
            if characters[index] == "$", index + 2 < characters.count, characters[index + 1] == "$", characters[index + 2] == "{" {
                append("$", from: index)
                append("{", from: index + 2)
                index += 3
                continue
            }
            // `${` starts a reference only before a name, so that `${{amount}}` (a dollar sign and
            // a template value) needs no escaping.
            guard characters[index] == "$", index + 2 < characters.count, characters[index + 1] == "{",
                  characters[index + 2] == "_" || (characters[index + 2].isASCII && characters[index + 2].isLetter) else {
                append(String(characters[index]), from: index)
                index += 1
                continue
            }
            guard let close = characters[index...].firstIndex(of: "}") else {
                report(index, "'${' is not closed with '}' (write $${ for a literal ${)")
                sourceOffsets = Array(0..<characters.count)
                return text
            }
            let inner = String(characters[(index + 2)..<close])
            let (name, fallback) = split(inner)
            if !RecipeID.isValid(name) {
                report(index, "'${\(inner)}' is not a valid environment variable reference; write ${NAME} or ${NAME:-default}")
            } else if let value = environment[name] {
                append(value, from: index)
            } else if let fallback {
                append(fallback, from: index)
            } else {
                report(index, "environment variable '\(name)' is not set (write ${\(name):-default} to give a default)")
            }
            index = close + 1
        }
        return result
    }

    private static func split(_ inner: String) -> (name: String, fallback: String?) {
        guard let range = inner.range(of: ":-") else { return (inner, nil) }
        return (String(inner[..<range.lowerBound]), String(inner[range.upperBound...]))
    }
}
