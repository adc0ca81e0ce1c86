import ReportKit

/// Words wrapped at a display width.
enum TextWrap {
    /// Paragraphs: lines broken between words; a word longer than the width stays whole (a
    /// web address broken in two no longer works).
    static func wrap(_ text: String, width: Int) -> String {
        lines(text, width: width, breakingWords: false).joined(separator: "\n")
    }

    /// The lines of `text` at most `width` wide, its own line breaks kept; with
    /// `breakingWords`, a longer word is cut where the width ends (table cells, whose columns
    /// must hold).
    static func lines(_ text: String, width: Int, breakingWords: Bool) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            var lines: [String] = [], current = "", currentWidth = 0
            for word in line.split(separator: " ") {
                var word = Substring(word), wordWidth = DisplayWidth.of(word)
                if !current.isEmpty, currentWidth + 1 + wordWidth > width {
                    lines.append(current)
                    current = ""
                    currentWidth = 0
                }
                while breakingWords, wordWidth > width {
                    // At least one character per line, even one wider than the column.
                    var (head, headWidth, rest) = cut(word, at: width - (current.isEmpty ? 0 : currentWidth + 1))
                    if head.isEmpty, !current.isEmpty {
                        lines.append(current)
                        current = ""
                        currentWidth = 0
                        continue
                    }
                    if head.isEmpty, let first = word.first {
                        (head, headWidth, rest) = (word.prefix(1), DisplayWidth.of(first), word.dropFirst())
                    }
                    lines.append(current.isEmpty ? String(head) : current + " " + head)
                    current = ""
                    currentWidth = 0
                    word = rest
                    // What is left is narrower by what was cut: measured once, not again per cut.
                    wordWidth -= headWidth
                }
                if word.isEmpty { continue }
                current += (current.isEmpty ? "" : " ") + word
                currentWidth += (currentWidth == 0 ? 0 : 1) + wordWidth
            }
            // A word cut to its end leaves nothing for another line; an empty line stays one.
            if !current.isEmpty || lines.isEmpty { lines.append(current) }
            return lines
        }
    }

    /// The longest start of `word` at most `width` wide, its width, and the rest.
    private static func cut(_ word: Substring, at width: Int) -> (Substring, Int, Substring) {
        var used = 0, end = word.startIndex
        for character in word {
            let next = DisplayWidth.of(character)
            if used + next > width { break }
            used += next
            end = word.index(after: end)
        }
        return (word[..<end], used, word[end...])
    }
}
