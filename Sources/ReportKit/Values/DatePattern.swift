import Foundation

/// A date format as a recipe writes it, strftime style: `%Y` (2025), `%y` (25), `%m` (03 or 3),
/// `%d` and `%e` (15), `%b` and `%B` (month names in the locale), `%%`; other characters match
/// themselves. Month names come from Foundation's locale data.
public struct DatePattern: Sendable {
    enum Token: Sendable, Equatable {
        case literal(Character), year, shortYear, month, day, monthName
    }

    let tokens: [Token]
    let monthNames: [[String]]

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    public init(_ pattern: String, locale: ReportLocale) throws {
        var tokens: [Token] = []
        var characters = pattern.makeIterator()
        while let character = characters.next() {
            guard character == "%" else {
                tokens.append(.literal(character))
                continue
            }
            switch characters.next() {
            case "Y": tokens.append(.year)
            case "y": tokens.append(.shortYear)
            case "m": tokens.append(.month)
            case "d", "e": tokens.append(.day)
            case "b", "B", "h": tokens.append(.monthName)
            case "%": tokens.append(.literal("%"))
            case let other:
                throw Invalid(description: "'%\(other.map(String.init) ?? "")' in the date format '\(pattern)' is not supported; "
                    + "use %Y %y %m %d %e %b %B and literal characters")
            }
        }
        guard tokens.contains(where: { $0 == .year || $0 == .shortYear }),
              tokens.contains(where: { $0 == .month || $0 == .monthName }), tokens.contains(.day)
        else { throw Invalid(description: "the date format '\(pattern)' needs a year, a month and a day") }
        self.tokens = tokens
        let formatter = DateFormatter()
        formatter.locale = locale.foundation
        // Index i holds every spelling of month i+1, longest first so that "June" wins over "Jun".
        let spellings = [formatter.monthSymbols, formatter.shortMonthSymbols,
                         formatter.standaloneMonthSymbols, formatter.shortStandaloneMonthSymbols]
        monthNames = (0..<12).map { month in
            Set(spellings.map { $0[month].lowercased() }).sorted { $0.count > $1.count }
        }
    }

    public func read(_ text: some StringProtocol) -> CivilDate? {
        var rest = Substring(text)
        var year: Int?, month: Int?, day: Int?
        for token in tokens {
            switch token {
            case .literal(let character):
                guard rest.first == character else { return nil }
                rest = rest.dropFirst()
            case .year: year = Self.digits(&rest, min: 4, max: 4)
            case .shortYear: year = Self.digits(&rest, min: 2, max: 2).map { 2000 + $0 }
            case .month: month = Self.digits(&rest, min: 1, max: 2)
            case .day: day = Self.digits(&rest, min: 1, max: 2)
            case .monthName: month = monthName(&rest)
            }
        }
        guard rest.isEmpty, let year, let month, let day else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    private func monthName(_ rest: inout Substring) -> Int? {
        let lowered = rest.lowercased()
        for (index, names) in monthNames.enumerated() {
            if let name = names.first(where: { lowered.hasPrefix($0) }) {
                rest = rest.dropFirst(name.count)
                return index + 1
            }
        }
        return nil
    }

    private static func digits(_ rest: inout Substring, min: Int, max: Int) -> Int? {
        let run = rest.prefix { $0.isASCII && $0.isNumber }.prefix(max)
        guard run.count >= min, let value = Int(run) else { return nil }
        rest = rest.dropFirst(run.count)
        return value
    }
}
