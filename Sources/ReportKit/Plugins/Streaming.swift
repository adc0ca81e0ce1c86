/// Rows delivered one at a time, with the columns known before the first.
public struct RowStream {
    /// Feeds the consumers of each partition (one list per partition, run at once) with that
    /// partition's rows, and returns the lists whose rows count, in row order. Given one
    /// partition, it feeds it every row. It hands records before decoding to consumers that are
    /// all ``RawRecordConsumer``s.
    public typealias ParallelProducer = (_ needed: Set<Int>?, _ partitions: [[any RowConsumer]]) throws -> [[any RowConsumer]]

    public let columns: [Column]
    private let producer: (_ needed: Set<Int>?, _ body: (Row) throws -> Void) throws -> Void
    /// Set when the source can split its rows into partitions read at once.
    public let parallelProducer: ParallelProducer?
    /// Set when some of the columns' types are guesses (see ``ColumnsRevised``): the same rows
    /// with every column typed by every cell. A reader that finds an error in what it makes of
    /// the columns (a type error in an expression) asks for it before reporting the error,
    /// which may have come from a guess.
    public let settled: (() throws -> RowStream)?

    /// `producer` calls its body with every row; it may leave null the columns not in
    /// `needed` (when not `nil`), which spares decoding them.
    public init(columns: [Column], producer: @escaping (_ needed: Set<Int>?, _ body: (Row) throws -> Void) throws -> Void,
                parallelProducer: ParallelProducer? = nil, settled: (() throws -> RowStream)? = nil) {
        self.columns = columns
        self.producer = producer
        self.parallelProducer = parallelProducer
        self.settled = settled
    }

    /// Calls `body` with every row, in order; columns outside `needed` may be null.
    public func forEach(needing needed: Set<Int>? = nil, _ body: (Row) throws -> Void) throws {
        try withoutActuallyEscaping(body) { try producer(needed, $0) }
    }

    /// Every row in memory: what a source that cannot stream returns.
    public func collect() throws -> Table {
        var stream = self
        while true {
            var rows: [Row] = []
            do {
                try stream.forEach { rows.append($0) }
                return Table(columns: stream.columns, rows: rows)
            } catch let revised as ColumnsRevised {
                stream = revised.stream
            }
        }
    }
}

/// Thrown while rows are delivered by a source that guessed its columns' types from its first
/// rows, when a later row shows a guess wrong (a column of integers with `1.5` further down):
/// the rows delivered so far are void, and `stream` delivers them all again with the types
/// every cell gives. A reader makes its consumers anew for the new columns, and feeds them
/// from `stream`.
///
/// `@unchecked Sendable`: errors must be, and the stream's producers hold only what the source
/// read before it (immutable values), never state that a thread changes.
public struct ColumnsRevised: Error, @unchecked Sendable {
    public let stream: RowStream

    public init(stream: RowStream) {
        self.stream = stream
    }
}

/// A source that can deliver its rows one at a time, so that a large file passes through
/// filters and aggregates in constant memory.
///
/// Contract: ``stream(context:)`` returns the columns with their types before any row is
/// delivered (a source that infers types may read its data once for that, or guess them from
/// its first rows and check every later cell against the guess as it delivers the rows,
/// throwing ``ColumnsRevised`` when one does not fit), and delivering the rows reads the data
/// again from the start; errors in the data are thrown from ``RowStream/forEach(_:)`` at their
/// file, line and column.
public protocol StreamingSource: Source {
    func stream(context: RunContext) throws -> RowStream
}

extension StreamingSource {
    public func load(context: RunContext) throws -> Table {
        try stream(context: context).collect()
    }
}

/// Takes rows one at a time and makes a table at the end.
///
/// Contract for ``merge(_:)``: `later` is a consumer of the same kind that was given the rows
/// that follow this one's; afterwards this consumer holds what one consumer given all the rows
/// in order would hold. Consumers that cannot merge say so with ``canMerge``, and are then
/// always fed from one thread.
public protocol RowConsumer {
    /// The columns it reads; `nil` for all of them. Default: all.
    var neededColumns: Set<Int>? { get }
    var canMerge: Bool { get }
    mutating func consume(_ row: Row) throws
    mutating func merge(_ later: any RowConsumer) throws
    /// Told, before ``finish()``, what the runner knows of the days of its input when the input
    /// is a dated source (`dated_by`): see ``InputDays``. Default: ignored.
    mutating func note(_ days: InputDays)
    mutating func finish() throws -> Table
}

/// What the runner knows of the days of a dated input (a source with `dated_by`), for an
/// extractor that reads it: the span its rows cover (all of them, before any span is cut),
/// and the span of them the extractor was given. An aggregate tells from them a period bucket
/// without data (after the data's last day: "no data", not zero) from one where nothing
/// happened.
public struct InputDays: Sendable, Hashable {
    /// First to last day of the source's rows; `nil` when no row has a date.
    public var data: ClosedRange<CivilDate>?
    /// The days the extractor reads (its `span`); `nil` for every row.
    public var read: ClosedRange<CivilDate>?

    public init(data: ClosedRange<CivilDate>?, read: ClosedRange<CivilDate>?) {
        self.data = data
        self.read = read
    }
}

extension RowConsumer {
    public var neededColumns: Set<Int>? { nil }
    public var canMerge: Bool { false }
    public mutating func note(_ days: InputDays) {}
    public mutating func merge(_ later: any RowConsumer) throws {
        throw Diagnostic("internal: \(type(of: self)) cannot merge", at: nil)
    }
}

/// An extractor that can read its one input as a stream of rows.
///
/// Contract: ``streamedInput`` is the id of its only input table; ``makeConsumer(columns:context:)``
/// checks its expressions against the columns before any row arrives; the consumer keeps only
/// what its result needs (groups, matching rows), never every row it was given.
public protocol StreamingExtractor: Extractor {
    var streamedInput: String { get }
    func makeConsumer(columns: [Column], context: RunContext) throws -> any RowConsumer
}

extension StreamingExtractor {
    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        guard let table = inputs[streamedInput] else { return Table(columns: []) }
        var consumer = try makeConsumer(columns: table.columns, context: context)
        for row in table.rows { try consumer.consume(row) }
        if let days = context.inputDays[streamedInput] { consumer.note(days) }
        return try consumer.finish()
    }
}
