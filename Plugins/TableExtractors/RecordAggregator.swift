import ReportKit

/// Works out from records before decoding, for large files, whether a `where` keeps each one
/// and the numbers of its group keys' values. A condition part or a key that reads one column
/// alone is worked out once per distinct cell of that column (dates, ward names, statuses
/// repeat) and found again by the cell's bytes. Only the columns that other parts read (the
/// measures' arguments, conditions over several columns) are decoded, record by record, into
/// ``row``. The verdicts and keys are exactly those of the row path: the same conditions and
/// keys, evaluated on the same values. The `aggregate` extractor finds its groups by the key
/// numbers (``RecordAggregator``), `pivot` its cells, and `filter` keeps what it is told.
struct RecordJudge {
    /// What happens to each column the aggregate reads, in column order, so that the first
    /// bad cell of a record is the one reported, as on the row path.
    private enum Step {
        /// `onlyKey`: the position of the memo's key when it sets exactly one (most do: a
        /// year, a ward), so that a known cell sets it without looping over the memo's keys;
        /// -1 when it sets none, -2 when several.
        case lookUp(memo: Int, onlyKey: Int)
        case decode(column: Int)
    }

    private let steps: [Step]
    private var memos: [CellMemo]
    /// By memo, whether its column's values are watched (see ``watch``).
    private let watchedMemos: [Bool]
    /// The records judged so far, against which a memo weighs its misses.
    private var records = 0
    /// Condition parts and keys that read several columns (or none), evaluated on `row`.
    private let rowConditions: [CompiledExpression]
    private let rowKeys: [(position: Int, key: CompiledExpression)]
    private var interners: [KeyInterner]
    /// The decoded columns of the current record; the others stay null.
    private(set) var row: Row
    /// The current record's key numbers, one per key.
    private(set) var ids: [Int32]
    /// The days that keys by `period(...)` were given, before the condition: the data's span.
    private(set) var periodDays = DaySpanTracker()
    private let rowPeriodDates: [@Sendable (Row) throws -> Value]
    /// What the `where` kept, and the values of the text columns it compares (see ``FilterWatch``):
    /// a remembered cell's value was seen when it was first met.
    private(set) var watch: FilterWatch?
    private let decodedWatched: [Int]

    /// - Parameters:
    ///   - conditionParts: the `where`, split at its top-level `and`s.
    ///   - argumentColumns: columns decoded into ``row`` for what else reads the record.
    ///   - periodKeys: keys by period, whose null (a date outside the period) drops the row.
    init(width: Int, conditionParts: [CompiledExpression], keys: [CompiledExpression], periodKeys: [Int],
         argumentColumns: Set<Int>, watch: FilterWatch?) {
        self.watch = watch
        let rowConditions = conditionParts.filter { $0.columns.count != 1 }
        let rowKeys = keys.enumerated().filter { $0.element.columns.count != 1 }
        let decoded = rowConditions.reduce(into: argumentColumns) { $0.formUnion($1.columns) }
            .union(rowKeys.reduce(into: Set<Int>()) { $0.formUnion($1.element.columns) })
        // A part of one column that is decoded anyway is evaluated on the row.
        let lateConditions = conditionParts.filter { $0.columns.count == 1 && decoded.isSuperset(of: $0.columns) }
        let lateKeys = keys.enumerated().filter { $0.element.columns.count == 1 && decoded.isSuperset(of: $0.element.columns) }
        self.rowConditions = rowConditions + lateConditions
        self.rowKeys = (rowKeys + lateKeys).map { (position: $0.offset, key: $0.element) }
        rowPeriodDates = self.rowKeys.compactMap(\.key.periodDate)

        let looked = Set(conditionParts.flatMap(\.columns) + keys.flatMap(\.columns)).subtracting(decoded)
        var memos: [CellMemo] = []
        var steps: [Step] = []
        for column in looked.union(decoded).sorted() {
            if decoded.contains(column) {
                steps.append(.decode(column: column))
                continue
            }
            let memoKeys = keys.indices.filter { keys[$0].columns == [column] }
            steps.append(.lookUp(memo: memos.count, onlyKey: memoKeys.count == 1 ? memoKeys[0] : memoKeys.isEmpty ? -1 : -2))
            memos.append(CellMemo(column: column, width: width, conditions: conditionParts.filter { $0.columns == [column] },
                                  keys: memoKeys.map { ($0, keys[$0]) }))
        }
        self.steps = steps
        self.memos = memos
        watchedMemos = memos.map { watch?.watched.contains($0.column) ?? false }
        decodedWatched = (watch?.watched ?? []).filter(decoded.contains)
        interners = keys.indices.map { KeyInterner(dropsNull: periodKeys.contains($0)) }
        row = Row(repeating: .null, count: width)
        ids = Array(repeating: 0, count: keys.count)
    }

