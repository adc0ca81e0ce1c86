import Foundation

/// What a cell that is not of its column's type is told, in every source alike, with the hint
/// that gets a user unstuck: a decimal comma names the source's `locale`, a date in another
/// order suggests the `format` that reads it, a marker of a missing value says how to write one.
public enum BadCell {
    /// "'12,8' in column 'rate' is not a number; it is written with a decimal comma: ...".
    /// `place` is inserted after the column ("of the record at '/data/1'").
    public static func message(_ text: String, column: String, type: ColumnType, hasFormat: Bool = false,
                               place: String = "", cells: CellReader? = nil) -> String {
        "'\(text)' in column '\(column)'\(place) is not \(phrase(type, hasFormat: hasFormat))" + hint(for: text, type: type, hasFormat: hasFormat, cells: cells)
    }

    public static func phrase(_ type: ColumnType, hasFormat: Bool = false) -> String {
        switch type {
        case .int: return "an integer"
        case .decimal: return "a number"
        case .date: return hasFormat ? "a date in the column's format" : "a date (2020-03-15)"
        case .datetime: return hasFormat ? "a date-time in the column's format" : "a date-time (2024-03-15T14:23:00+07:00)"
        case .bool: return "true or false"
        case .string, .period: return "text"
        }
    }

    /// Words that exports write for "no value".
    static let missingMarkers: Set<String> = ["na", "n/a", "#n/a", "nan", "null", "none", "-", "--", ".", "?", "nil", "missing"]

    /// Why the cell is not read, when a likely reason shows in it; "" otherwise.
    /// `cells`: how the source reads cells (its number locale), when known.
    public static func hint(for text: String, type: ColumnType, hasFormat: Bool = false, cells: CellReader? = nil) -> String {
        let numbers = cells?.numbers ?? .plain, locale = cells?.dateLocale ?? .englishUS
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if missingMarkers.contains(trimmed.lowercased()) {
            return "; if '\(trimmed)' means no value, leave the cell empty or list it in the source's null_values"
        }
        switch type {
        case .int, .decimal:
            let digits = trimmed.drop { $0 == "-" || $0 == "+" }
            if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
                let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
                let count = NumberReader.significantDigits(parts[0], parts.count > 1 ? parts[1] : "")
                if count > NumberReader.maximumSignificantDigits {
                    return "; it has \(count) significant digits, and reportgen keeps \(NumberReader.maximumSignificantDigits) exactly (it would round the rest away)"
                }
            }
            // `1,382` in a column of integers is a grouped thousand, in one of numbers more
            // likely a decimal comma.
            if type == .int, looksLikeGrouped(trimmed) {
                return "; it is written with thousands separators: read the file with the source's locale (locale: en-US reads 1,382)"
            }
            // `1,234` reads both ways: a thousand and more in en-US, a little more than one in de-DE.
            if looksLikeDecimalComma(trimmed), looksLikeGrouped(trimmed) {
                return "; it is written with a comma that may group thousands or mark decimals: read the file with the source's locale (locale: en-US reads '\(trimmed)' as \(trimmed.filter { $0 != "," }), locale: de-DE as \(trimmed.replacingOccurrences(of: ",", with: ".")))"
            }
            if looksLikeDecimalComma(trimmed) {
                return "; it is written with a decimal comma: read the file with the source's locale (locale: vi-VN, de-DE, fr-FR, ...)"
            }
            if looksLikeGrouped(trimmed) {
                return "; it is written with thousands separators: read the file with the source's locale (locale: en-US reads 1,382)"
            }
            if type == .int, case .decimal? = numbers.read(Substring(trimmed)) { return "; the column is declared int: declare it decimal" }
        case .date:
            if isISOShaped(trimmed) { return "; there is no such day in the calendar" }
            if let format = guessFormat(trimmed, locale: locale) {
                return hasFormat ? "; it reads with format: '\(format)'" : "; give the column its format: {type: date, format: '\(format)'}"
            }
            if !hasFormat { return "; dates are read as 2020-03-15, 2020/03/15 or, in day-first locales, 15/03/2020; give the column a format such as {type: date, format: '%d %b %Y'}" }
        default:
            break
        }
        return ""
    }

    /// `12,8`, `1.382,5`, `-0,25`: digits with one comma and up to three fraction digits, or
    /// dots grouping thousands before the comma.
    static func looksLikeDecimalComma(_ text: String) -> Bool {
        let body = text.hasPrefix("-") ? Substring(text.dropFirst()) : Substring(text)
        let parts = body.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        let whole = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard let first = whole.first, !first.isEmpty, first.count <= (whole.count > 1 ? 3 : 18) else { return false }
        return whole.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } } && whole.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// `1,382` or `12,345,678.5`: commas grouping thousands.
    static func looksLikeGrouped(_ text: String) -> Bool {
        let body = text.hasPrefix("-") ? Substring(text.dropFirst()) : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return false }
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count >= 2, let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } } && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// `2025-02-30`: written as a date, but not one.
    static func isISOShaped(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.map(\.count) == [4, 2, 2] && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// A `format` that reads `text` as a date, from the ones exports use most.
    static func guessFormat(_ text: String, locale: ReportLocale) -> String? {
        let candidates = ["%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%m-%d-%Y", "%Y%m%d", "%m/%d/%y", "%d/%m/%y",
                          "%b %d %Y", "%b %d, %Y", "%d %b %Y", "%B %d, %Y", "%d %B %Y", "%Y-%m"]
        // The locale's own order first: 03/04/2015 is April 3rd in vi-VN, March 4th in en-US.
        let ordered = locale.isDayFirst ? candidates.sorted { $0.hasPrefix("%d") && !$1.hasPrefix("%d") } : candidates
        for format in ordered {
            if let pattern = try? DatePattern(format, locale: locale), pattern.read(text) != nil { return format }
        }
        return nil
    }
}
