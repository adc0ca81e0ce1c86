import ReportKit

/// Turns a CSV source's records into what its consumers take: the records themselves, before
/// decoding, for those that take them (``RawRecordConsumer``), and typed rows of the columns
/// the others read.
struct CSVRowDecoder: Sendable {
    let reader: CSVRowReader
    let columns: [Column]
    let declared: [ColumnSpec?]
    /// The columns decoded into rows for consumers that take rows.
    let decoded: [Int]
    /// The columns whose type is a guess (see ``CSVInference``): a cell that does not decode
    /// in one of them means the guess was wrong, not that the cell is bad.
    let guessed: [Bool]
    private(set) var fieldDecoder: RawFieldDecoder

    init(reader: CSVRowReader, columns: [Column], checks: [GuessCheck], needed: Set<Int>?) {
        self.reader = reader
        self.columns = columns
        declared = columns.map { column in reader.specs.first { $0.name == column.name }?.spec }
        decoded = columns.indices.filter { needed?.contains($0) ?? true }
        guessed = checks.map { $0 != .none }
        fieldDecoder = RawFieldDecoder(columns: columns, cells: reader.cells, datePatterns: declared.map { $0?.datePattern }, checks: checks)
    }

    /// The same decoder with a field decoder of its own, for another thread (see
    /// ``RawFieldDecoder/copy()``).
    func copy() -> CSVRowDecoder {
        var copy = self
        copy.fieldDecoder = fieldDecoder.copy()
        return copy
    }

    /// The error for a field that does not decode: a wrong guess, or a bad cell.
    func undecodable(_ field: CSVParser.Field, column: Int, _ parser: CSVParser) throws -> any Error {
        if guessed[column] { return CSVGuessFailed() }
        return try reader.badCell(field, columns[column], declared[column], parser)
    }

    /// Like ``feed(_:_:pending:stoppingAt:_:)``, into consumers: records before decoding to
    /// those that take them, rows of the columns they read to the others.
    func feed(_ parser: inout CSVParser, _ fields: inout [CSVParser.Field], pending: Bool, stoppingAt stop: Int?,
              into consumers: inout [any RowConsumer], numbers: inout CellNumbers) throws -> Bool {
        let raw = RecordSinks(consumers.compactMap { $0 as? any RawRecordConsumer })
        if raw.isEmpty {
            return try feed(&parser, &fields, pending: pending, stoppingAt: stop) { row in
                for index in consumers.indices { try consumers[index].consume(row) }
            }
        }
        let isRaw = consumers.map { $0 is any RawRecordConsumer }
        // A consumer that keeps whole rows checks every cell of the others.
        parser.checksUTF8 = consumers.indices.contains { isRaw[$0] && consumers[$0].neededColumns == nil }
        var rowConsumers = consumers.indices.filter { !isRaw[$0] }.map { consumers[$0] }
        defer {
            let rawConsumers = raw.consumers
            var nextRaw = 0, nextRow = 0
            for index in consumers.indices {
                if isRaw[index] {
                    consumers[index] = rawConsumers[nextRaw]
                    nextRaw += 1
                } else {
                    consumers[index] = rowConsumers[nextRow]
                    nextRow += 1
                }
            }
        }
        // Rows only of what the consumers that take rows read.
        let rowColumns = rowConsumers.reduce(Set<Int>?.some([])) { union, consumer in
            guard let union, let columns = consumer.neededColumns else { return nil }
            return union.union(columns)
        }
        let rowDecoded = decoded.filter { rowColumns?.contains($0) ?? true }
        var row = Row(repeating: .null, count: columns.count)
        var interned = [ShortTextCache](repeating: ShortTextCache(), count: columns.count)
        // Kept only for several consumers: for one, keeping what it decodes is work for nothing.
        let keptCells = raw.count > 1 ? DecodedCell.allocate(width: columns.count) : nil
        defer {
            keptCells?.deinitialize()
            keptCells?.deallocate()
        }
        var serial = 0
        return try forEachRecord(&parser, &fields, pending: pending, stoppingAt: stop) { parser, fields in
            if !rowConsumers.isEmpty {
                try decode(parser, fields, rowDecoded, into: &row, interned: &interned)
            }
            serial += 1
            do {
                try fields.withUnsafeBufferPointer { fields in
                    try parser.withRecord(fields, decodedCells: keptCells?.baseAddress, serial: serial) { record in
                        try numbers.number(record, fieldDecoder) { record in
                            try raw.consume(record, decoder: fieldDecoder)
                        }
                    }
                }
            } catch let bad as UndecodableField {
                throw try undecodable(fields[bad.column], column: bad.column, parser)
            }
            // Guarded: the loop alone makes the (empty, shared) array unique on every record.
            if !rowConsumers.isEmpty {
                for index in rowConsumers.indices { try rowConsumers[index].consume(row) }
            }
        }
    }

    /// Delivers the parser's records (starting with the one it holds when `pending`) until
    /// the end or, with `stop`, until a record that starts at or after `stop`, which is
    /// left pending; returns whether it stopped there.
    func feed(_ parser: inout CSVParser, _ fields: inout [CSVParser.Field], pending: Bool, stoppingAt stop: Int?,
              _ body: (Row) throws -> Void) throws -> Bool {
        // One row buffer for the whole file: a consumer that keeps a row copies it.
        var row = Row(repeating: .null, count: columns.count)
        var interned = [ShortTextCache](repeating: ShortTextCache(), count: columns.count)
        return try forEachRecord(&parser, &fields, pending: pending, stoppingAt: stop) { parser, fields in
            try decode(parser, fields, decoded, into: &row, interned: &interned)
            try body(row)
        }
    }

