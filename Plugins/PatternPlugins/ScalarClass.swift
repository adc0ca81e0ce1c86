/// A set of characters: ranges of scalars and the classes `\d \w \s`, maybe negated.
struct ScalarClass: Hashable {
    enum Shorthand: Hashable { case digit, word, space, notDigit, notWord, notSpace }

    var ranges: [ClosedRange<UInt32>] = []
    var shorthands: [Shorthand] = []
    var negated = false

    func contains(_ scalar: Unicode.Scalar, ignoringCase: Bool) -> Bool {
        var found = includes(scalar)
        if !found, ignoringCase {
            let lower = Self.fold(scalar)
            found = includes(lower) || Self.upper(scalar).map(includes) ?? false
        }
        return found != negated
    }

    private func includes(_ scalar: Unicode.Scalar) -> Bool {
        for range in ranges where range.contains(scalar.value) { return true }
        for shorthand in shorthands {
            switch shorthand {
            case .digit: if Self.isDigit(scalar) { return true }
            case .word: if Self.isWord(scalar) { return true }
            case .space: if Self.isSpace(scalar) { return true }
            case .notDigit: if !Self.isDigit(scalar) { return true }
            case .notWord: if !Self.isWord(scalar) { return true }
            case .notSpace: if !Self.isSpace(scalar) { return true }
            }
        }
        return false
    }

    /// White space as Unicode's White_Space property says: below U+2000 only these, so the
    /// property (a table search per question) is asked only above, not for Vietnamese letters
    /// (U+1E00...U+1EFF).
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x2000 { return value == 32 || (9...13).contains(value) || value == 0x85 || value == 0xA0 || value == 0x1680 }
        return scalar.properties.isWhitespace
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (48...57).contains(scalar.value) }
        if scalar.value < CaseTable.tabled { return CaseTable.shared.digit[Int(scalar.value)] }
        return scalar.properties.generalCategory == .decimalNumber
    }

    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < CaseTable.tabled { return CaseTable.shared.word[Int(scalar.value)] }
        return isWordByProperties(scalar)
    }

    fileprivate static func isWordByProperties(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (48...57).contains(value) || (65...90).contains(value) || (97...122).contains(value) || value == 95
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.generalCategory == .decimalNumber
            || [.nonspacingMark, .spacingMark, .enclosingMark, .connectorPunctuation].contains(properties.generalCategory)
    }

    /// The scalar's lower case when that is one scalar: how text and patterns are compared
    /// when case is ignored.
    @inline(__always)
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value < CaseTable.tabled { return Unicode.Scalar(CaseTable.shared.lower[Int(scalar.value)])! }
        return CaseTable.lower(scalar)
    }

    private static func upper(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        if scalar.value < CaseTable.tabled {
            let upper = CaseTable.shared.upper[Int(scalar.value)]
            return upper == CaseTable.none ? nil : Unicode.Scalar(upper)!
        }
        return CaseTable.upper(scalar)
    }
}

/// The one-scalar lower and upper cases of the scalars below ``tabled`` (Latin, Vietnamese,
/// Greek, Cyrillic), and which are digits and word characters, worked out once: the Unicode
/// tables build a `String` per case question, which cost more than the matching when every
/// character of every text was folded.
private struct CaseTable {
    static let tabled: UInt32 = 0x2000
    /// In ``upper``: the scalar has no one-scalar upper case.
    static let none = UInt32.max
    static let shared = CaseTable()

    let lower: [UInt32]
    let upper: [UInt32]
    let digit: [Bool]
    let word: [Bool]

    private init() {
        let scalars = (0..<Self.tabled).map { Unicode.Scalar($0)! }
        lower = scalars.map { Self.lower($0).value }
        upper = scalars.map { Self.upper($0)?.value ?? Self.none }
        digit = scalars.map { $0.properties.generalCategory == .decimalNumber }
        word = scalars.map(ScalarClass.isWordByProperties)
    }

    static func lower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII { return (65...90).contains(scalar.value) ? Unicode.Scalar(scalar.value + 32)! : scalar }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first! : scalar
    }

    static func upper(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let upper = scalar.properties.uppercaseMapping.unicodeScalars
        return upper.count == 1 ? upper.first! : nil
    }
}
