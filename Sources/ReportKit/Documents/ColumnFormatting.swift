import Foundation

/// Writes a table column's numbers as its block's `formats:` ask: percent and currency with
/// the locale's CLDR patterns (`95,5%` and `1.503 ₫` in vi-VN, `95,5 %` and `1.503,10 €` in
/// de-DE), signed with the locale's plus sign. Made once per table.
struct ColumnFormatting {
    private let formatter: ValueFormatter
    private let plusSign: String
    private let percent: (prefix: String, suffix: String)
    private let currency: (prefix: String, suffix: String, digits: Int)

    /// `currencyCode` (ISO 4217) or the locale's currency.
    init(formatter: ValueFormatter, currencyCode: String?) {
        self.formatter = formatter
        let locale = formatter.locale.foundation
        let percentStyle = NumberFormatter()
        percentStyle.locale = locale
        percentStyle.numberStyle = .percent
        plusSign = percentStyle.plusSign ?? "+"
        let (before, after) = Self.affixes(of: percentStyle.positiveFormat ?? "#,##0%")
        percent = (before.replacingOccurrences(of: "%", with: percentStyle.percentSymbol ?? "%"),
                   after.replacingOccurrences(of: "%", with: percentStyle.percentSymbol ?? "%"))
        let currencyStyle = NumberFormatter()
        currencyStyle.locale = locale
        currencyStyle.numberStyle = .currency
        let ownCode = currencyStyle.currencyCode
        if let currencyCode { currencyStyle.currencyCode = currencyCode }
        let symbol = currencyStyle.currencySymbol ?? currencyCode ?? ""
        let pattern = currencyStyle.positiveFormat ?? "¤#,##0.00"
        let (prefix, suffix) = Self.affixes(of: pattern)
        // A currency's minor unit is the fraction digits of a pattern of a locale that uses it
        // (VND none, USD two), not of this locale's pattern for its own currency.
        let digits = Self.fractionDigits(of: currencyCode == nil || currencyCode == ownCode ? pattern : Self.homePattern(of: currencyCode ?? ""))
        currency = (prefix.replacingOccurrences(of: "¤", with: symbol), suffix.replacingOccurrences(of: "¤", with: symbol), digits)
    }

    /// The cell `written` (as the table writes `value`) in `format`.
    func string(_ value: Value, written: String, in column: Column, format: ColumnFormat) -> String {
        guard let number = value.decimalValue, value != .null else { return written }
        let sign = number > DecimalNumber(0) ? plusSign : ""
        switch format {
        case .percent: return percent.prefix + written + percent.suffix
        case .signed: return sign + written
        case .signedPercent: return sign + percent.prefix + written + percent.suffix
        case .currency, .signedCurrency:
            let magnitude = number < DecimalNumber(0) ? DecimalNumber(0) - number : number
            let digits = ValueFormatter(locale: formatter.locale, maximumFractionDigits: currency.digits,
                                        minimumFractionDigits: currency.digits).string(for: magnitude)
            let lead = number < DecimalNumber(0) ? formatter.string(for: .int(-1)).dropLast() : format == .signedCurrency ? Substring(sign) : ""
            return lead + currency.prefix + digits + currency.suffix
        case .plain:
            var plain = column
            plain.isDeclaredPlain = true
            return formatter.string(for: value, in: plain)
        }
    }

    /// What a number pattern writes before and after the digits: `¤` and `` for `¤#,##0.00`.
    private static func affixes(of pattern: String) -> (String, String) {
        let digits = pattern.indices.filter { "#0,.".contains(pattern[$0]) }
        guard let first = digits.first, let last = digits.last else { return ("", "") }
        return (String(pattern[..<first]), String(pattern[pattern.index(after: last)...]))
    }

    private static func fractionDigits(of pattern: String) -> Int {
        guard let dot = pattern.firstIndex(of: ".") else { return 0 }
        return pattern[pattern.index(after: dot)...].prefix { $0 == "0" }.count
    }

    private static func homePattern(of code: String) -> String {
        for identifier in Locale.availableIdentifiers.sorted() where Locale(identifier: identifier).currency?.identifier == code {
            let style = NumberFormatter()
            style.locale = Locale(identifier: identifier)
            style.numberStyle = .currency
            if let pattern = style.positiveFormat { return pattern }
        }
        return "¤#,##0.00"
    }
}
