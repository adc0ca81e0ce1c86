/// Reads text cells into typed values, for sources that read text (CSV now; others later).
///
/// Without a declared type a column's type is inferred from all its non-empty cells: `int`
/// when every one is an integer, else `decimal` when every one is a number, else `date` when
/// every one is a date, else `bool` when every one is `true` or `false`, else `string`. An empty
/// cell is null in every type.
public struct CellReader: Sendable {
    public let numbers: NumberReader
    /// How dates are written in the data (the day-first rule), which may differ from the report's.
    public let dateLocale: ReportLocale

    /// Cell texts that mean "no value" besides the empty cell (`NA`, `N/A`, `-`), as the
    /// source's `null_values` lists them; read as null and ignored by inference.
    public let nullValues: [[UInt8]]
    @usableFromInline let longestNullValue: Int

    public init(numbers: NumberReader, dateLocale: ReportLocale, nullValues: [String] = []) {
        self.numbers = numbers
        self.dateLocale = dateLocale
        self.nullValues = Array(Set(nullValues.map { Array($0.utf8) })).sorted { $0.lexicographicallyPrecedes($1) }
        longestNullValue = self.nullValues.map(\.count).max() ?? 0
    }

    /// Reads what other programs write: plain numbers, ISO dates and date-times (UTC when
    /// without an offset).
    public static let iso = CellReader(numbers: .plain, dateLocale: .englishUS)

    /// The doc of the `null_values` option every tabular source takes.
    public static let nullValuesDoc = "cell texts that mean no value, read as null and ignored when types are inferred; default: only the empty cell"

    /// Whether the cell is one of the `null_values`.
    @inlinable
    public func isNullMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= longestNullValue else { return false }
        return nullValues.contains { $0.elementsEqual(bytes) }
    }

    public func isNullMarker(_ text: Substring) -> Bool {
        guard !nullValues.isEmpty, text.utf8.count <= longestNullValue else { return false }
        return nullValues.contains { $0.elementsEqual(text.utf8) }
    }

    /// The value `text` holds as `type`, or `nil` when it is not one.
    public func read(_ text: Substring, as type: ColumnType, pattern: DatePattern? = nil) -> Value? {
        if text.isEmpty || isNullMarker(text) { return .null }
        switch type {
        case .string: return .string(String(text))
        case .int:
            if case .int(let value)? = numbers.read(text) { return .int(value) }
            return nil
        case .decimal:
            switch numbers.read(text) {
            case .int(let value)?: return .decimal(DecimalNumber(value))
            case .decimal(let value)?: return .decimal(value)
            case nil: return nil
            }
        case .date:
            return (pattern.map { $0.read(text) } ?? readDate(text)).map(Value.date)
        case .datetime:
            if let pattern { return pattern.readInstant(text, in: dateLocale.timeZone).map(Value.datetime) }
            return readDateTime(text).map(Value.datetime)
        case .bool:
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return nil
            }
        case .period:
            return PeriodBucket(code: String(text)).map(Value.period)
        }
    }

    /// A date-time: a date as ``readDate(_:)`` reads it, then `T` or a space, then
    /// `HH:MM[:SS[.fraction]]` and an optional offset (`Z`, `+07:00`, `+0700`, `+07`, maybe
    /// after a space); without an offset the time is the recipe's time zone's. A date alone is
    /// its midnight, so that a column mixing dates and date-times is a column of date-times.
    public func readDateTime(_ text: Substring) -> Instant? {
        guard let split = text.firstIndex(where: { $0 == "T" || $0 == " " }) else {
            return readDate(text).map { Instant(date: $0, hour: 0, minute: 0, second: 0, in: dateLocale.timeZone) }
        }
        guard let date = readDate(text[..<split]) else { return nil }
        var rest = text[text.index(after: split)...]
        guard let time = ClockTime.read(&rest) else { return nil }
        if rest.first == " " { rest = rest.dropFirst() }
        if rest.isEmpty {
            return Instant(date: date, hour: time.hour, minute: time.minute, second: time.second, nanoseconds: time.nanoseconds,
                           in: dateLocale.timeZone)
        }
        guard let offset = ClockTime.offset(&rest), rest.isEmpty else { return nil }
        return Instant(date: date, hour: time.hour, minute: time.minute, second: time.second, nanoseconds: time.nanoseconds, offset: offset)
    }

    /// `2020-03-15`, `2020/03/15`, and the locale's own short date: where it writes the day
    /// first `15/03/2020` and `15.03.2020`, where it writes the month first (en-US) `03/15/2020`.
    /// One-digit months and days are accepted.
    public func readDate(_ text: Substring) -> CivilDate? {
        readDate(text, dayFirst: dateLocale.isDayFirst)
    }

    /// The date a short date holds when its day comes first (or not), whatever the locale.
    public func readDate(_ text: Substring, dayFirst: Bool) -> CivilDate? {
        let separators: Set<Character> = ["-", "/", "."]
        guard let separator = text.first(where: { separators.contains($0) }) else { return nil }
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2])
        else { return nil }
        if parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2, separator != "." {
            return CivilDate(year: a, month: b, day: c)
        }
        guard parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2, separator != "-" else { return nil }
        if dayFirst { return CivilDate(year: c, month: b, day: a) }
        return separator == "/" ? CivilDate(year: c, month: a, day: b) : nil
    }

    /// The narrowest type that every non-empty cell fits (see ``ColumnTypeGuess``).
    public func inferType(of cells: some Sequence<Substring>) -> ColumnType {
        var guess = ColumnTypeGuess()
        for cell in cells { guess.observe(cell, with: self) }
        return guess.type
    }

    static func hasLeadingZero(_ cell: Substring) -> Bool {
        let digits = cell.first == "-" || cell.first == "+" ? cell.dropFirst() : cell
        guard digits.first == "0", let second = digits.dropFirst().first else { return false }
        return second.isASCII && second.isNumber
    }
}

