import Foundation

/// Writes values for people in a locale: `1.382`, `95,5`, `28/02/2025` in vi-VN; `1,382`,
/// `95.5`, `02/28/2025` in en-US. Decimals keep every digit they have; rounding is the
/// recipe's decision (`round()`), never the formatter's.
///
/// Holds a `DateFormatter`, so make one per rendering, not one per value.
public final class ValueFormatter {
    public let locale: ReportLocale
    private let integerStyle: IntegerFormatStyle<Int>
    private let dateFormatter: DateFormatter
    private let minusSign: String

    public init(locale: ReportLocale) {
        self.locale = locale
        integerStyle = IntegerFormatStyle<Int>().locale(locale.foundation)
        dateFormatter = DateFormatter()
        dateFormatter.locale = locale.foundation
        dateFormatter.timeZone = TimeZone(identifier: "UTC")
        dateFormatter.setLocalizedDateFormatFromTemplate("ddMMyyyy")
        let minusOne = (-1).formatted(integerStyle)
        minusSign = String(minusOne.dropLast())
    }

    /// The value as `column` says it is written: plain numbers without grouping.
    public func string(for value: Value, in column: Column) -> String {
        guard column.isPlain else { return string(for: value) }
        switch value {
        case .int(let number): return number < 0 ? minusSign + String(-number) : String(number)
        case .decimal(let number):
            let plain = number.plainText
            let negative = plain.hasPrefix("-")
            let digits = (negative ? String(plain.dropFirst()) : plain).replacingOccurrences(of: ".", with: locale.decimalSeparator)
            return (negative ? minusSign : "") + digits
        default: return string(for: value)
        }
    }

    public func string(for value: Value) -> String {
        switch value {
        case .null: return ""
        case .string(let text): return text
        case .int(let number): return number.formatted(integerStyle)
        case .decimal(let number): return string(for: number)
        case .date(let date): return string(for: date)
        case .bool(let flag): return flag ? "true" : "false"
        }
    }

    public func string(for number: Decimal) -> String {
        let plain = number.plainText
        let negative = plain.hasPrefix("-")
        let digits = negative ? plain.dropFirst() : Substring(plain)
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole: String
        if let integer = Int(parts[0]) { whole = integer.formatted(integerStyle) } else { whole = String(parts[0]) }
        let fraction = parts.count > 1 ? locale.decimalSeparator + parts[1] : ""
        return (negative ? minusSign : "") + whole + fraction
    }

    public func string(for date: CivilDate) -> String {
        var components = DateComponents()
        components.year = date.year
        components.month = date.month
        components.day = date.day
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let instant = calendar.date(from: components) else { return date.description }
        return dateFormatter.string(from: instant)
    }
}
