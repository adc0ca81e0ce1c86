import Foundation

/// Writes values for people in a locale: `1.382`, `95,5`, `28/02/2025` in vi-VN; `1,382`,
/// `95.5`, `02/28/2025` in en-US. Decimals keep every digit they have; rounding is the
/// recipe's decision (`round()`), never the formatter's.
///
/// Holds `DateFormatter`s, made when first needed, so make one per rendering, not one per value.
public final class ValueFormatter {
    public let locale: ReportLocale
    /// Decimals are rounded (half away from zero) to at most this many fraction digits; `nil`
    /// writes every digit.
    public let maximumFractionDigits: Int?
    /// Decimals show at least this many fraction digits, padded with zeros.
    public let minimumFractionDigits: Int
    private let integerStyle: IntegerFormatStyle<Int>
    // Lazy: each costs about a millisecond to make, and most renderings write numbers only.
    private lazy var dateFormatter = makeDateFormatter("ddMMyyyy")
    private lazy var monthFormatter = makeDateFormatter("MMyyyy")
    private lazy var quarterFormatter = makeDateFormatter("QQQyyyy")
    /// A date-time in the recipe's time zone, with the locale's clock (`15/03/2024 14:23`,
    /// `03/15/2024, 2:23 PM`).
    private lazy var dateTimeFormatter: DateFormatter = {
        let formatter = makeDateFormatter("ddMMyyyyjjmm")
        formatter.timeZone = locale.timeZone
        return formatter
    }()
    private let minusSign: String

    public init(locale: ReportLocale, maximumFractionDigits: Int? = nil, minimumFractionDigits: Int = 0) {
        self.locale = locale
        self.maximumFractionDigits = maximumFractionDigits
        self.minimumFractionDigits = minimumFractionDigits
        integerStyle = IntegerFormatStyle<Int>().locale(locale.foundation)
        let minusOne = (-1).formatted(integerStyle)
        minusSign = String(minusOne.dropLast())
    }

    private func makeDateFormatter(_ template: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = locale.foundation
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.setLocalizedDateFormatFromTemplate(template)
        return formatter
    }

    public static let noValue = "–"

    /// The value as `column` says it is written: plain numbers without grouping.
    public func string(for value: Value, in column: Column) -> String {
        guard column.isPlain else { return string(for: value) }
        switch value {
        case .int(let number): return number < 0 ? minusSign + String(-number) : String(number)
        case .decimal(let number):
            let plain = shown(number)
            let negative = plain.hasPrefix("-")
            let digits = (negative ? String(plain.dropFirst()) : plain).replacingOccurrences(of: ".", with: locale.decimalSeparator)
            return padded((negative ? minusSign : "") + digits, from: fractionDigits(of: number), to: minimumFractionDigits)
        default: return string(for: value)
        }
    }

    /// Null is written "–", in tables and text alike: a figure without a value must not read
    /// as a blank someone forgot, nor as 0.
    public func string(for value: Value) -> String {
        switch value {
        case .null: return Self.noValue
        case .string(let text): return text
        case .int(let number): return number.formatted(integerStyle)
        case .decimal(let number): return string(for: number)
        case .date(let date): return string(for: date)
        case .datetime(let instant): return dateTimeFormatter.string(from: instant.foundationDate)
        case .bool(let flag): return flag ? "true" : "false"
        case .period(let bucket): return string(for: bucket)
        }
    }

    /// A bucket in the locale's words where CLDR has them: `2025`, `Q3 2025`, `08/2025`, a date
    /// for days; halves and weeks have no CLDR form and are written `H1 2025` and `2025-W07`.
    /// Vietnamese is written as offices write it, not as CLDR has it (`Quý I/2025`, `tháng
    /// 1/2025`, `6 tháng đầu năm 2025`, `tuần 7/2025`).
    public func string(for bucket: PeriodBucket) -> String {
        if locale.languageCode == "vi" { return Self.vietnamese(bucket) ?? string(for: bucket.start) }
        switch bucket.unit {
        case .year: return String(bucket.start.year)
        case .half: return "H\(bucket.start.month <= 6 ? 1 : 2) \(bucket.start.year)"
        case .quarter: return quarterFormatter.string(from: instant(bucket.start) ?? Date())
        case .month: return monthFormatter.string(from: instant(bucket.start) ?? Date())
        case .week: return bucket.code
        case .day: return string(for: bucket.start)
        }
    }

