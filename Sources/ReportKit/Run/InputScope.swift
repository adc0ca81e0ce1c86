/// What the runner puts between a source and one extractor that reads it: the span of a dated
/// source (`dated_by`) that the extractor reads (see ``RowSpan``), and the count of rows, so
/// that a source without rows, or a period without any, is a warning rather than a report of
/// zeros.
struct InputScope: Sendable {
    /// How the source dates its rows, and the days the extractor reads; `nil` for a source
    /// without `dated_by`, whose every row is read.
    struct Dated: Sendable {
        let dating: RowDating
        /// `nil`: every row.
        let days: ClosedRange<CivilDate>?
        /// Where the span was chosen (the extractor's `span`, else the source's `dated_by`),
        /// and how it is named in a warning ("2030", "span {from: 2010}").
        let location: SourceLocation
        let name: String
    }

    let sourceID: String
    let sourceLocation: SourceLocation
    let dated: Dated?
    let warnings: WarningLog
    /// Where the reading is recorded for lineage: the reader's id and the run's log.
    var lineage: (reader: String, log: LineageLog)? = nil

    /// The running counts of one consumer's scope.
    struct Tally: Sendable {
        var offered = 0
        var admitted = 0
        /// Rows whose dated cell is empty: no span but `all` reads them.
        var undated = 0
        var seen = DaySpanTracker()

        mutating func add(_ other: Tally) {
            offered += other.offered
            admitted += other.admitted
            undated += other.undated
            seen.note(other.seen)
        }
    }

    /// Whether a row dated `rowDays` is read; counts it.
    @inline(__always)
    func admits(_ rowDays: ClosedRange<CivilDate>?, _ tally: inout Tally) -> Bool {
        tally.offered += 1
        guard let dated else {
            tally.admitted += 1
            return true
        }
        guard let rowDays else {
            // A row without a date cannot be placed in any span; only `span: all` reads it.
            tally.undated += 1
            if dated.days == nil { tally.admitted += 1 }
            return dated.days == nil
        }
        tally.seen.note(rowDays)
        if let days = dated.days, rowDays.lowerBound < days.lowerBound || rowDays.upperBound > days.upperBound { return false }
        tally.admitted += 1
        return true
    }

    /// Warns of what the counts show; returns what the consumer should know of its days.
    func finish(_ tally: Tally) -> InputDays? {
        if tally.offered == 0 {
            warnings.warn(.warning("source '\(sourceID)' has no rows: every figure made from it is empty", at: sourceLocation))
        } else if let dated, tally.admitted == 0 {
            let range = tally.seen.span.map { " (its dates run from \($0.lowerBound) to \($0.upperBound))" }
                ?? " (no row has a date in '\(dated.dating.columnName)')"
            warnings.warn(.warning("source '\(sourceID)' has no row in \(dated.name)\(range)", at: dated.location))
        }
        if let dated, tally.undated > 0, dated.days != nil {
            warnings.warn(.warning("\(tally.undated) row\(tally.undated == 1 ? "" : "s") of '\(sourceID)' \(tally.undated == 1 ? "has" : "have") no date in '\(dated.dating.columnName)', so no figure of a period counts \(tally.undated == 1 ? "it" : "them") (span: all reads every row)",
                                   at: dated.dating.location))
        }
        lineage?.log.record(reader: lineage!.reader,
                            read: InputRead(input: sourceID, rowsOffered: tally.offered, rowsRead: tally.admitted, span: dated?.name,
                                           days: dated?.days),
                            dataSpan: tally.seen.span)
        guard let dated else { return nil }
        return InputDays(data: tally.seen.span, read: dated.days)
    }

    /// The rows of a loaded table that the extractor reads, and what it should know of their days.
    func apply(to table: Table) -> (table: Table, days: InputDays?) {
        var tally = Tally()
        var result = table
        result.rows = table.rows.filter { admits(dated?.dating.days(of: $0), &tally) }
        return (result, finish(tally))
    }
}

/// A consumer behind its ``InputScope``.
struct ScopedConsumer: RowConsumer {
    var inner: any RowConsumer
    let scope: InputScope
    var tally = InputScope.Tally()

    var neededColumns: Set<Int>? {
        guard let dated = scope.dated else { return inner.neededColumns }
        return inner.neededColumns.map { $0.union([dated.dating.column]) }
    }
    var canMerge: Bool { inner.canMerge }

    mutating func consume(_ row: Row) throws {
        if scope.admits(scope.dated?.dating.days(of: row), &tally) { try inner.consume(row) }
    }

    mutating func merge(_ later: any RowConsumer) throws {
        guard let later = later as? Self else { throw Diagnostic("internal: merging different consumers", at: nil) }
        try inner.merge(later.inner)
        tally.add(later.tally)
    }

    mutating func finish() throws -> Table {
        if let days = scope.finish(tally) { inner.note(days) }
        return try inner.finish()
    }
}

