/// Finds expressions that YAML's flow style cut at their commas. In `{a: count(if(x = 'y', 1,
/// null))}` a comma ends a value, so YAML reads `a: count(if(x = 'y'`, then keys `1` and
/// `null))` without values; the user sees three baffling errors unless one says what happened.
/// The sign: a plain value that opens more parentheses than it closes, followed by pieces
/// without values that close them.
enum FlowCut {
    struct Run {
        /// The expression as it was meant, pieces joined again.
        var text: String
        /// The indices of the pieces after the first.
        var pieces: Set<Int>
    }

    /// Runs in a mapping's pairs, by the index of the pair whose value starts one: the pieces
    /// are the keys of the pairs after it that have no value.
    static func inMap(_ pairs: [YAMLPair]) -> [Int: Run] {
        runs(starts: pairs.map { plain($0.value) }, pieces: pairs.map { $0.value.resolved == .null ? plain($0.key) : nil })
    }

    /// Runs in a list's items, by the index of the item that starts one.
    static func inList(_ items: [YAMLNode]) -> [Int: Run] {
        runs(starts: items.map(plain), pieces: items.map(plain))
    }

    /// A run starts at a text that opens more parentheses than it closes and takes the pieces
    /// after it until they close.
    private static func runs(starts: [String?], pieces: [String?]) -> [Int: Run] {
        var runs: [Int: Run] = [:]
        var index = 0
        while index < starts.count {
            defer { index += 1 }
            guard let start = starts[index], balance(start) > 0 else { continue }
            var text = start, open = balance(start), next = index + 1, taken = Set<Int>()
            while open > 0, next < pieces.count, let piece = pieces[next] {
                text += ", " + piece
                open += balance(piece)
                taken.insert(next)
                next += 1
            }
            if !taken.isEmpty {
                runs[index] = Run(text: text, pieces: taken)
                index = next - 1
            }
        }
        return runs
    }

    static func message(_ text: String, key: String?) -> String {
        let written = key.map { "\($0): \"\(text)\"" } ?? "\"\(text)\""
        return "YAML cut this expression at its commas: in a flow {...} or [...], a comma ends a value. Quote the expression: \(written)"
            + ", or write the mapping one key per line"
    }

    private static func plain(_ node: YAMLNode) -> String? {
        if case .scalar(let text, .plain) = node.content { return text }
        return nil
    }

    /// Opened minus closed parentheses, outside quotes.
    static func balance(_ text: String) -> Int {
        var depth = 0
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
            }
        }
        return depth
    }
}
