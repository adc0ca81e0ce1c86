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

    /// The `null_values` option every tabular source takes.
    public static let nullValuesOption = OptionSpec(
        "null_values", .list(.string),
        doc: "cell texts that mean no value, read as null and ignored when types are inferred; default: only the empty cell",
        example: "[NA, N/A, '-', '#N/A']")

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

    /// `2020-03-15`, `2020/03/15`, and where the locale writes the day first `15/03/2020` and
    /// `15.03.2020`. One-digit months and days are accepted.
    public func readDate(_ text: Substring) -> CivilDate? {
        let separators: Set<Character> = ["-", "/", "."]
        guard let separator = text.first(where: { separators.contains($0) }) else { return nil }
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2])
        else { return nil }
        if parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2, separator != "." {
            return CivilDate(year: a, month: b, day: c)
        }
        if dateLocale.isDayFirst, parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2, separator != "-" {
            return CivilDate(year: c, month: b, day: a)
        }
        return nil
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
    private var candidates: [ColumnType] = [.int, .decimal, .date, .bool]
    private var sawValue = false
    /// The type the cells fitted before the last one: what the cell that made the column text
    /// failed to be, for its hint.
    public private(set) var typeBefore: ColumnType = .string

    public init() {}

    /// Narrows the guess by one cell. True when this cell alone made the column text although
    /// the cells before it all fitted a type: the cell a user will want to be shown.
    @discardableResult
    public mutating func observe(_ cell: Substring, with reader: CellReader) -> Bool {
        guard !cell.isEmpty, !candidates.isEmpty, !reader.isNullMarker(cell) else { return false }
        let first = !sawValue
        sawValue = true
        typeBefore = candidates[0]
        if CellReader.hasLeadingZero(cell) { candidates.removeAll { $0 == .int || $0 == .decimal } }
        candidates.removeAll { reader.read(cell, as: $0) == nil }
        return candidates.isEmpty && !first
    }

    public var type: ColumnType {
        sawValue ? candidates.first ?? .string : .string
    }

    /// Whether any non-empty cell was seen: without one, `string` is no more than a default.
    public var hasSeenValue: Bool { sawValue }
}
