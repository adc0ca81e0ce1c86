import ReportKit

/// How one column's numbers are written in a sheet, and the Excel format code that shows
/// them as the report's documents do: grouped or plain, the column's fraction digits, as a
/// percentage, signed, or with a currency's symbol.
struct NumberLayout {
    var isPercent = false
    var isPlain = false
    var isSigned = false
    var fractionDigits = 0
    /// What a currency writes around the digits (`$`, ` ₫`), taken from the documents' text.
    var prefix = "", suffix = ""
    /// The fraction digits a currency rounds to (VND none, USD two), instead of `decimals`.
    var roundsTo: Int?

    /// `#,##0.00`, `0.0%`, `"$"#,##0.00`, `+#,##0.00;-#,##0.00;#,##0.00`.
    var code: String {
        var digits = isPlain || isPercent ? "0" : "#,##0"
        if fractionDigits > 0 { digits += "." + String(repeating: "0", count: fractionDigits) }
        if isPercent { digits += "%" }
        let body = Self.quoted(prefix) + digits + Self.quoted(suffix)
        return isSigned ? "+\(body);-\(body);\(body)" : body
    }

    private static func quoted(_ text: String) -> String {
        text.isEmpty ? "" : "\"" + text.replacingOccurrences(of: "\"", with: "") + "\""
    }

    /// The layout a table block's `formats:` asks for (`formats: {gap: signed, price: currency}`);
    /// a currency's symbol and digits are read from the documents' text of the column.
    mutating func apply(_ format: ReportKit.ColumnFormat, written: [String], decimalSeparator: String) {
        switch format {
        case .percent: isPercent = true
        case .signed: isSigned = true
        case .signedPercent: (isPercent, isSigned) = (true, true)
        case .plain: isPlain = true
        case .currency, .signedCurrency:
            isSigned = format == .signedCurrency
            guard let sample = written.first(where: { $0.contains(where: \.isNumber) }) else { return }
            let unsigned = sample.drop { "+-−".contains($0) }
            prefix = String(unsigned.prefix { !$0.isNumber })
            let afterDigits = unsigned.reversed().prefix { !$0.isNumber }
            suffix = String(afterDigits.reversed())
            let digits = unsigned.dropFirst(prefix.count).dropLast(suffix.count)
            let fraction = digits.range(of: decimalSeparator).map { digits[$0.upperBound...].count } ?? 0
            fractionDigits = fraction
            roundsTo = fraction
        }
    }
}
