import Foundation

/// Names that Excel accepts for sheets, each used once: at most 31 characters, none of
/// `[ ] : * ? / \`, no apostrophe at either end, not empty, not `History` (which Excel keeps
/// for itself), and unique without regard to case.
struct SheetNames {
    static let limit = 31
    private var used: Set<String> = []

    /// `wanted` made valid and unique (`Kết nạp (2)` for a second `Kết nạp`); `fallback` when
    /// nothing of `wanted` remains.
    mutating func name(for wanted: String, fallback: String) -> String {
        var base = Self.valid(wanted)
        if base.isEmpty { base = Self.valid(fallback) }
        var candidate = base, number = 1
        while used.contains(candidate.lowercased()) || candidate.lowercased() == "history" {
            number += 1
            let suffix = " (\(number))"
            candidate = Self.truncated(base, to: Self.limit - suffix.utf16.count) + suffix
        }
        used.insert(candidate.lowercased())
        return candidate
    }

    static func valid(_ text: String) -> String {
        var cleaned = ""
        for character in text {
            if "[]:*?/\\".contains(character) {
                cleaned.append("-")
            } else if character.unicodeScalars.allSatisfy({ XMLText.isAllowed($0) }) {
                cleaned.append(character)
            } else {
                cleaned.append(" ")
            }
        }
        let words = cleaned.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var name = truncated(words.trimmingCharacters(in: .init(charactersIn: "'")), to: limit)
        while name.last == "'" || name.last == " " { name.removeLast() }
        return name
    }

    /// Whole characters of `text` up to `units` UTF-16 code units, which is how Excel counts.
    static func truncated(_ text: String, to units: Int) -> String {
        var result = "", count = 0
        for character in text {
            count += character.utf16.count
            if count > units { break }
            result.append(character)
        }
        return result
    }
}