    /// Whether the `where` keeps the record; sets ``row`` (the decoded columns) and, when it
    /// keeps it, ``ids``. A key by period that is null (a date outside the period) drops the
    /// record, as it falls in no bucket.
    @inline(__always)
    mutating func judge(_ record: RawRecord, decoder: RawFieldDecoder) throws -> Bool {
        // The key numbers written through a pointer, the array moved out and back: written
        // as a stored property, each write checked the array unique again.
        var ids: [Int32] = []
        swap(&ids, &self.ids)
        defer { swap(&ids, &self.ids) }
        return try ids.withUnsafeMutableBufferPointer { try judge(record, decoder: decoder, settingKeys: $0) }
    }

    @inline(__always)
    private mutating func judge(_ record: RawRecord, decoder: RawFieldDecoder, settingKeys ids: UnsafeMutableBufferPointer<Int32>) throws -> Bool {
        records += 1
        var passes = true
        // Memos (below 64) worked out only if the other parts keep the record.
        var waiting: UInt64 = 0
        for step in steps {
            switch step {
            case .decode(let column):
                guard let value = record.value(of: column, decoder) else { throw UndecodableField(column: column) }
                row[column] = value
            case .lookUp(let memo, let onlyKey):
                // A cell met before (nearly every one) is found without mutating the memo.
                let known = readMemo(memo) { $0.pointee.knownCell(record) }
                if known.isKnown {
                    if onlyKey >= 0, let id = known.keyID(0) {
                        ids[onlyKey] = id
                    } else if onlyKey != -1 {
                        let keyCount = readMemo(memo) { $0.pointee.keyPositions.count }
                        for index in 0..<keyCount {
                            let (position, id) = readMemo(memo) { ($0.pointee.keyPositions[index], $0.pointee.keyID(of: known, key: index)) }
                            ids[position] = id
                        }
                    }
                    if !known.passes { passes = false }
                } else if record.cellsChecked, memo < 64, !watchedMemos[memo], readMemo(memo, { $0.pointee.canWait }) {
                    // A condition on a column whose cells seldom repeat (amounts), in a record
                    // whose cells the source checked, that cannot fail (no error to report
                    // here): worked out only when the rest of the `where` keeps the record.
                    waiting |= 1 << UInt64(memo)
                } else if try !memos[memo].judge(record, decoder, records: records, ids: ids, interners: &interners,
                                                 days: &periodDays, watch: &watch) {
                    passes = false
                }
            }
        }
        while waiting != 0, passes {
            let memo = waiting.trailingZeroBitCount
            waiting &= waiting - 1
            passes = try memos[memo].judge(record, decoder, records: records, ids: ids, interners: &interners, days: &periodDays, watch: &watch)
        }
        for date in rowPeriodDates {
            if case .date(let day) = try date(row) { periodDays.note(day...day) }
        }
        for column in decodedWatched { watch?.observe(row[column], column: column) }
        if passes { passes = try rowConditions.allSatisfy { try $0.isTrue(row) } }
        watch?.count(kept: passes)
        guard passes else { return false }
        for (position, key) in rowKeys { ids[position] = interners[position].number(of: try key.evaluate(row)) }
        for id in ids where id < 0 { return false }
        return true
    }

