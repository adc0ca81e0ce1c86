import ReportKit

/// The columns of JSON records, learnt one record at a time: names in the order the records
/// first use them, types from the values (integers, decimals kept exact as written, booleans,
/// text; a text column whose every value is an ISO date `2025-03-15` is a date column), or as
/// `columns` declares them.
struct JSONColumnGuesses {
    private let specs: [(name: String, spec: ColumnSpec)]
    private let cells: CellReader
    private var names: [String] = []
    private var indices: [String: Int] = [:]
    /// `nil` while a column has only nulls.
    private var types: [ColumnType?] = []
    private var allDates: [Bool] = []
    /// Every text an ISO 8601 date or date-time (`2024-03-15T14:23:00Z`).
    private var allDateTimes: [Bool] = []
    private var recordCount = 0

    init(specs: [(name: String, spec: ColumnSpec)], cells: CellReader) {
        self.specs = specs
        self.cells = cells
    }

    mutating func observe(_ fields: [JSONField], in record: JSONRecordPlace) throws {
        recordCount += 1
        for (position, field) in fields.enumerated() {
            let index: Int
            // Records mostly repeat their keys in one order: try the same place first.
            if position < names.count, names[position] == field.name {
                index = position
            } else if let known = indices[field.name] {
                index = known
            } else {
                index = names.count
                indices[field.name] = index
                names.append(field.name)
                types.append(nil)
                allDates.append(true)
                allDateTimes.append(true)
            }
            guard let type = Self.type(of: field.value), !isNullMarker(field.value) else { continue }
            if type == .string, allDates[index] || allDateTimes[index] {
                if case .string(let text) = field.value {
                    if allDates[index], Self.isoDate(text) == nil { allDates[index] = false }
                    if allDateTimes[index], !Self.isISODateTime(text, cells) { allDateTimes[index] = false }
                } else {
                    allDates[index] = false
                    allDateTimes[index] = false
                }
            }
            switch (types[index], type) {
            case (nil, _): types[index] = type
            case (.int?, .decimal), (.decimal?, .int): types[index] = .decimal
            case let (current?, new) where current != new:
                guard !specs.contains(where: { $0.name == field.name }) else { continue }
                throw Diagnostic("column '\(field.name)' mixes \(current.rawValue) and \(new.rawValue) values (this one in the record at '\(record.pointer)'); quote them all or declare the column in 'columns'",
                                 at: field.location(in: record))
            default: break
            }
        }
    }

    /// A text or number that the source's `null_values` lists.
    private func isNullMarker(_ value: JSONScalar) -> Bool {
        switch value {
        case .string(let text), .number(let text, _): return cells.isNullMarker(Substring(text))
        default: return false
        }
    }

    /// Whether a record has the column: a declared column that no record has yet is an error
    /// once every record has been read.
    func hasSeen(_ name: String) -> Bool { indices[name] != nil }

    /// What each column's values must be for its type, guessed from the records so far, to
    /// hold (see ``JSONGuess``); `final` when every record has been read.
    func guesses(final: Bool) -> [JSONGuess] {
        names.indices.map { index in
            if final || specs.contains(where: { $0.name == names[index] }) { return .settled }
            switch types[index] {
            case nil: return .nothing
            case .string?: return allDates[index] ? .date : allDateTimes[index] ? .datetime : .text
            case let type?: return .scalar(type)
            }
        }
    }

    /// The columns, declared ones as declared; an error for a declared column no record has.
    /// Without records, the declared columns: an empty export is an empty table (which the
    /// run warns of), not a recipe error.
    func columns() throws -> [Column] {
        if recordCount == 0 {
            return specs.map { Column($0.name, $0.spec.type, plain: $0.spec.isPlain) }
        }
        var diagnostics = Diagnostics()
        for (name, spec) in specs where indices[name] == nil {
            diagnostics.append(Diagnostic("no record has a column '\(name)'" + Suggestion.hint(for: name, in: names), at: spec.location))
        }
        try diagnostics.throwIfAnyAsFound()
        return names.indices.map { index in
            let name = names[index]
            if let declared = specs.first(where: { $0.name == name })?.spec {
                return Column(name, declared.type, plain: declared.isPlain)
            }
            let type = types[index] ?? .string
            guard type == .string, types[index] != nil else { return Column(name, type) }
            return Column(name, allDates[index] ? .date : allDateTimes[index] ? .datetime : type)
        }
    }

    /// `2024-03-15T14:23:00+07:00`, `2024-03-15 14:23`, or a date alone: ISO 8601 (a date-time
    /// without an offset is the recipe's time zone's).
    static func isISODateTime(_ text: String, _ cells: CellReader) -> Bool {
        guard text.utf8.count >= 10, CivilDate(iso: text.prefix(10)) != nil else { return false }
        return cells.readDateTime(Substring(text)) != nil
    }

    static func isoDate(_ text: String) -> CivilDate? {
        text.utf8.count == 10 ? CivilDate(iso: text) : nil
    }

    private static func type(of value: JSONScalar) -> ColumnType? {
        switch value {
        case .null: return nil
        case .bool: return .bool
        case .number(let text, let isInteger): return isInteger && Int(text) != nil ? .int : .decimal
        case .string, .array: return .string
        }
    }
}

/// What the values of a column must be for the type guessed from the first records to hold:
/// a column's type comes from every value of it, so a later value outside the guess means
/// another type (or the error that the column mixes kinds of values).
enum JSONGuess: Equatable {
    /// Declared, or typed from every record.
    case settled
    /// Only nulls so far: any value decides the type.
    case nothing
    /// Numbers that are integers, numbers, or booleans.
    case scalar(ColumnType)
    /// Texts (and arrays, kept as their JSON text).
    case text
    /// Texts that are ISO dates, or ISO date-times.
    case date, datetime

