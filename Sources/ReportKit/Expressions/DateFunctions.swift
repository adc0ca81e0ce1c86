import Foundation

/// The functions of dates and date-times. A date-time's day, hour and bucket are those of the
/// recipe's time zone.
extension ExpressionCompiler {
    static let dateFunctionNames = ["year", "month", "quarter", "day", "hour", "minute", "period", "date", "add_months", "add_years",
                                    "hours_between", "days_between"]

    mutating func dateCall(_ name: String, _ compiled: [CompiledExpression], _ arguments: [Expression], at location: SourceLocation,
                           arity: (ClosedRange<Int>) throws -> Void) throws -> CompiledExpression {
        func argument(_ index: Int, isIn types: Set<ColumnType>) throws {
            try require(compiled[index], of: arguments[index], isIn: types, for: "\(name)()")
        }
        let zone = scope.timeZone
        switch name {
        case "year", "month", "quarter", "day":
            try arity(1...1)
            try argument(0, isIn: [.date, .datetime])
            let part: @Sendable (CivilDate) -> Int = switch name {
            case "year": { $0.year }
            case "month": { $0.month }
            case "quarter": { ($0.month - 1) / 3 + 1 }
            default: { $0.day }
            }
            let argument = compiled[0]
            return CompiledExpression(type: .int) { row in
                (Self.day(of: try argument.evaluate(row), in: zone)).map { .int(part($0)) } ?? .null
            }
        case "hour", "minute":
            try arity(1...1)
            try argument(0, isIn: [.datetime])
            let argument = compiled[0], isHour = name == "hour"
            return CompiledExpression(type: .int) { row in
                guard case .datetime(let instant) = try argument.evaluate(row) else { return .null }
                let local = instant.local(in: zone)
                return .int(isHour ? local.hour : local.minute)
            }
        case "period":
            try arity(1...1)
            try argument(0, isIn: [.date, .datetime])
            guard let period = scope.period else {
                throw Diagnostic("period() needs a 'period' in the recipe (from, to, every)", at: location)
            }
            let argument = compiled[0]
            var bucket = CompiledExpression(type: .period) { row in
                guard let date = Self.day(of: try argument.evaluate(row), in: zone), let bucket = period.bucket(of: date) else { return .null }
                return .period(bucket)
            }
            // The data's span is told in days: a date-time's day.
            bucket.periodDate = { row in Self.day(of: try argument.evaluate(row), in: zone).map(Value.date) ?? .null }
            return bucket
        case "date":
            try arity(1...3)
            if arguments.count == 3 { return try makeDate(compiled, arguments, argument: argument, at: location) }
            guard arguments.count == 1 else { throw Diagnostic("date() takes 1 argument (a text or a date-time) or 3 (year, month, day)", at: location) }
            try argument(0, isIn: [.string, .date, .datetime])
            let argument = compiled[0]
            return CompiledExpression(type: .date) { row in
                switch try argument.evaluate(row) {
                case .string(let text): return CivilDate(iso: text).map(Value.date) ?? .null
                case let value: return Self.day(of: value, in: zone).map(Value.date) ?? .null
                }
            }
        case "add_months", "add_years":
            try arity(2...2)
            try argument(0, isIn: [.date])
            try argument(1, isIn: [.int])
            let date = compiled[0], count = compiled[1], factor = name == "add_years" ? 12 : 1
            let subject = text.slice(arguments[0])
            return CompiledExpression(type: .date) { row in
                guard case .date(let day) = try date.evaluate(row), case .int(let n) = try count.evaluate(row) else { return .null }
                let (months, overflow) = n.multipliedReportingOverflow(by: factor)
                guard !overflow, let moved = day.adding(months: months) else {
                    throw Diagnostic("\(name)(\(subject), \(n)) is out of range: it gives a date outside the years 1 to 9999", at: location)
                }
                return .date(moved)
            }
        case "hours_between", "days_between":
            // Exact: seconds apart over 3,600 or 86,400, a decimal (negative when the end comes first).
            try arity(2...2)
            try argument(0, isIn: [.datetime])
            try argument(1, isIn: [.datetime])
            let start = compiled[0], end = compiled[1], unit = name == "hours_between" ? 3_600 : Instant.secondsPerDay
            return CompiledExpression(type: .decimal) { row in
                guard case .datetime(let from) = try start.evaluate(row), case .datetime(let to) = try end.evaluate(row) else { return .null }
                let (seconds, overflow) = to.seconds.subtractingReportingOverflow(from.seconds)
                guard !overflow else { return .null }
                let nanoseconds = to.nanoseconds - from.nanoseconds
                let elapsed = DecimalNumber(seconds) + (DecimalNumber(nanoseconds) / DecimalNumber(1_000_000_000) ?? DecimalNumber(0))
                return (elapsed / DecimalNumber(unit)).map(Value.decimal) ?? .null
            }
        default:
            throw Diagnostic("unknown function '\(name)()'", at: location)
        }
    }

    /// `date(2025, 3, 15)`: null for a day the calendar does not have (31 April).
    private func makeDate(_ compiled: [CompiledExpression], _ arguments: [Expression], argument: (Int, Set<ColumnType>) throws -> Void,
                          at location: SourceLocation) throws -> CompiledExpression {
        for index in 0..<3 { try argument(index, [.int]) }
        let parts = compiled
        return CompiledExpression(type: .date) { row in
            guard case .int(let year) = try parts[0].evaluate(row), case .int(let month) = try parts[1].evaluate(row),
                  case .int(let day) = try parts[2].evaluate(row)
            else { return .null }
            guard (1...9999).contains(year) else {
                throw Diagnostic("date(\(year), \(month), \(day)) is out of range: years run from 1 to 9999", at: location)
            }
            return CivilDate(year: year, month: month, day: day).map(Value.date) ?? .null
        }
    }

    /// The day a date is, or a date-time falls on in `zone`.
    static func day(of value: Value, in zone: TimeZone) -> CivilDate? {
        switch value {
        case .date(let date): return date
        case .datetime(let instant): return instant.date(in: zone)
        default: return nil
        }
    }
}