    /// Reads memo `index` in place: where the compiler cannot tell that nothing else touches
    /// `memos` during the call (as when `ids` is written beside it), `memos[index]` copies the
    /// memo, and with it retains its arrays, on every record.
    @inline(__always)
    private func readMemo<T>(_ index: Int, _ body: (UnsafePointer<CellMemo>) -> T) -> T {
        memos.withUnsafeBufferPointer { body($0.baseAddress.unsafelyUnwrapped + index) }
    }

    /// The columns whose cells it finds again by their bytes.
    var lookedUpColumns: [Int] { memos.map(\.column) }

    /// The number of `value` as key `position`, as records number it: a consumer given some
    /// rows among the records numbers their keys here too.
    mutating func keyNumber(_ position: Int, of value: Value) -> Int32 {
        interners[position].number(of: value)
    }

    /// The value of key `position` that number `id` stands for.
    func keyValue(_ position: Int, _ id: Int32) -> Value {
        interners[position].values[Int(id)]
    }

    /// Watches a row that the row path judged (the same watch serves both paths).
    mutating func watchRow(_ row: Row, kept: Bool) {
        watch?.observe(row, kept: kept)
    }

    /// Takes what a database saw of the rows it did not send in place of what the watch saw.
    mutating func adopt(_ facts: PushdownFacts) {
        watch?.adopt(facts)
    }

    /// Takes in what `later`, given the records after this one's, learnt of the data's days
    /// and the `where`'s values.
    mutating func merge(_ later: RecordJudge) {
        periodDays.note(later.periodDays)
        if let theirs = later.watch { watch?.merge(theirs) }
    }
}

/// Numbers the distinct values of one group key, in the order they come.
private struct KeyInterner {
    /// For a key by period: null is a date outside the period, numbered -1.
    let dropsNull: Bool
    private var numbers: [Value: Int32] = [:]
    private(set) var values: [Value] = []

    init(dropsNull: Bool) {
        self.dropsNull = dropsNull
    }

    mutating func number(of value: Value) -> Int32 {
        if dropsNull, value.isNull { return -1 }
        if let number = numbers[value] { return number }
        let number = Int32(values.count)
        numbers[value] = number
        values.append(value)
        return number
    }
}

/// What the condition parts and keys that read one column make of each distinct cell of it.
/// Past `limit` distinct cells, or when most cells are new (a column of ids or amounts), it
/// stops remembering and looking up, so that memory stays bounded and no time is lost on
/// lookups that miss, and works each further cell out anew.
private struct CellMemo {
    static let limit = distinctCellLimit

    let column: Int
    let conditions: [CompiledExpression]
    let keys: [(position: Int, key: CompiledExpression)]
    private var cells = ByteStringTable()
    /// The short cells worked out, found again in one probe (see ``RecentCells``).
    private var recent = RecentCells()
    /// The entry of each number of `cells`; -1 while the cell is being worked out.
    private var entryOfCell: [Int32] = []
    /// What is known of the cells in the form `YYYY-MM-DD`, found by their digits (see
    /// ``DayIndex``): a copy of their entries' ``KnownCell``, so that a day is one load.
    private var dayIndex = DayIndex()
    /// Whether cells are tried as days: not once a cell that is not one (a name) is worked out
    /// before any that is, so that a column of names is not read twice, as days and as bytes.
    /// A column of days with such a cell first finds its days by their bytes, as other cells.
    private var triesDays = true
    /// By entry: the cells' own numbers, or the source's (``RawRecord/cellNumber(of:)``), where
    /// an entry not yet worked out is not known (the consumer may not see every record).
    private var known: [KnownCell] = []
    /// `keys.count` numbers per cell, for the cells whose numbers ``KnownCell`` cannot hold.
    private var keyIDs: [Int32] = []
    /// A row with only this column set, to evaluate on.
    private var row: Row

