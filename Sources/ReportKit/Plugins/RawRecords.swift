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

    public init(buffer: UnsafeBufferPointer<UInt8>, fields: UnsafeBufferPointer<RawField>,
                cellNumbers: UnsafeBufferPointer<Int32> = UnsafeBufferPointer(start: nil, count: 0), cellsChecked: Bool = false) {
        self.buffer = buffer
        self.fields = fields
        self.cellNumbers = cellNumbers
        self.cellsChecked = cellsChecked
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

extension RawRecord {
    /// Every field decoded: the row a source would deliver. Throws ``UndecodableField`` for the
    /// first field that is not a value of its column.
    public func decodedRow(_ decoder: RawFieldDecoder) throws -> Row {
        var row = Row()
        row.reserveCapacity(fields.count)
        for column in fields.indices {
            guard let value = withBytes(of: column, { decoder.value($0, column: column) }) else { throw UndecodableField(column: column) }
            row.append(value)
        }
        return row
    }

    /// Checks that every field decodes, without decoding (see ``RawFieldDecoder/fits(_:column:)``):
    /// what a consumer that keeps whole rows does with a record it does not keep.
    @inlinable
    public func checkCells(_ decoder: RawFieldDecoder) throws {
        if cellsChecked { return }
        for column in fields.indices where !withBytes(of: column, { decoder.fits($0, column: column) }) {
            throw UndecodableField(column: column)
        }
    }
}

/// How a source turns a field's bytes into a value of its column's type. A class: consumers
/// are handed it with every record, which must not copy it.
public final class RawFieldDecoder: Sendable {
    public let columns: [Column]
    public let cells: CellReader
    /// The declared date pattern of each column, if any.
    public let datePatterns: [DatePattern?]
    /// For each column, what its cells must be besides values of its type (see ``GuessCheck``).
    public let checks: [GuessCheck]
    @usableFromInline let hasChecks: Bool

    public init(columns: [Column], cells: CellReader, datePatterns: [DatePattern?], checks: [GuessCheck]? = nil) {
        self.columns = columns
        self.cells = cells
        self.datePatterns = datePatterns
        self.checks = checks ?? Array(repeating: .none, count: columns.count)
        hasChecks = self.checks.contains { $0 != .none }
    }

    /// The value of `column` the bytes hold, or `nil` when they are not one of its type (or,
    /// in a column whose type is a guess, not a cell the guess holds for).
    @inlinable
    public func value(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) -> Value? {
        if hasChecks, !checks[column].admits(bytes, cells) { return nil }
        return cells.read(bytes: bytes, as: columns[column].type, pattern: datePatterns[column])
    }

    /// Whether the bytes are a value of `column` (as ``value(_:column:)`` would decode them),
    /// without making text.
    @inlinable
    public func fits(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) -> Bool {
        if hasChecks, !checks[column].admits(bytes, cells) { return false }
        return cells.fits(bytes: bytes, as: columns[column].type, pattern: datePatterns[column])
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
