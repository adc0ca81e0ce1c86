/// A source backed by a database that can do part of an extractor's work itself, so that only
/// what the report needs travels (the groups of an aggregate, the rows a filter keeps) rather
/// than every row. It streams its rows like any ``StreamingSource`` when push-down is off or an
/// extractor cannot describe its work.
///
/// Contract: ``openSession(context:)`` connects once per run of the source; every query of the
/// session sees the same data (one snapshot), so that rows streamed and groups computed agree.
public protocol QueryableSource: StreamingSource {
    func openSession(context: RunContext) throws -> any SourceSession
}

/// One run's connection to a ``QueryableSource``.
///
/// Contract: ``columns`` are known before any query and are those ``rows()`` delivers;
/// ``plan(_:)`` decides, without reading rows, what of a request the database does (a
/// ``PushdownPlan``), and what it cannot do is left to reportgen: never a different answer,
/// only a slower one.
public protocol SourceSession: AnyObject {
    var columns: [Column] { get }
    /// Every row, in the database's order (columns outside what ``RowStream/forEach(needing:_:)``
    /// is told are needed may be null).
    func rows() throws -> RowStream
    func plan(_ request: PushdownRequest) throws -> PushdownPlan
}

/// An extractor whose reading of its one input can be described as a ``PushdownRequest``:
/// `filter` and `aggregate`.
///
/// Contract: the request describes exactly what the consumer of ``makeConsumer(columns:context:)``
/// would do with the rows; that consumer is a ``PushdownConsumer`` and makes the same table
/// from what the database computed as from every row.
public protocol PushableExtractor: StreamingExtractor {
    func pushdownRequest(columns: [Column], context: RunContext) throws -> PushdownRequest
}

/// A consumer that also takes what a database computed of its input.
///
/// Contract: given the groups of a ``PushdownAnswer/Result/groups(_:)`` answer (or the rows of
/// a ``PushdownAnswer/Result/rows(_:)`` one), then ``note(_:)-(PushdownFacts)`` with the facts of the
/// rows it was not given, it ends in the same state as when given every row of its input.
public protocol PushdownConsumer: RowConsumer {
    /// One group: its key values, how many rows it holds, and each aggregate's state.
    mutating func consume(_ group: PartialGroup) throws
    mutating func note(_ facts: PushdownFacts)
}

/// Thrown by a ``PushdownConsumer`` given two groups that are one group to reportgen (texts
/// the database tells apart and reportgen does not, such as the two Unicode spellings of `é`)
/// with states that cannot merge (`count_distinct`, `median`): the reading is then done again
/// from rows.
public struct PushdownGroupsCollide: Error {
    public init() {}
}