    /// The period's label in the coarsest unit that fits it (a whole year is `2024` even when
    /// it is cut into months): one bucket's words, or the first and last joined by an en dash
    /// (`2020–2025`, `Q3 2025`); dates when the period does not start and end on whole months.
    /// Vietnamese names one year `năm 2025`, one half `6 tháng đầu năm 2025`, and a span of
    /// years `2020–2025` (as in "nhiệm kỳ 2020–2025").
    public func label(for period: PeriodSpec) -> String {
        for unit in [PeriodUnit.year, .half, .quarter, .month] {
            let first = PeriodBucket(containing: period.start, unit: unit), last = PeriodBucket(containing: period.end, unit: unit)
            guard first.start == period.start, last.end == period.end else { continue }
            // Halves are named only alone: a run of them reads better in quarters or months.
            if unit == .half, first != last { continue }
            if unit == .year, first == last, locale.languageCode == "vi" { return "năm \(first.start.year)" }
            let from = string(for: first), to = string(for: last)
            return from == to ? from : "\(from)–\(to)"
        }
        let from = string(for: period.start), to = string(for: period.end)
        return from == to ? from : "\(from)–\(to)"
    }

    /// A bucket as Vietnamese offices write it (Quý I/2025, tháng 1/2025); `nil` for days.
    static func vietnamese(_ bucket: PeriodBucket) -> String? {
        let year = bucket.start.year
        switch bucket.unit {
        case .year: return String(year)
        case .half: return bucket.start.month <= 6 ? "6 tháng đầu năm \(year)" : "6 tháng cuối năm \(year)"
        case .quarter: return "Quý \(["I", "II", "III", "IV"][(bucket.start.month - 1) / 3])/\(year)"
        case .month: return "tháng \(bucket.start.month)/\(year)"
        case .week:
            let (weekYear, week) = bucket.start.isoWeek
            return "tuần \(week)/\(weekYear)"
        case .day: return nil
        }
    }

    private func instant(_ date: CivilDate) -> Date? {
        var components = DateComponents()
        components.year = date.year
        components.month = date.month
        components.day = date.day
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components)
    }

    /// The digits of `number` as documents show it: rounded once, here, to at most
    /// ``maximumFractionDigits``.
    private func shown(_ number: DecimalNumber) -> String {
        (maximumFractionDigits.map { number.rounded($0) } ?? number).plainText
    }

    /// How many fraction digits `number` shows once rounded for display.
    public func fractionDigits(of number: DecimalNumber) -> Int {
        let plain = shown(number)
        return plain.firstIndex(of: ".").map { plain.distance(from: $0, to: plain.endIndex) - 1 } ?? 0
    }

    /// `number` with at least `minimumFractionDigits` fraction digits, so that a column of
    /// numbers shows the same number of digits in every row (`98,0` beside `97,8`).
    public func string(for number: DecimalNumber, minimumFractionDigits: Int) -> String {
        padded(grouped(number), from: fractionDigits(of: number), to: max(minimumFractionDigits, self.minimumFractionDigits))
    }

    public func string(for number: DecimalNumber) -> String {
        string(for: number, minimumFractionDigits: minimumFractionDigits)
    }

    /// `text`, a number showing `digits` fraction digits, with zeros up to `minimum`.
    private func padded(_ text: String, from digits: Int, to minimum: Int) -> String {
        guard minimum > digits else { return text }
        return text + (digits == 0 ? locale.decimalSeparator : "") + String(repeating: "0", count: minimum - digits)
    }

    /// The digits of `number` in the locale, grouped, without padding.
    private func grouped(_ number: DecimalNumber) -> String {
        let plain = shown(number)
        let negative = plain.hasPrefix("-")
        let digits = negative ? plain.dropFirst() : Substring(plain)
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole: String
        if let integer = Int(parts[0]) { whole = integer.formatted(integerStyle) } else { whole = String(parts[0]) }
        let fraction = parts.count > 1 ? locale.decimalSeparator + parts[1] : ""
        return (negative ? minusSign : "") + whole + fraction
    }

    public func string(for date: CivilDate) -> String {
        guard let instant = instant(date) else { return date.description }
        return dateFormatter.string(from: instant)
    }
}
