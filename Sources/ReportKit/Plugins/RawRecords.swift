/// One field of a record as a range of the source's byte buffer.
public struct RawField: Sendable {
    public var start: Int
    public var end: Int
    /// The bytes are a quoted field's inside and hold `""` for each `"`.
    public var escaped: Bool

    public init(start: Int, end: Int, escaped: Bool) {
        self.start = start
        self.end = end
        self.escaped = escaped
    }
}

/// A record before its cells are decoded: the fields of one row as bytes of the source's buffer,
/// valid only during the call that receives it. A consumer that reads a few columns of a large
/// file decodes only those, and can look a repeated cell up by its bytes instead of decoding it
/// again.
public struct RawRecord {
    public let buffer: UnsafeBufferPointer<UInt8>
    /// One per column, in column order.
    public let fields: UnsafeBufferPointer<RawField>
    /// One per column when the source numbers cells (see ``cellNumber(of:)``), else empty.
    public let cellNumbers: UnsafeBufferPointer<Int32>
    /// Whether the source has checked that every field decodes (as it does once for all the
    /// consumers that keep whole rows), so that ``checkCells(_:)`` need not.
    public let cellsChecked: Bool
    /// Whether the source has checked that every field is valid UTF-8, so that a text cell
    /// needs no check.
    public let textValid: Bool
    /// Where the source keeps the cells its consumers decoded (see ``value(of:_:)``), one per
    /// column, if it does; those of this record are marked with its `serial`.
    public let decodedCells: UnsafeMutablePointer<DecodedCell>?
    /// The record's number in the source's reading (from 1), which marks its decoded cells.
    public let serial: Int

    public init(buffer: UnsafeBufferPointer<UInt8>, fields: UnsafeBufferPointer<RawField>,
                cellNumbers: UnsafeBufferPointer<Int32> = UnsafeBufferPointer(start: nil, count: 0), cellsChecked: Bool = false,
                textValid: Bool = false, decodedCells: UnsafeMutablePointer<DecodedCell>? = nil, serial: Int = 0) {
        self.buffer = buffer
        self.fields = fields
        self.cellNumbers = cellNumbers
        self.cellsChecked = cellsChecked
        self.textValid = textValid
        self.decodedCells = decodedCells
        self.serial = serial
    }

    /// The value of a column's cell, `nil` when it is not a value of the column's type: decoded
    /// once for all the consumers of the record when the source keeps decoded cells (five
    /// extractors over one file's amounts decoded each cell five times).
    @inlinable @inline(__always)
    public func value(of column: Int, _ decoder: RawFieldDecoder) -> Value? {
        guard let decoded = decodedCells else { return withBytes(of: column) { decoder.value($0, column: column) } }
        if decoded[column].serial == serial { return decoded[column].value }
        guard let value = withBytes(of: column, { decoder.value($0, column: column) }) else { return nil }
        decoded[column] = DecodedCell(serial: serial, value: value)
        return value
    }

    /// What the source tells of a column's cell (see ``RawRecordConsumer/lookedUpColumns``):
    /// the number of its bytes among the column's distinct cells so far (from 0, in order of
    /// first sight), ``notNumbered`` when the source does not number the column, or
    /// ``pastTheLimit`` once the column has more distinct cells than the source remembers.
    @inlinable
    public func cellNumber(of column: Int) -> Int32 {
        column < cellNumbers.count ? cellNumbers[column] : Self.notNumbered
    }

    public static let notNumbered: Int32 = -1
    public static let pastTheLimit: Int32 = -2

    /// A column's bytes when they need no unescaping (as nearly every field's), else `nil`:
    /// ``withBytes(of:_:)`` without a closure, for the hottest loops, where a closure that
    /// captures a consumer's state makes the compiler copy it.
    @inlinable
    public func plainBytes(of column: Int) -> UnsafeBufferPointer<UInt8>? {
        let field = fields[column]
        return field.escaped ? nil : UnsafeBufferPointer(rebasing: buffer[field.start..<field.end])
    }