    /// `keys`' positions, apart, so that recalling a cell does not touch the expressions.
    let keyPositions: [Int]
    private let conditionsCannotFail: Bool
    /// Whether cells are still looked up: not once the memo is full, nor once more than half
    /// the records after the first `trial` cells brought a cell not met before.
    private var looksUp = true
    private var workedOut = 0
    static let trial = 16_384

    init(column: Int, width: Int, conditions: [CompiledExpression], keys: [(position: Int, key: CompiledExpression)]) {
        self.column = column
        self.conditions = conditions
        self.keys = keys
        keyPositions = keys.map(\.position)
        conditionsCannotFail = conditions.allSatisfy(\.cannotFail)
        row = Row(repeating: .null, count: width)
    }

    /// What was worked out of the record's cell before, if it was (a cell with quotes to
    /// unescape is worked out anew).
    @inline(__always)
    func knownCell(_ record: RawRecord) -> KnownCell {
        guard looksUp else { return .unknown }
        let number = record.cellNumber(of: column)
        if number != RawRecord.notNumbered {
            return number >= 0 && Int(number) < known.count ? known[Int(number)] : .unknown
        }
        guard let bytes = record.plainBytes(of: column) else { return .unknown }
        if triesDays, let day = DayIndex.key(bytes) {
            let cell = dayIndex.cell(day)
            if cell.isKnown || dayIndex.holds(day) { return cell }
        }
        if let key = RecentCells.key(bytes) {
            let cell = recent.cell(key)
            if cell.isKnown { return cell }
        }
        guard let cell = cells.find(bytes), entryOfCell[cell] >= 0 else { return .unknown }
        return known[Int(entryOfCell[cell])]
    }

    /// Whether working out the cell can wait until the other parts of the `where` are known:
    /// it is no longer remembered, sets no key, and its parts cannot fail (a part that can,
    /// `amount * amount > 1` past the range of numbers, is an error whatever the others say).
    var canWait: Bool { !looksUp && keys.isEmpty && conditionsCannotFail }

    /// The number of the value of key `key` (of `keyPositions`) for a known cell.
    @inline(__always)
    func keyID(of cell: KnownCell, key: Int) -> Int32 {
        cell.keyID(key) ?? keyIDs[cell.entry * keyPositions.count + key]
    }

    /// Works out a cell that ``knownCell(_:)`` did not find: whether it satisfies this
    /// column's condition parts; sets its keys' numbers, and remembers both.
    mutating func judge(_ record: RawRecord, _ decoder: RawFieldDecoder, records: Int, ids: UnsafeMutableBufferPointer<Int32>, interners: inout [KeyInterner],
                        days: inout DaySpanTracker, watch: inout FilterWatch?) throws -> Bool {
        let column = column
        let number = Int(record.cellNumber(of: column))
        workedOut += 1
        if looksUp, known.count >= Self.limit || (workedOut >= Self.trial && workedOut * 2 > records) {
            // A column of amounts or ids: its cells seldom repeat, and looking each one up in
            // a large table (a cache miss or two) costs more than working it out.
            looksUp = false
        }
        /// Where the cell's entry is to be noted once it is worked out.
        var newCell = NewCell.none
        var recentKey: RecentCells.Key?
        if looksUp, number == Int(RawRecord.notNumbered) {
            newCell = record.withBytes(of: column) { bytes in
                let day = triesDays ? DayIndex.key(bytes) : nil
                if day == nil, !bytes.isEmpty, dayIndex.isEmpty { triesDays = false }
                if let day, dayIndex.holds(day) { return .day(day) }
                let (cell, isNew) = cells.number(of: bytes)
                if isNew { entryOfCell.append(-1) }
                recentKey = RecentCells.key(bytes)
                return .cell(cell)
            }
        }
        guard let value = record.value(of: column, decoder) else { throw UndecodableField(column: column) }
        row[column] = value
        defer { row[column] = .null }
        watch?.observe(value, column: column)
        let verdict = try conditions.allSatisfy { try $0.isTrue(row) }
        for (position, key) in keys {
            ids[position] = interners[position].number(of: try key.evaluate(row))
            // A new cell of a key by period: its day widens the data's span (a remembered one did already).
            if let date = key.periodDate, case .date(let day) = try date(row) { days.note(day...day) }
        }
        let entry: Int?
        switch newCell {
        case .none: entry = number >= 0 ? number : nil
        case .day: entry = known.count
        case .cell(let cell):
            entry = known.count
            entryOfCell[cell] = Int32(known.count)
        }
        if let entry {
            if entry >= known.count {
                let more = entry + 1 - known.count
                known += repeatElement(.unknown, count: more)
                keyIDs += repeatElement(0, count: more * keys.count)
            }
            let keyNumbers = keys.map { ids[$0.position] }
            for (index, id) in keyNumbers.enumerated() { keyIDs[entry * keys.count + index] = id }
            known[entry] = KnownCell(entry: entry, passes: verdict, keyIDs: keyNumbers)
            if case .day(let day) = newCell { dayIndex.note(day, known[entry]) }
            if let recentKey { recent.note(recentKey, known[entry]) }
        }
        return verdict
    }
}

