/// The sentences of a text, for citing a match: from after the previous sentence end (`.`,
/// `!`, `?` or `;` before white space, or a blank line) to the next, white space collapsed. A
/// `.` between digits (`1.382`) ends nothing. Each sentence is made once, however many
/// matches it holds (a pattern matching everywhere once copied it at every match), and one
/// longer than ``longestCitation`` is cited by the part around the match, `…` marking the cuts.
struct PatternSentences {
    private let scalars: [Unicode.Scalar]
    /// Where sentences end, in order: found once, then looked up by binary search.
    private let ends: [Int]
    private var made: [ClosedRange<Int>: String] = [:]

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        var ends: [Int] = []
        for index in scalars.indices {
            let scalar = scalars[index]
            let isEnd = scalar == "\n" ? index + 1 < scalars.count && scalars[index + 1] == "\n"
                : [".", "!", "?", ";"].contains(scalar) && (index + 1 >= scalars.count || ScalarClass.isSpace(scalars[index + 1]))
            if isEnd { ends.append(index) }
        }
        self.ends = ends
    }

    /// The index in `ends` of the first end at or after `index`.
    private func firstEnd(atOrAfter index: Int) -> Int {
        var low = 0, high = ends.count
        while low < high {
            let middle = (low + high) / 2
            if ends[middle] < index { low = middle + 1 } else { high = middle }
        }
        return low
    }

    mutating func sentence(around range: Range<Int>) -> String {
        let before = firstEnd(atOrAfter: range.lowerBound) - 1
        let first = before >= 0 ? ends[before] + 1 : 0
        let after = firstEnd(atOrAfter: max(range.upperBound - 1, range.lowerBound))
        let last = min(after < ends.count ? ends[after] : scalars.count - 1, scalars.count - 1)
        guard first <= last else { return "" }
        // A "sentence" of thousands of characters (a text without full stops) is cited by the
        // part around the match: each row would otherwise carry all of it.
        var cited = first...last, cut = (before: false, after: false)
        if cited.count > Self.longestCitation {
            let margin = Self.longestCitation / 2
            let start = max(first, range.lowerBound - margin), end = min(last, max(range.upperBound, start + 1) - 1 + margin)
            cited = start...end
            cut = (start > first, end < last)
        }
        if let sentence = made[cited] { return sentence }
        let sentence = (cut.before ? "… " : "") + Self.collapsingWhiteSpace(scalars[cited]) + (cut.after ? " …" : "")
        made[cited] = sentence
        return sentence
    }

    /// The words of `scalars` with one space between them: white space is split on as
    /// `Character.isWhitespace` does, whose answer is the first scalar's. Scalar by scalar when
    /// no character joins white space to something else (a mark after a space, a prepended
    /// sign before one), as in almost all text; else by characters.
    /// The sentence is written as UTF-8 bytes and made a string once: appending to a
    /// string's scalar view checks and grows the string at every scalar.
    static func collapsingWhiteSpace(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var bytes: [UInt8] = [], pendingSpace = false, previousIsSpace: Bool?, previous: Unicode.Scalar?
        bytes.reserveCapacity(scalars.count + scalars.count / 2)
        for scalar in scalars {
            let isSpace = ScalarClass.isSpace(scalar)
            if isSpace {
                if let previous, !standsAlone(previous, minimum: 0x600) { return characterwise(scalars) }
                pendingSpace = !bytes.isEmpty
            } else {
                if previousIsSpace == true, !standsAlone(scalar, minimum: 0x300) { return characterwise(scalars) }
                if pendingSpace { bytes.append(UInt8(ascii: " ")) }
                pendingSpace = false
                if scalar.isASCII { bytes.append(UInt8(scalar.value)) } else { bytes.append(contentsOf: UTF8.encode(scalar)!) }
            }
            (previous, previousIsSpace) = (scalar, isSpace)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func characterwise(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(scalars)).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether `scalar`, next to white space, is a character of its own: below `minimum`, or a
    /// letter, digit, punctuation or symbol that joins nothing (marks and format characters may).
    private static func standsAlone(_ scalar: Unicode.Scalar, minimum: UInt32) -> Bool {
        if scalar.value < minimum || ScalarClass.isSpace(scalar) { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .decimalNumber, .dashPunctuation, .openPunctuation,
             .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation, .currencySymbol, .mathSymbol:
            return true
        default: return false
        }
    }

    /// The most characters of a sentence a row cites.
    static let longestCitation = 400
}
