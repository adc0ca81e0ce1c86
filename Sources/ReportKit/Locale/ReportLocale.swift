import Foundation

/// A recipe's locale: how numbers and dates are written for people and read from files.
/// Every fact comes from Foundation's locale data (CLDR), never from a table of ours.
public struct ReportLocale: Sendable, Hashable, CustomStringConvertible {
    /// The BCP 47 tag as the recipe wrote it: `vi-VN`.
    public let identifier: String
    public let foundation: Locale
    public let decimalSeparator: String
    public let groupingSeparator: String
    /// Whether the locale writes the day before the month (`15/03/2020`).
    public let isDayFirst: Bool
    /// The recipe's `timezone` (default UTC): date-times without an offset are read as its
    /// local time, and every date-time is written, bucketed and cut into days in it. Carried
    /// with the locale since both decide how a moment is read and written.
    public private(set) var timeZone: TimeZone = .reportDefault

    public static let englishUS = ReportLocale(validated: "en-US")

    /// `nil` when Foundation knows no such locale.
    public init?(_ identifier: String) {
        guard Self.knownIdentifiers.contains(Self.canonical(identifier)) else { return nil }
        self.init(validated: identifier)
    }

    private init(validated identifier: String) {
        self.identifier = identifier
        foundation = Locale(identifier: Self.canonical(identifier))
        decimalSeparator = foundation.decimalSeparator ?? "."
        groupingSeparator = foundation.groupingSeparator ?? ","
        let formatter = DateFormatter()
        formatter.locale = foundation
        formatter.setLocalizedDateFormatFromTemplate("ddMMyyyy")
        let pattern = formatter.dateFormat ?? "MM/dd/yyyy"
        isDayFirst = (pattern.range(of: "d")?.lowerBound ?? pattern.endIndex)
            < (pattern.range(of: "M")?.lowerBound ?? pattern.endIndex)
    }

    /// The same locale in another time zone.
    public func `in`(_ zone: TimeZone) -> ReportLocale {
        var moved = self
        moved.timeZone = zone
        return moved
    }

    /// The language part of the tag: `vi` for `vi-VN`.
    public var languageCode: String {
        String(identifier.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "en").lowercased()
    }

    public var description: String { identifier }

    /// Known tags in BCP 47 form, for did-you-mean.
    public static var knownTags: [String] {
        knownIdentifiers.map { $0.replacingOccurrences(of: "_", with: "-") }.sorted()
    }

    /// "unknown locale 'en-UK' ...; did you mean 'en-GB'?"
    public static func unknownMessage(_ tag: String) -> String {
        // ISO 3166 reserves UK for the United Kingdom, whose code is GB: the commonest slip.
        let fixed = tag.replacingOccurrences(of: "-UK", with: "-GB").replacingOccurrences(of: "_UK", with: "-GB")
        let suggestion = ReportLocale(fixed) != nil && fixed != tag ? fixed : Suggestion.closest(to: tag, in: knownTags)
        return "unknown locale '\(tag)'; write a BCP 47 tag such as vi-VN or en-US"
            + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    }

    private static let knownIdentifiers = Set(Locale.availableIdentifiers)

    private static func canonical(_ identifier: String) -> String {
        identifier.replacingOccurrences(of: "-", with: "_")
    }

    public static func == (lhs: ReportLocale, rhs: ReportLocale) -> Bool { lhs.identifier == rhs.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }
}

extension TimeZone {
    /// UTC: a recipe without `timezone` gives the same report on every machine.
    public static let reportDefault = TimeZone(identifier: "UTC")!
}