/// Feeds an aggregate's groups from records before decoding (see ``RecordJudge``): the group
/// is found by the numbers of its keys' values, and the groups end exactly as the row path
/// (`Grouping.add(_:key:)`) leaves them.
struct RecordAggregator {
    private(set) var judge: RecordJudge
    private var groups: GroupIndex
    /// The `Grouping` group of each entry of `groups`.
    private var groupOfEntry: [Int] = []

    init(judge: RecordJudge, keyCount: Int) {
        self.judge = judge
        groups = GroupIndex(width: keyCount)
    }

    /// Takes what a database saw of the rows it did not send (see ``RecordJudge/adopt(_:)``).
    mutating func adopt(_ facts: PushdownFacts) {
        judge.adopt(facts)
    }

    mutating func consume(_ record: RawRecord, decoder: RawFieldDecoder, into grouping: inout Grouping) throws {
        guard try judge.judge(record, decoder: decoder) else { return }
        let (entry, isNew) = groups.entry(of: judge.ids)
        if isNew {
            groupOfEntry.append(grouping.ensure(key: judge.ids.indices.map { judge.keyValue($0, judge.ids[$0]) }))
        }
        try grouping.add(judge.row, toGroup: groupOfEntry[entry])
    }

    /// Watches a row that the row path judged (the same watch serves both paths).
    mutating func watchRow(_ row: Row, kept: Bool) {
        judge.watchRow(row, kept: kept)
    }

    /// Takes in what `later`, given the records after this one's, learnt (its groups are
    /// merged through the `Grouping` it fed).
    mutating func merge(_ later: RecordAggregator) {
        judge.merge(later.judge)
    }
}

/// A cell of a memo's column met for the first time, to be given the next entry.
private enum NewCell {
    case none
    case day(Int)
    case cell(Int)
}

/// What a memo knows of a cell, in one word, so that finding a cell met before is one load:
/// whether it was worked out, whether it satisfies the memo's condition parts, its entry, and,
/// when there are at most two keys and their numbers are below 2^16, the numbers themselves
/// (else they are in the memo's `keyIDs`, by entry).
private struct KnownCell {
    private let bits: UInt64

    private static let knownBit: UInt64 = 1, passesBit: UInt64 = 2, inlineBit: UInt64 = 4

    static let unknown = KnownCell(bits: 0)

    private init(bits: UInt64) {
        self.bits = bits
    }

    /// `entry` is below 2^24 (memos hold at most ``distinctCellLimit`` cells).
    init(entry: Int, passes: Bool, keyIDs: [Int32]) {
        var bits = Self.knownBit | (passes ? Self.passesBit : 0) | UInt64(truncatingIfNeeded: entry & 0xFF_FFFF) << 8
        if keyIDs.count <= 2, keyIDs.allSatisfy({ (0..<(1 << 16)).contains($0) }) {
            bits |= Self.inlineBit
            for (index, id) in keyIDs.enumerated() { bits |= UInt64(id) << (32 + 16 * UInt64(index)) }
        }
        self.bits = bits
    }