    /// Calls `body` with a column's bytes, unescaped when needed; the pointer is valid only
    /// inside `body`.
    @inlinable
    public func withBytes<T>(of column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let field = fields[column]
        guard field.escaped else { return try body(UnsafeBufferPointer(rebasing: buffer[field.start..<field.end])) }
        var bytes: [UInt8] = []
        var index = field.start
        while index < field.end {
            bytes.append(buffer[index])
            index += buffer[index] == UInt8(ascii: "\"") ? 2 : 1
        }
        return try bytes.withUnsafeBufferPointer(body)
    }
}

/// A cell a consumer decoded, kept for the others (``RawRecord/value(of:_:)``).
public struct DecodedCell {
    /// The ``RawRecord/serial`` of the record it is of; below 1 for none.
    public var serial: Int
    public var value: Value

    public init(serial: Int, value: Value) {
        self.serial = serial
        self.value = value
    }

    /// Room for the decoded cells of records `width` wide, for one thread; deallocated by
    /// the caller.
    public static func allocate(width: Int) -> UnsafeMutableBufferPointer<DecodedCell> {
        let cells = UnsafeMutableBufferPointer<DecodedCell>.allocate(capacity: width)
        _ = cells.initialize(from: repeatElement(DecodedCell(serial: 0, value: .null), count: width))
        return cells
    }
}

extension RawRecord {
    /// Every field decoded: the row a source would deliver. Throws ``UndecodableField`` for the
    /// first field that is not a value of its column.
    public func decodedRow(_ decoder: RawFieldDecoder) throws -> Row {
        var row = Row()
        row.reserveCapacity(fields.count)
        for column in fields.indices {
            guard let value = value(of: column, decoder) else { throw UndecodableField(column: column) }
            row.append(value)
        }
        return row
    }

    /// Whether a column's cell is a value of its column, without making text (and without
    /// looking at it when the source checked the record's UTF-8). Where the source keeps
    /// decoded cells, any other cell is decoded, once for all the record's consumers
    /// (``value(of:_:)``).
    @inlinable @inline(__always)
    public func fits(_ column: Int, _ decoder: RawFieldDecoder) -> Bool {
        decodedCells != nil && !decoder.readsText(column: column)
            ? value(of: column, decoder) != nil
            : withBytes(of: column) { decoder.fits($0, column: column, textValid: textValid) }
    }

    /// Checks that every field decodes, without decoding (see ``RawFieldDecoder/fits(_:column:)``):
    /// what a consumer that keeps whole rows does with a record it does not keep. A column it
    /// decoded already (`besides`) is not checked again.
    @inlinable
    public func checkCells(_ decoder: RawFieldDecoder, besides decoded: Int = -1) throws {
        if cellsChecked { return }
        // The text check inline, not through ``fits(_:_:)``: `top` checks the cells of
        // nearly every record, and the call showed in its instruction count (+5%).
        for column in fields.indices where column != decoded && !withBytes(of: column, { decoder.fits($0, column: column, textValid: textValid) }) {
            throw UndecodableField(column: column)
        }
    }
}

/// How a source turns a field's bytes into a value of its column's type. A class: consumers
/// are handed it with every record, which must not copy it.
///
/// Unchecked `Sendable`: its one buffer (``plainCells``) is written in `init` and only read after.
public final class RawFieldDecoder: @unchecked Sendable {
    public let columns: [Column]
    public let cells: CellReader
    /// The declared date pattern of each column, if any.
    public let datePatterns: [DatePattern?]
    /// For each column, what its cells must be besides values of its type (see ``GuessCheck``).
    public let checks: [GuessCheck]
    @usableFromInline let hasChecks: Bool
    /// Per column, the plain form its cells are read in without a call (see ``PlainCell``).
    /// A buffer, not an array: reading an array held by a class retains and releases it on
    /// every cell, which cost a tenth of a `top` over a large file.
    @usableFromInline let plainCells: UnsafeMutableBufferPointer<PlainCell>

