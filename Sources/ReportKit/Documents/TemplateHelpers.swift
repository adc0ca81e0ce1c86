import Foundation
import Mustache

/// A value as templates see it: written in the locale, and false in a section when it is
/// false or null, as the Mustache spec says (`{{#up}}rose{{/up}}{{^up}}fell{{/up}}` with `up`
/// false writes "fell"; a change that is null writes neither), where its text alone ("false",
/// "–") would count as true. Helpers (swift-mustache's transforms, ``TemplateHelpers``) write
/// it another way: `{{signed(change)}}`, `{{percent(decimals1(rate))}}`.
///
/// Its stored properties have names no column takes: inside `{{#flag}}...{{/flag}}` Mustache
/// looks names up on the value first (by reflection) and must find nothing there.
public struct TemplateValue: MustacheCustomRenderable, MustacheTransformable, CustomStringConvertible {
    fileprivate let _reportgenValue: Value
    fileprivate let _reportgenText: String
    fileprivate let _reportgenHelpers: TemplateHelpers

    init(_ value: Value, _ text: String, helpers: TemplateHelpers) {
        _reportgenValue = value
        _reportgenText = text
        _reportgenHelpers = helpers
    }

    public var renderText: String { _reportgenText }
    public var isNull: Bool { _reportgenValue.isNull || _reportgenValue == .bool(false) }
    public var description: String { _reportgenText }

    public func transform(_ name: String) -> Any? {
        _reportgenHelpers.apply(name, to: _reportgenValue, written: _reportgenText)
    }
}

/// The helpers a template may apply to a value, `{{helper(name)}}`, nested from the inside
/// out (`{{percent(decimals1(rate))}}`): what a narrative needs without a column per wording.
///
/// - Numbers: `percent` (`95,5%`: the number is already a percentage), `signed` (`+5`, `-3`),
///   `signed_percent`, `currency`, `signed_currency`, `plain` (no grouping), `abs`, and
///   `decimals0` ... `decimals4` (exactly that many fraction digits, rounded half away from zero).
/// - Choosing a word, in sections: `positive`, `negative`, `zero`; and, for a compare's status,
///   `exceeded`, `met`, `missed` (`{{#missed(status)}}...{{/missed(status)}}`).
/// - Dates and periods: `year`, `month`, `day`, `long` (`15 March 2025`; vi-VN `ngày 15 tháng 3
///   năm 2025`), `code` (`2025-Q3`, `2025-03-15`, as files name them).
final class TemplateHelpers {
    /// `signed(percent(x))` as the name `x` and the helpers applied to it, outermost first;
    /// `nil` when the parentheses do not close as Mustache requires.
    static func split(_ tag: some StringProtocol) -> (name: String, helpers: [String])? {
        var rest = Substring(tag), helpers: [String] = []
        while let open = rest.firstIndex(of: "(") {
            helpers.append(String(rest[..<open]))
            rest = rest[rest.index(after: open)...]
        }
        let closing = rest.reversed().prefix { $0 == ")" }.count
        guard closing == helpers.count else { return nil }
        return (String(rest.dropLast(closing)), helpers)
    }

    static let names = ["percent", "signed", "signed_percent", "currency", "signed_currency", "plain", "abs"]
        + (0...4).map { "decimals\($0)" } + ["positive", "negative", "zero", "exceeded", "met", "missed"]
        + ["year", "month", "day", "long", "code"]

    let formatter: ValueFormatter
    private lazy var formats = ColumnFormatting(formatter: formatter, currencyCode: nil)
    private lazy var words = ReportWords(locale: formatter.locale)
    private lazy var longDates: DateFormatter = {
        let dates = DateFormatter()
        dates.locale = formatter.locale.foundation
        dates.timeZone = TimeZone(identifier: "UTC")
        dates.dateStyle = .long
        return dates
    }()

    init(formatter: ValueFormatter) {
        self.formatter = formatter
    }

    /// What `name` makes of a value written `text`; `nil` for no such helper (checked when the
    /// recipe loads, so a run never meets one).
    func apply(_ name: String, to value: Value, written text: String) -> Any? {
        if let format = ColumnFormat(rawValue: name) {
            return TemplateValue(value, formats.string(value, written: text, in: Column("", value.type ?? .decimal), format: format), helpers: self)
        }
        if name.hasPrefix("decimals"), let digits = Int(name.dropFirst("decimals".count)), let number = value.decimalValue {
            return TemplateValue(value, ValueFormatter(locale: formatter.locale, maximumFractionDigits: digits,
                                                       minimumFractionDigits: digits).string(for: number), helpers: self)
        }
        let number = value.decimalValue
        switch name {
        case "abs":
            guard let number else { return TemplateValue(value, text, helpers: self) }
            let magnitude: Value = number < DecimalNumber(0) ? Value.negate(value) : value
            return TemplateValue(magnitude, formatter.string(for: magnitude), helpers: self)
        case "positive": return number.map { $0 > DecimalNumber(0) } ?? false
        case "negative": return number.map { $0 < DecimalNumber(0) } ?? false
        case "zero": return number.map { $0 == DecimalNumber(0) } ?? false
        case "exceeded": return text == words.exceeded
        case "met": return text == words.met
        case "missed": return text == words.missed
        case "year", "month", "day":
            guard let date = Self.date(of: value) else { return TemplateValue(.null, ValueFormatter.noValue, helpers: self) }
            let part = name == "year" ? date.year : name == "month" ? date.month : date.day
            return TemplateValue(.int(part), String(part), helpers: self)
        case "long":
            if case .period(let bucket) = value { return TemplateValue(value, formatter.string(for: bucket), helpers: self) }
            guard let date = Self.date(of: value), let instant = Self.instant(date) else { return TemplateValue(value, text, helpers: self) }
            // Vietnamese documents write "ngày 15 tháng 3 năm 2025" (Decree 30/2020), not CLDR's "15 tháng 3, 2025".
            if formatter.locale.languageCode == "vi" {
                return TemplateValue(value, "ngày \(date.day) tháng \(date.month) năm \(date.year)", helpers: self)
            }
            return TemplateValue(value, longDates.string(from: instant), helpers: self)
        case "code":
            return TemplateValue(value, value.plainText, helpers: self)
        default:
            return nil
        }
    }

    private static func date(of value: Value) -> CivilDate? {
        switch value {
        case .date(let date): return date
        case .period(let bucket): return bucket.start
        default: return nil
        }
    }

    private static func instant(_ date: CivilDate) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))
    }
}
