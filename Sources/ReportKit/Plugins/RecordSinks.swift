/// The consumers of a source that take records before decoding, held so that handing each a
/// record is one call. A source feeds many records to few consumers: held in an array of
/// existentials (`[any RawRecordConsumer]`), a consumer is checked unique twice on every
/// mutating call (the array's buffer, then the box holding it) and found through its box,
/// about 130 instructions per record and consumer, a tenth of a large aggregation and more
/// of a recipe of several extractors. Here each consumer's type is opened once, and the
/// consumer lives in memory of its own type behind an object (see ``TypedRecordSink``).
///
/// Contract: a consumer is reached only through this value while it lives; ``consumers``
/// gives them back, in the order given, with every record handed to them taken in.
public struct RecordSinks {
    /// Keeps the sinks alive; `unretained` reaches them without retaining each on every call.
    private let sinks: [RecordSink]
    private let unretained: [Unmanaged<RecordSink>]

    public init(_ consumers: [any RawRecordConsumer]) {
        sinks = consumers.map { Self.sink(for: $0) }
        unretained = sinks.map { Unmanaged.passUnretained($0) }
    }

    /// The consumer's type opened here once.
    private static func sink<Consumer: RawRecordConsumer>(for consumer: Consumer) -> RecordSink {
        TypedRecordSink(consumer)
    }

    public var isEmpty: Bool { sinks.isEmpty }
    public var count: Int { sinks.count }

    /// Hands the record to every consumer, in order.
    @inline(__always)
    public func consume(_ record: RawRecord, decoder: RawFieldDecoder) throws {
        for index in unretained.indices {
            try unretained[index]._withUnsafeGuaranteedRef { try $0.consume(record, decoder: decoder) }
        }
    }

    /// Hands a row to every consumer, in order (a source may hand some records as rows).
    public func consume(_ row: Row) throws {
        for sink in sinks { try sink.consume(row) }
    }

    /// The consumers as they are now.
    public var consumers: [any RawRecordConsumer] { sinks.map(\.consumer) }
}

/// One consumer of ``RecordSinks``: a class, so that the call is dispatched through its
/// table of methods, without a witness table.
private class RecordSink {
    func consume(_ record: RawRecord, decoder: RawFieldDecoder) throws {
        preconditionFailure("overridden")
    }

    func consume(_ row: Row) throws {
        preconditionFailure("overridden")
    }

    var consumer: any RawRecordConsumer { preconditionFailure("overridden") }
}

/// A consumer in memory of its own type: mutated in place through a pointer, which involves no
/// uniqueness check and, unlike a stored property of a class, no run-time exclusivity check.
/// Unshared: only its ``RecordSinks`` reaches it, from one thread at a time.
private final class TypedRecordSink<Consumer: RawRecordConsumer>: RecordSink {
    private let slot: UnsafeMutablePointer<Consumer>

    init(_ consumer: Consumer) {
        slot = .allocate(capacity: 1)
        slot.initialize(to: consumer)
    }

    deinit {
        slot.deinitialize(count: 1)
        slot.deallocate()
    }

    override func consume(_ record: RawRecord, decoder: RawFieldDecoder) throws {
        try slot.pointee.consume(record, decoder: decoder)
    }

    override func consume(_ row: Row) throws {
        try slot.pointee.consume(row)
    }

    override var consumer: any RawRecordConsumer { slot.pointee }
}