/// A column's type inferred one cell at a time, so that a file can be read without keeping its
/// cells. Digits with a leading zero (`08123`, `007`) are codes, not numbers, and keep the
/// column text.
public struct ColumnTypeGuess: Sendable {
    private var candidates: [ColumnType] = [.int, .decimal, .date, .datetime, .bool]
    private var sawValue = false
    /// The type the cells fitted before the last one: what the cell that made the column text
    /// failed to be, for its hint.
    public private(set) var typeBefore: ColumnType = .string

    public init() {}

    /// Narrows the guess by one cell. True when this cell alone made the column text although
    /// the cells before it all fitted a type, or when the first cell, holding digits, fits none
    /// (`1234,50`, `$1,200`): the cell a user will want to be shown when a number or date was
    /// expected. A first cell of words (`Bưởi`) is a text column's, and says nothing.
    @discardableResult
    public mutating func observe(_ cell: Substring, with reader: CellReader) -> Bool {
        var cell = cell
        return cell.withUTF8 { observe(bytes: $0, with: reader) }
    }

    /// ``observe(_:with:)`` from the cell's bytes, read as the column's cells will be decoded.
    @discardableResult
    public mutating func observe(bytes cell: UnsafeBufferPointer<UInt8>, with reader: CellReader) -> Bool {
        guard !cell.isEmpty, !candidates.isEmpty, !reader.isNullMarker(cell) else { return false }
        let first = !sawValue
        sawValue = true
        typeBefore = candidates[0]
        if CellReader.hasLeadingZero(cell) { candidates.removeAll { $0 == .int || $0 == .decimal } }
        // Every integer is a decimal and every date a date-time (its midnight): a cell that
        // fits the narrowest candidate left fits those too, and one reading is enough.
        if let narrowest = candidates.first, reader.read(bytes: cell, as: narrowest) != nil {
            if candidates.dropFirst().allSatisfy({ Self.follows($0, from: narrowest) }) { return false }
            candidates.removeAll { $0 != narrowest && reader.read(bytes: cell, as: $0) == nil }
        } else {
            candidates.removeAll { reader.read(bytes: cell, as: $0) == nil }
        }
        return candidates.isEmpty && (!first || cell.contains { $0 &- 48 < 10 })
    }

    /// Whether every cell of type `narrow` is one of type `wide`.
    private static func follows(_ wide: ColumnType, from narrow: ColumnType) -> Bool {
        (narrow == .int && wide == .decimal) || (narrow == .date && wide == .datetime)
    }

    /// The candidates left, narrowest first: what the cells so far could all be.
    public var candidateTypes: [ColumnType] { candidates }

    /// Whether no further cell can change the type: text (a cell fitted no type), and no
    /// longer possibly dates in the order the locale does not use.
    public var isSettled: Bool { sawValue && candidates.isEmpty && !fitsTheOtherDayOrder }

    public var type: ColumnType {
        sawValue ? candidates.first ?? .string : .string
    }

    /// Whether any non-empty cell was seen: without one, `string` is no more than a default.
    public var hasSeenValue: Bool { sawValue }

    /// Whether every non-empty cell is a date read with the day and month in the order the
    /// locale does not use: a column of `25/02/2012` in an en-US recipe, which would silently
    /// be text (or, had no day passed 12, the wrong dates).
    public private(set) var fitsTheOtherDayOrder = true

    /// What a cell tells of the order of day and month.
    public enum DayOrderEvidence: Sendable {
        /// A date only in the order the locale does not use (`25/02/2012` in en-US).
        case otherOrderOnly
        /// A date in both orders (`01/02/2012`): the locale's order decides.
        case eitherOrder
    }

    /// Notes what `cell` says of the day order; see ``fitsTheOtherDayOrder``.
    @discardableResult
    public mutating func noteDayOrder(_ cell: Substring, with reader: CellReader) -> DayOrderEvidence? {
        guard !cell.isEmpty, !reader.isNullMarker(cell), fitsTheOtherDayOrder else { return nil }
        let other = reader.readDate(cell, dayFirst: !reader.dateLocale.isDayFirst)
        guard other != nil, !cell.hasPrefix(String(other!.year)) else {
            fitsTheOtherDayOrder = false
            return nil
        }
        return reader.readDate(cell) == nil ? .otherOrderOnly : .eitherOrder
    }
}
