/// The time of day and the offset of a date-time as text writes them, read from the front of
/// the text: `14:23`, `14:23:05`, `14:23:05.123`; `Z`, `+07:00`, `+0700`, `+07`, `-05:30`.
struct ClockTime {
    var hour: Int, minute: Int, second: Int, nanoseconds: Int

    static func read(_ rest: inout Substring) -> ClockTime? {
        let hourDigits = rest.prefix { $0.isASCII && $0.isNumber }.count
        guard (1...2).contains(hourDigits), let hour = digits(&rest, hourDigits), hour < 24, rest.first == ":" else { return nil }
        rest = rest.dropFirst()
        guard let minute = digits(&rest, 2), minute < 60 else { return nil }
        var second = 0, nanoseconds = 0
        if rest.first == ":" {
            rest = rest.dropFirst()
            guard let value = digits(&rest, 2), value < 60 else { return nil }
            second = value
            if rest.first == "." || rest.first == "," {
                rest = rest.dropFirst()
                let fraction = rest.prefix { $0.isASCII && $0.isNumber }
                guard !fraction.isEmpty, fraction.count <= 9, let number = Int(fraction) else { return nil }
                rest = rest.dropFirst(fraction.count)
                nanoseconds = number * tenPowers[9 - fraction.count]
            }
        }
        return ClockTime(hour: hour, minute: minute, second: second, nanoseconds: nanoseconds)
    }

    /// Seconds east of UTC.
    static func offset(_ rest: inout Substring) -> Int? {
        if rest.first == "Z" || rest.first == "z" {
            rest = rest.dropFirst()
            return 0
        }
        guard let sign = rest.first, sign == "+" || sign == "-" || sign == "\u{2212}" else { return nil }
        rest = rest.dropFirst()
        guard let hours = digits(&rest, 2), hours <= 18 else { return nil }
        var minutes = 0
        if rest.first == ":" { rest = rest.dropFirst() }
        if let value = digits(&rest, 2) {
            guard value < 60 else { return nil }
            minutes = value
        }
        return (sign == "+" ? 1 : -1) * (hours * 3600 + minutes * 60)
    }

    private static let tenPowers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]

    /// Exactly `count` ASCII digits.
    private static func digits(_ rest: inout Substring, _ count: Int) -> Int? {
        let run = rest.prefix(count)
        guard run.count == count, run.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(run) else { return nil }
        rest = rest.dropFirst(count)
        return value
    }
}
