import Foundation

/// A date or date-time format as a recipe writes it, strftime style: `%Y` (2025), `%y` (25),
/// `%m` (03 or 3), `%d` and `%e` (15), `%b` and `%B` (month names in the locale), and for
/// date-times `%H` (00-23), `%I` (1-12) with `%p` (AM/PM), `%M`, `%S` (with an optional fraction),
/// `%z` (`Z`, `+07:00`, `+0700`); `%%`; other characters match themselves. Month names and AM/PM
/// come from Foundation's locale data.
public struct DatePattern: Sendable {
    enum Token: Sendable, Equatable {
        case literal(Character), year, shortYear, month, day, monthName
        case hour, hour12, minute, second, ampm, offset
    }

    let tokens: [Token]
    let monthNames: [[String]]
    /// AM and PM in the locale, then in English (exports write them so whatever the locale).
    let dayHalves: [String]

    /// Whether the format reads a time of day: a date-time column's format.
    public var hasTime: Bool {
        tokens.contains { [.hour, .hour12, .minute, .second, .offset].contains($0) }
    }

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
            case "H": tokens.append(.hour)
            case "I": tokens.append(.hour12)
            case "M": tokens.append(.minute)
            case "S": tokens.append(.second)
            case "p": tokens.append(.ampm)
            case "z": tokens.append(.offset)
            case "%": tokens.append(.literal("%"))
            case let other:
                throw Invalid(description: "'%\(other.map(String.init) ?? "")' in the date format '\(pattern)' is not supported; "
                    + "use %Y %y %m %d %e %b %B, %H %I %M %S %p %z and literal characters")
            }
        }
        if tokens.contains(.hour12) != tokens.contains(.ampm) {
            throw Invalid(description: "the format '\(pattern)' needs %I and %p together (a 12-hour clock and AM/PM); use %H for 0-23")
        }
        guard tokens.contains(where: { $0 == .year || $0 == .shortYear }),
              tokens.contains(where: { $0 == .month || $0 == .monthName }), tokens.contains(.day)
        else { throw Invalid(description: "the date format '\(pattern)' needs a year, a month and a day") }
        self.tokens = tokens
        let formatter = DateFormatter()
        formatter.locale = locale.foundation
        dayHalves = [formatter.amSymbol.lowercased(), formatter.pmSymbol.lowercased(), "am", "pm"]
        // Index i holds every spelling of month i+1, longest first so that "June" wins over "Jun".
        let spellings = [formatter.monthSymbols, formatter.shortMonthSymbols,
                         formatter.standaloneMonthSymbols, formatter.shortStandaloneMonthSymbols]
        monthNames = (0..<12).map { month in
            Set(spellings.map { $0[month].lowercased() }).sorted { $0.count > $1.count }
        }
    }

    /// The date `text` holds (its time, if the format has one, read and set aside).
    public func read(_ text: some StringProtocol) -> CivilDate? {
        fields(of: text)?.date
    }

    /// The moment `text` holds: at its offset (`%z`), else as a wall-clock time in `zone`.
    public func readInstant(_ text: some StringProtocol, in zone: TimeZone) -> Instant? {
        guard let fields = fields(of: text) else { return nil }
        if let offset = fields.offset {
            return Instant(date: fields.date, hour: fields.hour, minute: fields.minute, second: fields.second,
                           nanoseconds: fields.nanoseconds, offset: offset)
        }
        return Instant(date: fields.date, hour: fields.hour, minute: fields.minute, second: fields.second,
                       nanoseconds: fields.nanoseconds, in: zone)
    }

    private struct Fields {
        var date: CivilDate
        var hour = 0, minute = 0, second = 0, nanoseconds = 0
        var offset: Int?
    }

    private func fields(of text: some StringProtocol) -> Fields? {
        var rest = Substring(text)
        var year: Int?, month: Int?, day: Int?
        var hour = 0, minute = 0, second = 0, nanoseconds = 0, offset: Int?, isPM: Bool?
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
            case .hour, .hour12:
                guard let value = Self.digits(&rest, min: 1, max: 2), value < (token == .hour ? 24 : 13) else { return nil }
                hour = value
            case .minute:
                guard let value = Self.digits(&rest, min: 2, max: 2), value < 60 else { return nil }
                minute = value
            case .second:
                var clock = Substring("00:00:") + rest
                guard let time = ClockTime.read(&clock) else { return nil }
                (second, nanoseconds) = (time.second, time.nanoseconds)
                rest = clock
            case .ampm:
                let lowered = rest.lowercased()
                guard let half = dayHalves.firstIndex(where: { !$0.isEmpty && lowered.hasPrefix($0) }) else { return nil }
                isPM = half % 2 == 1
                rest = rest.dropFirst(dayHalves[half].count)
            case .offset:
                guard let value = ClockTime.offset(&rest) else { return nil }
                offset = value
            }
        }
        guard rest.isEmpty, let year, let month, let day, let date = CivilDate(year: year, month: month, day: day) else { return nil }
        if let isPM {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (isPM ? 12 : 0)
        }
        return Fields(date: date, hour: hour, minute: minute, second: second, nanoseconds: nanoseconds, offset: offset)
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