    public init(columns: [Column], cells: CellReader, datePatterns: [DatePattern?], checks: [GuessCheck]? = nil) {
        self.columns = columns
        self.cells = cells
        self.datePatterns = datePatterns
        let checks = checks ?? Array(repeating: .none, count: columns.count)
        self.checks = checks
        hasChecks = checks.contains { $0 != .none }
        plainCells = .allocate(capacity: columns.count)
        _ = plainCells.initialize(from: columns.indices.map {
            PlainCell(type: columns[$0].type, pattern: datePatterns[$0], check: checks[$0], cells: cells)
        })
    }

    deinit {
        plainCells.deallocate()
    }

    /// The same decoder, for another thread: consumers retain the decoder they are handed on
    /// every record, and the reference count of one object shared by two cores bounces its
    /// cache line between them (a seventh of a `top` over a large file).
    public func copy() -> RawFieldDecoder {
        RawFieldDecoder(columns: columns, cells: cells, datePatterns: datePatterns, checks: checks)
    }

    /// The value of `column` the bytes hold, or `nil` when they are not one of its type (or,
    /// in a column whose type is a guess, not a cell the guess holds for).
    @inlinable @inline(__always)
    public func value(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) -> Value? {
        if let value = plainCells[column].value(bytes) { return value }
        return readValue(bytes, column: column)
    }

    /// Whether `column` holds text that any UTF-8 fits.
    @inlinable @inline(__always)
    public func readsText(column: Int) -> Bool {
        plainCells[column].form == .text
    }

    /// ``value(_:column:)`` for a cell that is not in its column's plain form. Never inlined:
    /// inlined in a record loop of this module, it copied `cells` (136 bytes) twice on every
    /// call of the loop, whatever path the cell took.
    @usableFromInline @inline(never)
    func readValue(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) -> Value? {
        if hasChecks, !checks[column].admits(bytes, cells) { return nil }
        return cells.read(bytes: bytes, as: columns[column].type, pattern: datePatterns[column])
    }

    /// Whether the bytes are a value of `column` (as ``value(_:column:)`` would decode them),
    /// without making text; `textValid` when they are known to be valid UTF-8
    /// (``RawRecord/textValid``).
    @inlinable @inline(__always)
    public func fits(_ bytes: UnsafeBufferPointer<UInt8>, column: Int, textValid: Bool = false) -> Bool {
        if let fits = plainCells[column].fits(bytes, textValid: textValid) { return fits }
        return readFits(bytes, column: column)
    }

    @usableFromInline @inline(never)
    func readFits(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) -> Bool {
        if hasChecks, !checks[column].admits(bytes, cells) { return false }
        return cells.fits(bytes: bytes, as: columns[column].type, pattern: datePatterns[column])
    }
}

/// The form most cells of a number or date column take in a file (`1234`, `-12.50`,
/// `2024-03-15`), read inline in the consumers' record loops: `CellReader.read(bytes:as:pattern:)`
/// is too large to inline and copies the column's date pattern on every call, which cost a
/// fifth of a large aggregation. A cell not in the plain form goes the general way, with the
/// same result.
@usableFromInline
struct PlainCell: Sendable {
    @usableFromInline
    enum Form: Sendable {
        case none, int, decimal, isoDate
        /// Text: any UTF-8 fits, and the value (a `String`) is made the general way.
        case text
    }

    @usableFromInline let form: Form
    /// A guessed number's check: digits with a leading zero are a code, left to the general way.
    @usableFromInline let refusesLeadingZero: Bool

    init(type: ColumnType, pattern: DatePattern?, check: GuessCheck, cells: CellReader) {
        var form: Form
        switch type {
        case .int: form = .int
        case .decimal where cells.numbers.readsPointDecimals: form = .decimal
        case .date where pattern == nil: form = .isoDate
        case .string where check == .none: form = .text
        default: form = .none
        }
        // A column no cell has decided yet, and a null marker written in the plain form
        // (`0` listed in `null_values`), are the general way's.
        if check == .empty { form = .none }
        let refusesLeadingZero = check == .number
        let candidate = PlainCell(form: form, refusesLeadingZero: refusesLeadingZero)
        if cells.nullValues.contains(where: { $0.withUnsafeBufferPointer { candidate.value($0) != nil } }) { form = .none }
        self.init(form: form, refusesLeadingZero: refusesLeadingZero)
    }

