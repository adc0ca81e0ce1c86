import Foundation

/// A moment: what a date-time cell (`2024-03-15T14:23:00+07:00`) means once its offset, or the
/// recipe's time zone for a date-time without one, is applied. Seconds and nanoseconds since
/// 1970-01-01T00:00:00Z; years 1 to 9999, as dates.
public struct Instant: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let seconds: Int
    /// 0 ..< 1,000,000,000.
    public let nanoseconds: Int

    public static let secondsPerDay = 86_400

    public init(seconds: Int, nanoseconds: Int = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// The moment a wall-clock time names at a fixed offset from UTC (seconds east).
    public init(date: CivilDate, hour: Int, minute: Int, second: Int, nanoseconds: Int = 0, offset: Int) {
        self.init(seconds: date.daysSinceEpoch * Self.secondsPerDay + hour * 3600 + minute * 60 + second - offset, nanoseconds: nanoseconds)
    }

    /// The moment a wall-clock time names in `zone`; for a time a daylight-saving change skips
    /// or repeats, the one Foundation's calendar chooses (the later offset for a skipped hour).
    public init(date: CivilDate, hour: Int, minute: Int, second: Int, nanoseconds: Int = 0, in zone: TimeZone) {
        // A first guess with the offset in force a day earlier, then the offset at that moment.
        let utc = Instant(date: date, hour: hour, minute: minute, second: second, nanoseconds: nanoseconds, offset: 0)
        var guess = utc.seconds - zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc.seconds)))
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(guess)))
        guess = utc.seconds - offset
        self.init(seconds: guess, nanoseconds: nanoseconds)
    }

    /// The wall clock in `zone`: its date, hour, minute, second.
    public func local(in zone: TimeZone) -> (date: CivilDate, hour: Int, minute: Int, second: Int) {
        let shifted = seconds + zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        let days = Int((Double(shifted) / Double(Self.secondsPerDay)).rounded(.down))
        let rest = shifted - days * Self.secondsPerDay
        return (CivilDate(daysSinceEpoch: days), rest / 3600, rest % 3600 / 60, rest % 60)
    }

    /// The day it falls on in `zone`.
    public func date(in zone: TimeZone) -> CivilDate { local(in: zone).date }

    /// ISO 8601 in UTC, as other programs read it: `2024-03-15T07:23:00Z`, fractions of a
    /// second only when there are some.
    public var description: String { iso(in: .reportDefault) }

    /// ISO 8601 at `zone`'s offset: `2024-03-15T14:23:00+07:00` (`Z` for UTC).
    public func iso(in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        let (date, hour, minute, second) = local(in: zone)
        var text = "\(date)T\(Self.two(hour)):\(Self.two(minute)):\(Self.two(second))"
        if nanoseconds > 0 {
            var fraction = String(nanoseconds)
            fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
            while fraction.last == "0" { fraction.removeLast() }
            text += "." + fraction
        }
        if offset == 0 { return text + "Z" }
        let magnitude = abs(offset)
        return text + (offset < 0 ? "-" : "+") + Self.two(magnitude / 3600) + ":" + Self.two(magnitude % 3600 / 60)
    }

    private static func two(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }

    public var foundationDate: Date {
        Date(timeIntervalSince1970: TimeInterval(seconds) + TimeInterval(nanoseconds) / 1e9)
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }
}