    /// Whether `value` keeps the guess (null, and the source's null markers, always do).
    func admits(_ value: JSONScalar, _ cells: CellReader) -> Bool {
        switch (self, value) {
        case (.settled, _), (_, .null): return true
        case (.scalar(.int), .number(let text, let isInteger)): return isInteger && Int(text) != nil
        case (.scalar(.decimal), .number), (.scalar(.bool), .bool), (.text, .string), (.text, .array): return true
        case (.date, .string(let text)): return JSONColumnGuesses.isoDate(text) != nil || cells.isNullMarker(Substring(text))
        case (.datetime, .string(let text)): return JSONColumnGuesses.isISODateTime(text, cells) || cells.isNullMarker(Substring(text))
        case (_, .string(let text)), (_, .number(let text, _)): return cells.isNullMarker(Substring(text))
        default: return false
        }
    }
}

/// A value that does not keep its column's guessed type (see ``JSONGuess``).
struct JSONGuessFailed: Error {}

/// Turns the fields of a record into the values of its row, by the columns' types.
struct JSONFieldDecoder {
    let columns: [Column]
    private let specs: [ColumnSpec?]
    private let cells: CellReader
    private let indices: [String: Int]
    private let guesses: [JSONGuess]

    init(columns: [Column], specs: [(name: String, spec: ColumnSpec)], cells: CellReader, guesses: [JSONGuess]) {
        self.columns = columns
        self.cells = cells
        self.specs = columns.map { column in specs.first { $0.name == column.name }?.spec }
        indices = Dictionary(columns.enumerated().map { ($1.name, $0) }) { first, _ in first }
        self.guesses = guesses
    }

    /// How the consumers' columns are read from a record's bytes (see ``JSONRawRecords``).
    var rawFieldDecoder: RawFieldDecoder {
        RawFieldDecoder(columns: columns, cells: cells, datePatterns: specs.map { $0?.datePattern })
    }

    /// What of each column in `needed` (all when `nil`) the bytes of a record may hand on as
    /// they are: only values that ``rawFieldDecoder`` reads as ``value(of:at:in:)`` would
    /// decode them, and that keep the column's guess.
    func taken(needing needed: Set<Int>?) -> [JSONRawRecords.Taken] {
        columns.indices.map { index in
            guard needed?.contains(index) ?? true else { return .unread }
            if let spec = specs[index] { return .declared(decimal: spec.type == .decimal) }
            if guesses[index] == .nothing { return .null }
            switch columns[index].type {
            case .int: return .integer
            case .decimal: return .decimal
            case .bool: return .bool
            case .date: return .isoDate
            case .string: return .text
            default: return .null
            }
        }
    }

    /// The column of the field at `position` in its record: the same place when the record
    /// keeps the columns' order, else found by name.
    func index(of name: String, at position: Int) -> Int? {
        position < columns.count && columns[position].name == name ? position : indices[name]
    }

    func value(of field: JSONField, at index: Int, in record: JSONRecordPlace) throws -> Value {
        if guesses[index] != .settled, !guesses[index].admits(field.value, cells) { throw JSONGuessFailed() }
        let text: String
        switch field.value {
        case .null: return .null
        case .bool(let flag): text = flag ? "true" : "false"
        case .number(let number, _): text = number
        case .string(let string), .array(let string): text = string
        }
        if case .bool = field.value {} else if cells.isNullMarker(Substring(text)) { return .null }
        let column = columns[index]
        if let spec = specs[index] {
            if spec.type == .decimal, case .number = field.value { return try decimal(text, of: field, at: index, in: record) }
            guard let value = read(text, as: spec.type, pattern: spec.datePattern) else {
                throw Diagnostic(BadCell.message(text, column: column.name, type: spec.type, hasFormat: spec.datePattern != nil,
                                                 place: " of the record at '\(record.pointer)'", cells: cells),
                                 at: field.location(in: record))
            }
            return value
        }
        switch (column.type, field.value) {
        case (.int, .number), (.date, .string), (.datetime, .string): return read(text, as: column.type) ?? .null
        case (.decimal, .number): return try decimal(text, of: field, at: index, in: record)
        case (.bool, .bool(let flag)): return .bool(flag)
        default: return .string(text)
        }
    }

    /// A JSON number as an exact decimal; one past what decimals hold (`1e400`) is an error at
    /// its place, never a null that sums would pass over.
    private func decimal(_ text: String, of field: JSONField, at index: Int, in record: JSONRecordPlace) throws -> Value {
        if let value = read(text, as: .decimal) { return value }
        // Exponents (`1e3`) are not the plain reader's; Foundation's reads them exactly, but
        // rounds past 38 digits, which is refused here.
        let mantissa = text.prefix { $0 != "e" && $0 != "E" }.drop { $0 == "-" }.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        if NumberReader.significantDigits(mantissa.first ?? "", mantissa.count > 1 ? mantissa[1] : "") <= NumberReader.maximumSignificantDigits,
           let value = DecimalNumber(string: text) {
            return .decimal(value)
        }
        throw Diagnostic("the number \(text) in column '\(columns[index].name)' of the record at '\(record.pointer)' cannot be kept exactly: "
                         + "decimals hold \(NumberReader.maximumSignificantDigits) significant digits, magnitudes below 10^100 and above 10^-100",
                         at: field.location(in: record))
    }

    /// The cell reader's byte path: plain numbers and ISO dates without making text.
    private func read(_ text: String, as type: ColumnType, pattern: DatePattern? = nil) -> Value? {
        var text = text
        return text.withUTF8 { cells.read(bytes: $0, as: type, pattern: pattern) }
    }
}
