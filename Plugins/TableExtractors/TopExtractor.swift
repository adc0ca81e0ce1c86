import ReportKit

/// The first rows by a column: the largest by default ("top 5 wards by admissions"). Rows
/// whose column is null are not ranked; rows that rank equal keep their order. It streams:
/// only the best `limit` rows so far are kept, in a heap.
public struct TopExtractor: StreamingExtractor {
    public static let type = "top"
    public static let summary = "the first rows by a column, largest first"

    public struct Options: PluginOptions {
        @Option(doc: "the table", example: "ward_totals")
        var input: TableReference
        @InputColumn(doc: "the column to rank by", example: "admitted")
        var by: ColumnName
        @Option(doc: "how many rows", example: "5")
        var limit: Int
        @Option(doc: "largest first; false for the smallest")
        var descending = true

        public init() {}
    }

    private let options: Options
    private let limit: Int

    public init(options: Options, setup: PluginSetup) throws {
        self.options = options
        limit = options.limit
        if limit < 1 { throw options.$limit.mustBe("at least 1", not: String(limit)) }
    }

    public var streamedInput: String { options.input.id }

    public func makeConsumer(columns: [Column], context: RunContext) throws -> any RowConsumer {
        let key = try options.by.index(in: Table(columns: columns))
        return Consumer(columns: columns, key: key, best: BestRows(limit: limit, descending: options.descending))
    }

    /// Offers each row to the heap. From records, only the ranked cell is decoded until a
    /// record would enter the heap; the cells of the others are checked, so that a bad cell is
    /// an error whichever rows rank first.
    private struct Consumer: RawRecordConsumer {
        let columns: [Column]
        let key: Int
        var best: BestRows

        mutating func consume(_ row: Row) throws {
            best.offer(row[key]) { row }
        }

        mutating func consume(_ record: RawRecord, decoder: RawFieldDecoder) throws {
            guard let value = record.value(of: key, decoder) else { throw UndecodableField(column: key) }
            // No closure that makes the row: capturing the decoder retained it on every record.
            if best.wouldKeep(value) {
                best.keep(value, try record.decodedRow(decoder))
            } else {
                best.pass()
                try record.checkCells(decoder, besides: key)
            }
        }

        var canMerge: Bool { true }

        mutating func merge(_ later: any RowConsumer) throws {
            guard let later = later as? Consumer else { throw Diagnostic("internal: merging different consumers", at: nil) }
            best.merge(later.best)
        }

        mutating func finish() throws -> Table {
            Table(columns: columns, rows: best.rows)
        }
    }
}

/// The best `limit` rows offered, by one value each (nulls never rank), the earlier first among
/// equals: a heap whose root is the worst row kept, which a better row replaces.
struct BestRows {
    /// A kept row's rank; the row itself is in `rows`, apart, so that comparing with the worst
    /// kept row (what nearly every offer does) copies no row.
    private struct Entry {
        var value: Value
        /// The row's place in the input, for ties.
        var order: Int
        /// Where the row is in `rows`.
        var slot: Int
    }

    let limit: Int
    let descending: Bool
    private var heap: [Entry] = []
    private var kept: [Row] = []
    private var offered = 0

    init(limit: Int, descending: Bool) {
        self.limit = limit
        self.descending = descending
    }

    /// Whether a row of `value` at `order` ranks before one of `other` at `otherOrder`.
    @inline(__always)
    private func ranks(_ value: Value, _ order: Int, before other: Value, _ otherOrder: Int) -> Bool {
        if Value.sortsBefore(value, other) { return !descending }
        if Value.sortsBefore(other, value) { return descending }
        return order < otherOrder
    }

    @inline(__always)
    private func ranks(_ a: Entry, before b: Entry) -> Bool {
        ranks(a.value, a.order, before: b.value, b.order)
    }

    /// Offers the row whose ranked value is `value`; `row` makes it only when it is kept.
    mutating func offer(_ value: Value, _ row: () throws -> Row) rethrows {
        if wouldKeep(value) { keep(value, try row()) } else { pass() }
    }

    /// Whether the next row offered is kept if its ranked value is `value`: then ``keep(_:_:)``
    /// takes it, else ``pass()`` counts it.
    @inline(__always)
    func wouldKeep(_ value: Value) -> Bool {
        guard !value.isNull else { return false }
        guard heap.count == limit else { return true }
        // The worst kept ranks before a later row of the same value, which stays out. Read in
        // place: `heap[0]` retained the heap twice on every offer.
        let (worst, worstOrder) = heap.withUnsafeBufferPointer { ($0.baseAddress.unsafelyUnwrapped.pointee.value, $0.baseAddress.unsafelyUnwrapped.pointee.order) }
        return ranks(value, offered, before: worst, worstOrder)
    }

    /// Counts a row not kept.
    @inline(__always)
    mutating func pass() {
        offered += 1
    }

    /// Keeps the next row offered, which ``wouldKeep(_:)`` said is kept.
    mutating func keep(_ value: Value, _ row: Row) {
        let order = offered
        offered += 1
        if heap.count == limit {
            kept[heap[0].slot] = row
            heap[0].value = value
            heap[0].order = order
            siftDown(0)
        } else {
            kept.append(row)
            heap.append(Entry(value: value, order: order, slot: kept.count - 1))
            siftUp(heap.count - 1)
        }
    }

    /// Takes in the rows of `later`, which was offered the rows after this one's.
    mutating func merge(_ later: BestRows) {
        for entry in later.heap {
            let order = entry.order + offered, row = later.kept[entry.slot]
            if heap.count < limit {
                kept.append(row)
                heap.append(Entry(value: entry.value, order: order, slot: kept.count - 1))
                siftUp(heap.count - 1)
            } else if ranks(entry.value, order, before: heap[0].value, heap[0].order) {
                kept[heap[0].slot] = row
                heap[0].value = entry.value
                heap[0].order = order
                siftDown(0)
            }
        }
        offered += later.offered
    }

    /// The rows kept, best first.
    var rows: [Row] {
        heap.sorted { ranks($0, before: $1) }.map { kept[$0.slot] }
    }

    // The root is the worst entry: every parent ranks after its children.
    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard ranks(heap[parent], before: heap[child]) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            var worst = parent
            for child in 2 * parent + 1...2 * parent + 2 where child < heap.count && ranks(heap[worst], before: heap[child]) {
                worst = child
            }
            if worst == parent { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}