    var isKnown: Bool { bits & Self.knownBit != 0 }
    var passes: Bool { bits & Self.passesBit != 0 }
    var entry: Int { Int(truncatingIfNeeded: bits >> 8 & 0xFF_FFFF) }

    /// Key `key`'s number when the word holds it.
    @inline(__always)
    func keyID(_ key: Int) -> Int32? {
        bits & Self.inlineBit != 0 ? Int32(truncatingIfNeeded: bits >> (32 + 16 * UInt64(key)) & 0xFFFF) : nil
    }
}

/// What is known of the cells of at most 16 bytes last worked out, in 64 places by a hash of
/// their bytes (a later cell takes the place of an earlier one with the same hash, which is
/// then found in the memo's table): most columns looked up have a few distinct cells (wards,
/// statuses), and finding one here is one probe, where the table hashes twice and follows
/// its slot to its entry and the entry to what is known (a tenth of a large aggregation).
private struct RecentCells {
    /// A cell's bytes as two little-endian words, zero-padded, and their count.
    struct Key: Equatable {
        var low: UInt64
        var high: UInt64
        var count: Int
    }

    private struct Place {
        var key: Key
        var cell: KnownCell
    }

    /// Empty places hold a count no cell has.
    private var places = [Place](repeating: Place(key: Key(low: 0, high: 0, count: -1), cell: .unknown), count: 64)

    /// The key of at most 16 bytes, else `nil`.
    @inline(never)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Key? {
        guard bytes.count <= 16 else { return nil }
        let (low, high) = ByteWord.head(UnsafeRawBufferPointer(bytes))
        return Key(low: low, high: high, count: bytes.count)
    }

    @inline(__always)
    private static func place(_ key: Key) -> Int {
        let mixed = (key.low ^ key.high &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: key.count)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed >> 58)
    }

    @inline(__always)
    func cell(_ key: Key) -> KnownCell {
        let place = places[Self.place(key)]
        return place.key == key ? place.cell : .unknown
    }

    mutating func note(_ key: Key, _ cell: KnownCell) {
        places[Self.place(key)] = Place(key: key, cell: cell)
    }
}

/// Finds what is known of date cells written `YYYY-MM-DD` by their digits, in an array indexed
/// by day: a column of dates has thousands of distinct cells, and a lookup by the bytes' hash
/// missed the processor's cache twice a record (a tenth of a large aggregation); the cell's
/// ``KnownCell`` is kept here rather than its entry, which took a second load, often a miss.
/// The key is the digits' year, month and day, so distinct byte strings have distinct keys;
/// no calendar check is needed (an impossible day is an error when its cell is decoded).
private struct DayIndex {
    /// The years held: from 64 before the first year met to 64 after it.
    private static let years = 128
    private var firstKey = 0
    private var cells: [KnownCell] = []

    /// The key of `YYYY-MM-DD` with a month of 1-12 and a day of 1-31, else `nil`.
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let (year, month, day) = CellReader.isoDateDigits(bytes), (1...12).contains(month), (1...31).contains(day) else { return nil }
        return (year * 12 + month - 1) * 31 + day - 1
    }

    var isEmpty: Bool { cells.isEmpty }

    @inline(__always)
    func cell(_ key: Int) -> KnownCell {
        let slot = key &- firstKey
        guard slot >= 0, slot < cells.count else { return .unknown }
        return cells[slot]
    }

    /// Whether the key's year is among those held (any is, before the first).
    @inline(__always)
    func holds(_ key: Int) -> Bool {
        cells.isEmpty || (key >= firstKey && key - firstKey < cells.count)
    }

    /// Notes what is known of a key it ``holds(_:)``.
    mutating func note(_ key: Int, _ cell: KnownCell) {
        if cells.isEmpty {
            firstKey = max(0, key / (12 * 31) - Self.years / 2) * 12 * 31
            cells = Array(repeating: .unknown, count: Self.years * 12 * 31)
        }
        cells[key - firstKey] = cell
    }
}