    private init(form: Form, refusesLeadingZero: Bool) {
        self.form = form
        self.refusesLeadingZero = refusesLeadingZero
    }

    /// The cell's value when it is in this plain form, else `nil` (which says nothing).
    @inlinable @inline(__always)
    func value(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        guard !bytes.isEmpty else { return nil }
        switch form {
        case .none, .text: return nil
        case .int:
            if refusesLeadingZero, CellReader.hasLeadingZero(bytes) { return nil }
            return CellReader.plainInteger(bytes).map(Value.int)
        case .decimal:
            if refusesLeadingZero, CellReader.hasLeadingZero(bytes) { return nil }
            return CellReader.plainDecimal(bytes).map(Value.decimal)
        case .isoDate: return CellReader.isoDate(bytes).map(Value.date)
        }
    }

    /// Whether the cell is a value of its column when this form tells, else `nil`.
    @inlinable @inline(__always)
    func fits(_ bytes: UnsafeBufferPointer<UInt8>, textValid: Bool) -> Bool? {
        if form == .text { return textValid || bytes.isEmpty || UTF8Validation.firstInvalidByte(in: bytes) == nil }
        return value(bytes) != nil ? true : nil
    }
}

/// What a cell of a column whose type a source guessed from its first rows must be, besides a
/// value of the guessed type, for the guess to hold: inference gives a column the narrowest
/// type of every cell, so a later cell that the guess does not read means that the column's
/// type is another, and the source reads the column's cells again (see ``ColumnsRevised``).
public enum GuessCheck: UInt8, Sendable {
    /// A declared type, or one no later cell can change (text).
    case none
    /// A guessed number: digits with a leading zero (`007`) are a code, which makes it text.
    case number
    /// A guessed date, date-time or boolean: any value of the type.
    case value
    /// No cell had a value: any value would decide the type.
    case empty

    @inlinable
    public func admits(_ bytes: UnsafeBufferPointer<UInt8>, _ cells: CellReader) -> Bool {
        switch self {
        case .none, .value: return true
        case .number: return !CellReader.hasLeadingZero(bytes)
        case .empty: return bytes.isEmpty || cells.isNullMarker(bytes)
        }
    }
}

/// A consumer that can take records before decoding.
///
/// Contract: given a source's records in order, it ends in the same state as when given the
/// rows the source would decode from them, and in that state too when a source hands some of
/// them as rows (``RowConsumer/consume(_:)``) among the others (a json source does so with
/// records it cannot hand on as bytes exactly). When a field it needs cannot be decoded, it throws
/// ``UndecodableField`` for the first such field in column order (the one decoding the row
/// would fail on), and the source reports that cell at its file, line and column, with the
/// message it gives any bad cell.
public protocol RawRecordConsumer: RowConsumer {
    mutating func consume(_ record: RawRecord, decoder: RawFieldDecoder) throws
    /// The columns whose cells it finds again by their bytes, a column once for each part of
    /// it that does. A source numbers the distinct cells of a column looked up more than once,
    /// once for all the consumers it feeds (``RawRecord/cellNumber(of:)``). Default: none.
    var lookedUpColumns: [Int] { get }
}

extension RawRecordConsumer {
    public var lookedUpColumns: [Int] { [] }
}

/// How many distinct cells of a column a source or consumer numbers at most: a column of ids
/// or amounts would otherwise take memory as the rows grow.
public let distinctCellLimit = 1 << 16

/// Thrown by a ``RawRecordConsumer`` for a field that is not a value of its column's type.
public struct UndecodableField: Error {
    public let column: Int

    public init(column: Int) {
        self.column = column
    }
}