    /// Decodes the `decoded` columns of a record into `row`.
    @inline(__always)
    private func decode(_ parser: CSVParser, _ fields: [CSVParser.Field], _ decoded: [Int], into row: inout Row,
                        interned: inout [ShortTextCache]) throws {
        for index in decoded {
            let field = fields[index], column = columns[index]
            let value = parser.withBytes(of: field) { bytes -> Value? in
                if column.type == .string, !guessed[index], !bytes.isEmpty, !fieldDecoder.cells.isNullMarker(bytes),
                   let text = interned[index].text(bytes) { return Value.string(text) }
                return fieldDecoder.value(bytes, column: index)
            }
            guard let value else { throw try undecodable(field, column: index, parser) }
            row[index] = value
        }
    }

    /// Calls `body` with the parser's records (starting with the one it holds when
    /// `pending`), each checked to have a field per column, until the end or, with `stop`,
    /// until a record that starts at or after `stop`, which is left pending; returns
    /// whether it stopped there.
    @inline(__always)
    private func forEachRecord(_ parser: inout CSVParser, _ fields: inout [CSVParser.Field], pending: Bool, stoppingAt stop: Int?,
                               _ body: (CSVParser, [CSVParser.Field]) throws -> Void) throws -> Bool {
        var havePending = pending
        while try havePending || parser.nextFields(&fields) {
            havePending = false
            if let stop, parser.recordStart >= stop { return true }
            if fields.count != columns.count { try reader.checkWidth(fields.map(parser.offset(of:)), columns.count, parser) }
            try body(parser, fields)
        }
        return false
    }
}

/// Short texts seen before in a column (ward names, statuses), so that a repeated value is
/// looked up instead of validated and copied again. Bounded: a column of ids stops caching.
struct ShortTextCache {
    private struct Key: Hashable {
        var low: UInt64, high: UInt64, count: Int
    }

    private var texts: [Key: String] = [:]

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count <= 16 else { return nil }
        var key = Key(low: 0, high: 0, count: bytes.count)
        for (index, byte) in bytes.enumerated() {
            if index < 8 { key.low |= UInt64(byte) << (index * 8) } else { key.high |= UInt64(byte) << ((index - 8) * 8) }
        }
        if let text = texts[key] { return text }
        guard texts.count < 4096, let text = CellReader.text(bytes) else { return nil }
        texts[key] = text
        return text
    }
}

/// Work on a record that several consumers would each do, done once for all of them: the
/// numbers of the cells of the columns looked up more than once (``RawRecordConsumer/lookedUpColumns``),
/// and, when more than one consumer keeps whole rows, the check that every cell decodes
/// (remembered by cell number where there is one). One of them serves a set of consumers from
/// their first record to their last.
struct CellNumbers {
    private let shared: [Int]
    private var tables: [ByteStringTable]
    private var numbers: [Int32]
    private let checksCells: Bool
    /// By column, whether each numbered cell is known to decode.
    private var fits: [[Bool]]

    init(width: Int, consumers: [any RowConsumer]) {
        var wanted = [Int](repeating: 0, count: width)
        var keepingRows = 0
        for case let consumer as any RawRecordConsumer in consumers {
            for column in consumer.lookedUpColumns where column < width { wanted[column] += 1 }
            if consumer.neededColumns == nil { keepingRows += 1 }
        }
        shared = wanted.indices.filter { wanted[$0] > 1 }
        tables = shared.map { _ in ByteStringTable() }
        checksCells = keepingRows > 1
        numbers = Array(repeating: RawRecord.notNumbered, count: shared.isEmpty && !checksCells ? 0 : width)
        fits = Array(repeating: [], count: checksCells ? width : 0)
    }

    /// Calls `body` with `record`, numbered and checked.
    @inline(__always)
    mutating func number(_ record: RawRecord, _ decoder: RawFieldDecoder, _ body: (RawRecord) throws -> Void) rethrows {
        guard !numbers.isEmpty else { return try body(record) }
        for index in shared.indices {
            numbers[shared[index]] = cellNumber(record, column: shared[index], table: index)
        }
        var checked = checksCells
        if checksCells {
            for column in record.fields.indices {
                let number = Int(numbers[column])
                if number >= 0, number < fits[column].count, fits[column][number] { continue }
                // A bad cell is left to the consumers, which report it if they read it.
                guard record.fits(column, decoder) else {
                    checked = false
                    break
                }
                if number >= 0 {
                    if number >= fits[column].count { fits[column] += repeatElement(false, count: number + 1 - fits[column].count) }
                    fits[column][number] = true
                }
            }
        }
        try numbers.withUnsafeBufferPointer { numbers in
            try body(RawRecord(buffer: record.buffer, fields: record.fields, cellNumbers: numbers, cellsChecked: checked, textValid: record.textValid,
                               decodedCells: record.decodedCells, serial: record.serial))
        }
    }

    /// The number of a shared column's cell, found first without mutating the table: nearly
    /// every cell was met before, and a mutation checks the tables unique on every call.
    @inline(__always)
    private mutating func cellNumber(_ record: RawRecord, column: Int, table index: Int) -> Int32 {
        guard tables[index].count < distinctCellLimit else { return RawRecord.pastTheLimit }
        if let bytes = record.plainBytes(of: column), let found = tables[index].find(bytes) { return Int32(found) }
        return Int32(record.withBytes(of: column) { tables[index].number(of: $0).number })
    }
}
