import Foundation

/// Reads numbers written in files: plain (`1382.5`, `-3`) or in a locale's way (`1.382,5` in
/// vi-VN, `1 382,5` in fr-FR). Grouping separators are accepted only between groups of three
/// digits, so `1.38` in vi-VN is an error rather than silently 138.
public struct NumberReader: Sendable {
    private let decimalSeparator: Character
    private let groupingSeparators: Set<Character>
    /// Whether `1382.5` is read as written here (`.` the decimal mark, never a grouping
    /// separator), so that a cell of digits and one `.` can be read from its bytes directly.
    public let readsPointDecimals: Bool

    /// Plain numbers: `.` decimal mark, no grouping.
    public static let plain = NumberReader(decimal: ".", grouping: [])

    public init(locale: ReportLocale) {
        var grouping = Set(locale.groupingSeparator)
        // CLDR writes French and others with (narrow) no-break spaces; files carry plain ones.
        if grouping.contains("\u{202F}") || grouping.contains("\u{00A0}") { grouping.formUnion([" ", "\u{00A0}", "\u{202F}"]) }
        self.init(decimal: locale.decimalSeparator.first ?? ".", grouping: grouping)
    }

    private init(decimal: Character, grouping: Set<Character>) {
        decimalSeparator = decimal
        groupingSeparators = grouping
        readsPointDecimals = decimal == "." && !grouping.contains(".")
    }

    /// The digits a decimal keeps exactly (Foundation's `Decimal`: 38).
    public static let maximumSignificantDigits = 38

    /// The digits of `integer` and `fraction` between the first and the last that is not 0.
    public static func significantDigits(_ integer: some StringProtocol, _ fraction: some StringProtocol) -> Int {
        let digits = Array(integer.utf8) + Array(fraction.utf8)
        guard let first = digits.firstIndex(where: { $0 != UInt8(ascii: "0") }),
              let last = digits.lastIndex(where: { $0 != UInt8(ascii: "0") }) else { return 0 }
        return last - first + 1
    }

    public enum Number: Sendable, Hashable {
        case int(Int)
        case decimal(Decimal)
    }

    /// The number `text` writes, or `nil` when it is not a number in this notation.
    public func read(_ text: some StringProtocol) -> Number? {
        var characters = Substring(text)
        var negative = false
        if let sign = characters.first, sign == "-" || sign == "+" || sign == "\u{2212}" {
            negative = sign != "+"
            characters = characters.dropFirst()
        }
        var integerPart = "", fractionPart: String?
        var groupLength = 0, sawGrouping = false
        for character in characters {
            if character.isASCII, character.isNumber {
                if fractionPart != nil { fractionPart!.append(character) } else {
                    integerPart.append(character)
                    groupLength += 1
                }
            } else if character == decimalSeparator, fractionPart == nil {
                if sawGrouping, groupLength != 3 { return nil }
                fractionPart = ""
            } else if groupingSeparators.contains(character), fractionPart == nil {
                if integerPart.isEmpty || (sawGrouping ? groupLength != 3 : groupLength > 3) { return nil }
                sawGrouping = true
                groupLength = 0
            } else {
                return nil
            }
        }
        if sawGrouping, fractionPart == nil, groupLength != 3 { return nil }
        guard !integerPart.isEmpty || !(fractionPart ?? "").isEmpty else { return nil }
        // More significant digits than a decimal keeps would be rounded in silence.
        if integerPart.utf8.count + (fractionPart?.utf8.count ?? 0) > Self.maximumSignificantDigits,
           Self.significantDigits(integerPart, fractionPart ?? "") > Self.maximumSignificantDigits { return nil }
        if let fraction = fractionPart {
            guard !fraction.isEmpty || !integerPart.isEmpty,
                  let value = Decimal(string: (negative ? "-" : "") + (integerPart.isEmpty ? "0" : integerPart) + "." + (fraction.isEmpty ? "0" : fraction), locale: Locale(identifier: "en_US_POSIX"))
            else { return nil }
            return .decimal(value)
        }
        if let value = Int((negative ? "-" : "") + integerPart) { return .int(value) }
        guard let value = Decimal(string: (negative ? "-" : "") + integerPart, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        return .decimal(value)
    }
}
