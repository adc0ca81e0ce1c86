/// "Did you mean ...?" for misspelt keys, ids, plugin types and names.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance (a swap of two neighbours counts once),
    /// when it is close enough to be a plausible typo; ties go to the first candidate.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let typed = Array(word.lowercased())
        let allowed = max(1, min(3, typed.count / 3))
        var best: (distance: Int, candidate: String)?
        for candidate in candidates where candidate != word {
            let other = Array(candidate.lowercased())
            let distance = editDistance(typed, other)
            // A rewrite of the whole word is no typo ("x" is not a misspelt "a").
            if distance <= allowed, distance < max(typed.count, other.count), distance < (best?.distance ?? .max) {
                best = (distance, candidate)
            }
        }
        return best?.candidate
    }

    /// `"; did you mean 'x'?"` or, when nothing is close, the list of what is allowed.
    public static func hint(for word: String, in candidates: [String], listing: Bool = true) -> String {
        if let match = closest(to: word, in: candidates) { return "; did you mean '\(match)'?" }
        guard listing, !candidates.isEmpty else { return "" }
        return " (expected " + (candidates.count == 1 ? "" : "one of ")
            + candidates.map { "'\($0)'" }.joined(separator: ", ") + ")"
    }

    /// Optimal string alignment distance.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