/// A ``ScopedConsumer`` for a consumer that takes records before decoding: it decodes the
/// dated cell alone, and remembers the days of each distinct one when the source numbers the
/// column's cells (else of the last one, since dated files come in runs of one date). A record
/// outside the span still has the cells its consumer needs checked, so that a bad cell is
/// reported whatever the period, as when rows are decoded.
///
/// Generic over its consumer, which it holds unboxed: a record passes through no existential
/// on its way in (the runner opens the consumer's type once, when it makes this).
struct ScopedRecordConsumer<Inner: RawRecordConsumer>: RawRecordConsumer {
    var inner: Inner
    let scope: InputScope
    var tally = InputScope.Tally()
    /// The columns checked for a record outside the span, in column order.
    let checked: [Int]
    /// What the hot path needs of `scope.dated`, held apart so that no record copies it.
    private let datedColumn: Int?
    private let dating: RowDating?
    private let span: ClosedRange<CivilDate>?
    private var lastBytes: [UInt8] = []
    private var lastDays: ClosedRange<CivilDate>?
    private var hasLast = false
    /// By the source's number of the dated cell: its days, once worked out.
    private var daysByNumber: [ClosedRange<CivilDate>?] = []
    private var known: [Bool] = []
    /// By column, whether each numbered cell is known to decode (for records outside the span).
    private var fits: [[Bool]]

    init(_ inner: Inner, scope: InputScope, width: Int) {
        self.inner = inner
        self.scope = scope
        var checked = inner.neededColumns ?? Set(0..<width)
        if let dated = scope.dated { checked.insert(dated.dating.column) }
        self.checked = checked.sorted()
        datedColumn = scope.dated?.dating.column
        dating = scope.dated?.dating
        span = scope.dated?.days
        fits = Array(repeating: [], count: width)
        lastBytes.reserveCapacity(32)
    }

    var neededColumns: Set<Int>? {
        guard let datedColumn else { return inner.neededColumns }
        return inner.neededColumns.map { $0.union([datedColumn]) }
    }
    var canMerge: Bool { inner.canMerge }
    /// With a span: the dated column's days, and the cells checked outside the span, found by
    /// the source's numbers where it numbers them.
    var lookedUpColumns: [Int] {
        guard let datedColumn else { return inner.lookedUpColumns }
        return inner.lookedUpColumns + [datedColumn] + Set(inner.lookedUpColumns).filter { checked.contains($0) }
    }

    mutating func consume(_ row: Row) throws {
        if scope.admits(scope.dated?.dating.days(of: row), &tally) { try inner.consume(row) }
    }

    /// Admits the record as ``InputScope/admits(_:_:)`` does a row.
    mutating func consume(_ record: RawRecord, decoder: RawFieldDecoder) throws {
        tally.offered += 1
        guard let datedColumn else {
            tally.admitted += 1
            return try inner.consume(record, decoder: decoder)
        }
        let admitted: Bool
        if let days = try self.days(of: record, column: datedColumn, decoder: decoder) {
            tally.seen.note(days)
            admitted = span.map { days.lowerBound >= $0.lowerBound && days.upperBound <= $0.upperBound } ?? true
        } else {
            // A row without a date cannot be placed in any span; only `span: all` reads it.
            tally.undated += 1
            admitted = span == nil
        }
        if admitted {
            tally.admitted += 1
            try inner.consume(record, decoder: decoder)
        } else if let bad = firstBadField(record, decoder) {
            throw bad
        }
    }

    /// The days of the record's dated cell.
    @inline(__always)
    private mutating func days(of record: RawRecord, column: Int, decoder: RawFieldDecoder) throws -> ClosedRange<CivilDate>? {
        let number = Int(record.cellNumber(of: column))
        if number >= 0, number < known.count, known[number] { return daysByNumber[number] }
        if number < 0, hasLast, record.withBytes(of: column, { $0.elementsEqual(lastBytes) }) { return lastDays }
        guard let value = record.value(of: column, decoder) else {
            throw firstBadField(record, decoder) ?? UndecodableField(column: column)
        }
        let days = dating!.days(of: value)
        if number >= 0 {
            if number >= known.count {
                daysByNumber += repeatElement(nil, count: number + 1 - known.count)
                known += repeatElement(false, count: number + 1 - known.count)
            }
            daysByNumber[number] = days
            known[number] = true
        } else {
            // The bytes kept in place: no array made per record.
            lastBytes.removeAll(keepingCapacity: true)
            record.withBytes(of: column) { lastBytes.append(contentsOf: $0) }
            lastDays = days
            hasLast = true
        }
        return days
    }

    private mutating func firstBadField(_ record: RawRecord, _ decoder: RawFieldDecoder) -> UndecodableField? {
        if record.cellsChecked { return nil }
        for column in checked {
            let number = Int(record.cellNumber(of: column))
            if number >= 0, number < fits[column].count, fits[column][number] { continue }
            guard record.fits(column, decoder) else { return UndecodableField(column: column) }
            if number >= 0 {
                if number >= fits[column].count { fits[column] += repeatElement(false, count: number + 1 - fits[column].count) }
                fits[column][number] = true
            }
        }
        return nil
    }

    mutating func merge(_ later: any RowConsumer) throws {
        guard let later = later as? Self else { throw Diagnostic("internal: merging different consumers", at: nil) }
        try inner.merge(later.inner)
        tally.add(later.tally)
    }

    mutating func finish() throws -> Table {
        if let days = scope.finish(tally) { inner.note(days) }
        return try inner.finish()
    }
}
