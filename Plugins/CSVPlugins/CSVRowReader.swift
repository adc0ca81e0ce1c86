import Foundation
import ReportKit

/// Reads the rows of one or more CSV files with one header as typed values, without keeping
/// them: a first pass infers the types of undeclared columns (skipped when every column is
/// declared), a second delivers the rows. Bad cells, ragged rows and invalid UTF-8 are errors
/// at their file, line and column.
struct CSVRowReader: Sendable {
    let files: [(url: URL, display: String)]
    let specs: [(name: String, spec: ColumnSpec)]
    let cells: CellReader
    let hasHeader: Bool
    let delimiter: UInt8?
    /// The files' encoding when the recipe names one (see ``CSVFileInput/open(_:display:encoding:)``).
    var encoding: TextEncoding?
    /// Files smaller than this are read on one core: splitting costs more than it saves.
    var minimumSplitSize = 4 << 20

    /// The header and the type of every column.
    func columns() throws -> (names: [String], types: [Column]) {
        var names: [String]?
        var guesses: [ColumnTypeGuess] = []
        var textBecause: [String?] = []
        var declared: [ColumnSpec?] = []
        var sawRecord = false
        // Per column, the first cell of each kind of day-order evidence, with its place.
        var dayOrderWitnesses: [[ColumnTypeGuess.DayOrderEvidence: (text: String, place: SourceLocation)]] = []
        for file in files {
            var parser = try CSVParser(input: CSVFileInput.open(file.url, display: file.display, encoding: encoding), delimiter: delimiter, file: file.display)
            guard let header = try readHeader(&parser, expected: names, firstFile: files[0].display) else { continue }
            if names == nil {
                names = header
                declared = header.map { name in specs.first { $0.name == name }?.spec }
                guesses = header.map { _ in ColumnTypeGuess() }
                textBecause = header.map { _ in nil }
                dayOrderWitnesses = header.map { _ in [:] }
            }
            if declared.allSatisfy({ $0 != nil }) { break }
            while let record = try parser.next() {
                sawRecord = true
                try checkWidth(record.offsets, header.count, parser)
                for (index, field) in record.fields.enumerated() where index < guesses.count && declared[index] == nil {
                    if guesses[index].observe(Substring(field), with: cells) {
                        textBecause[index] = "\(parser.location(ofByte: record.offsets[index])) holds '\(field)'"
                            + BadCell.hint(for: field, type: guesses[index].typeBefore, cells: cells)
                    }
                    if let evidence = guesses[index].noteDayOrder(Substring(field), with: cells), dayOrderWitnesses[index][evidence] == nil {
                        dayOrderWitnesses[index][evidence] = (field, parser.location(ofByte: record.offsets[index]))
                    }
                }
            }
        }
        let header = names ?? []
        // A column no cell gave a type to is text by default: type errors say why, and how to declare it.
        for index in header.indices where declared[index] == nil && !guesses[index].hasSeenValue {
            let file = files.first?.display ?? "the file"
            textBecause[index] = (sawRecord ? "every cell of it in \(file) is empty" : "\(file) has a header but no rows")
                + ", so no cell tells its type"
        }
        var diagnostics = Diagnostics()
        for index in header.indices where declared[index] == nil && guesses[index].type == .string && guesses[index].fitsTheOtherDayOrder {
            guard let other = dayOrderWitnesses[index][.otherOrderOnly] else { continue }
            diagnostics.append(dayOrderError(column: header[index], other: other, either: dayOrderWitnesses[index][.eitherOrder]))
        }
        try diagnostics.throwIfAnyAsFound()
        let columns = header.indices.map { index in
            declared[index].map { Column(header[index], $0.type, plain: $0.isPlain) }
                ?? Column(header[index], guesses[index].type, textBecause: textBecause[index])
        }
        return (header, columns)
    }

    /// A column of dates written in the order of day and month that the locale does not read:
    /// an error showing a cell only that order reads and, when there is one, a cell both read
    /// (which would silently be a wrong date), asking for the column's `format`.
    private func dayOrderError(column: String, other: (text: String, place: SourceLocation),
                               either: (text: String, place: SourceLocation)?) -> Diagnostic {
        let locale = cells.dateLocale
        let dayFirst = !locale.isDayFirst
        let separator = other.text.first { !$0.isNumber } ?? "/"
        let format = (dayFirst ? ["%d", "%m", "%Y"] : ["%m", "%d", "%Y"]).joined(separator: String(separator))
        var message = "column '\(column)' writes dates with the \(dayFirst ? "day" : "month") first ('\(other.text)'), "
            + "which the locale \(locale.identifier) does not read that way"
        var notes: [Diagnostic.Note] = []
        if let either, let date = cells.readDate(Substring(either.text)) {
            message += "; it would read '\(either.text)' as \(date)"
            notes.append(.init("'\(either.text)' reads both ways", at: either.place))
        }
        message += ". Declare the column's format: columns: {\(column): {type: date, format: '\(format)'}}"
        return Diagnostic(message, at: other.place, notes: notes)
    }

    /// Delivers every row, typed as `columns` says; columns outside `needed` (when given) are
    /// left null, and their bytes are never decoded.
    func forEachRow(columns: [Column], needing needed: Set<Int>?, _ body: (Row) throws -> Void) throws {
        let decoder = RowDecoder(reader: self, columns: columns, needed: needed)
        var fields: [CSVParser.Field] = []
        do {
            for file in files {
                var parser = try openAfterHeader(file, &fields)
                _ = try decoder.feed(&parser, &fields, pending: false, stoppingAt: nil, body)
            }
        } catch let bad as CSVBadCell {
            throw everyBadCell(columns: columns, needing: needed, first: bad)
        }
    }

    /// Every row, typed as `columns` says, with the file and line each starts on
    /// (`explain --rows`).
    func tracedRows(columns: [Column]) throws -> (rows: [Row], origins: [RowOrigin]) {
        let decoder = RowDecoder(reader: self, columns: columns, needed: nil)
        var rows: [Row] = [], origins: [RowOrigin] = [], fields: [CSVParser.Field] = []
        for file in files {
            var parser = try openAfterHeader(file, &fields)
            var starts: [Int] = []
            while try parser.nextFields(&fields) {
                if fields.count != columns.count { try checkWidth(fields.map(parser.offset(of:)), columns.count, parser) }
                rows.append(try columns.indices.map { index in
                    guard let value = parser.withBytes(of: fields[index], { decoder.fieldDecoder.value($0, column: index) }) else {
                        throw try badCell(fields[index], columns[index], decoder.declared[index], parser).diagnostic
                    }
                    return value
                })
                starts.append(parser.recordStart)
            }
            origins += parser.lines(atOffsets: starts).map { RowOrigin(file: file.display, line: $0) }
        }
        return (rows, origins)
    }

    /// A parser of `file` whose next record is the first after the header.
    private func openAfterHeader(_ file: (url: URL, display: String), _ fields: inout [CSVParser.Field]) throws -> CSVParser {
        var parser = try CSVParser(input: CSVFileInput.open(file.url, display: file.display, encoding: encoding), delimiter: delimiter, file: file.display)
        if hasHeader { _ = try parser.nextFields(&fields) }
        return parser
    }

    /// Reads large input on two cores when given two partitions. Several files are cut into two
    /// runs of about equal size, each read in order by one core. One file is split at the first
    /// line after its middle: the second core starts there, the first stops where the second
    /// started; when the first finds that the middle was inside a quoted field (its records do
    /// not start there), the second's work is dropped and the first reads on to the end.
    /// Returns the partitions whose rows count, in order.
    func feed(columns: [Column], needing needed: Set<Int>?, partitions: [[any RowConsumer]]) throws -> [[any RowConsumer]] {
        do {
            return try feedPartitions(columns: columns, needing: needed, partitions: partitions)
        } catch let bad as CSVBadCell {
            throw everyBadCell(columns: columns, needing: needed, first: bad)
        }
    }

    private func feedPartitions(columns: [Column], needing needed: Set<Int>?, partitions: [[any RowConsumer]]) throws -> [[any RowConsumer]] {
        let decoder = RowDecoder(reader: self, columns: columns, needed: needed)
        let sizes = partitions.count >= 2 ? files.map { (try? $0.url.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0) ?? 0 } : []
        let total = sizes.reduce(0, +)
        guard partitions.count >= 2, total >= minimumSplitSize else {
            return [try feed(files[...], decoder, into: partitions[0])]
        }
        if files.count >= 2 {
            return try feedInTwoRuns(decoder, cut: Self.cut(sizes), partitions: partitions)
        }
        // A transcoded file is read from its start: no splitting by offset.
        guard try !CSVFileInput.isTranscoded(files[0].url, encoding: encoding),
              let split = try Self.lineStart(after: total / 2, in: files[0].url), split < total else {
            return [try feed(files[...], decoder, into: partitions[0])]
        }
        let file = files[0]
        var fields: [CSVParser.Field] = []
        let parser = try openAfterHeader(file, &fields)
        let first = Partition(parser: parser, consumers: partitions[0])
        let second = Partition(parser: nil, consumers: partitions[1])
        let detectedDelimiter = parser.delimiter
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            let partition = worker == 0 ? first : second
            // Locals, not the shared object's properties, in the loop: no exclusivity checks per row.
            var consumers = partition.consumers, fields: [CSVParser.Field] = []
            defer { partition.consumers = consumers }
            do {
                if worker == 0 {
                    var parser = partition.parser!
                    defer { (partition.parser, partition.fields) = (parser, fields) }
                    partition.stopped = try decoder.feed(&parser, &fields, pending: false, stoppingAt: split, into: &consumers)
                } else {
                    var later = try CSVParser(input: CSVFileInput(url: file.url, offset: split), delimiter: detectedDelimiter,
                                              file: file.display, offset: split)
                    if try later.nextFields(&fields) {
                        partition.firstRecordStart = later.recordStart
                        _ = try decoder.feed(&later, &fields, pending: true, stoppingAt: nil, into: &consumers)
                    }
                }
            } catch {
                partition.error = error
            }
        }
        if let error = first.error { throw error }
        if first.stopped, first.parser!.recordStart == second.firstRecordStart {
            if let error = second.error { throw error }
            return [first.consumers, second.consumers]
        }
        if first.stopped {
            _ = try decoder.feed(&first.parser!, &first.fields, pending: true, stoppingAt: nil, into: &first.consumers)
        }
        return [first.consumers]
    }

    /// Every row of `files`, in order, to `consumers`.
    private func feed(_ files: ArraySlice<(url: URL, display: String)>, _ decoder: RowDecoder,
                      into consumers: [any RowConsumer]) throws -> [any RowConsumer] {
        var consumers = consumers, fields: [CSVParser.Field] = []
        for file in files {
            var parser = try openAfterHeader(file, &fields)
            _ = try decoder.feed(&parser, &fields, pending: false, stoppingAt: nil, into: &consumers)
        }
        return consumers
    }

    /// The files before `cut` on one core, the rest on the other; an error in the first run is
    /// the one reported, as reading in order would.
    private func feedInTwoRuns(_ decoder: RowDecoder, cut: Int, partitions: [[any RowConsumer]]) throws -> [[any RowConsumer]] {
        let runs = [Partition(parser: nil, consumers: partitions[0]), Partition(parser: nil, consumers: partitions[1])]
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            let run = runs[worker]
            do {
                run.consumers = try feed(worker == 0 ? files[..<cut] : files[cut...], decoder, into: run.consumers)
            } catch {
                run.error = error
            }
        }
        for run in runs { if let error = run.error { throw error } }
        return runs.map(\.consumers)
    }

    /// Where to cut files of these sizes into two runs of about equal size, each of one file
    /// at least.
    static func cut(_ sizes: [Int]) -> Int {
        let total = sizes.reduce(0, +)
        var before = 0, best = 1, bestGap = Int.max
        for index in 1..<sizes.count {
            before += sizes[index - 1]
            let gap = abs(total - 2 * before)
            if gap < bestGap { (best, bestGap) = (index, gap) }
        }
        return best
    }

    /// The offset just after the first line break at or after `offset`, if any.
    private static func lineStart(after offset: Int, in url: URL) throws -> Int? {
        var input = try CSVFileInput(url: url, offset: offset)
        var position = offset
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try input.read(into: $0) }
            if count == 0 { return nil }
            if let lineFeed = chunk[..<count].firstIndex(of: CSVParser.lineFeed) { return position + lineFeed + 1 }
            position += count
        }
    }

    /// One core's share of a file: mutated by that core only, read after both are done.
    private final class Partition: @unchecked Sendable {
        var parser: CSVParser?
        var fields: [CSVParser.Field] = []
        var consumers: [any RowConsumer]
        var stopped = false
        var firstRecordStart: Int?
        var error: (any Error)?

        init(parser: CSVParser?, consumers: [any RowConsumer]) {
            self.parser = parser
            self.consumers = consumers
        }
    }

    /// Short texts seen before in a column (ward names, statuses), so that a repeated value is
    /// looked up instead of validated and copied again. Bounded: a column of ids stops caching.
    private struct ShortTextCache {
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

    /// Turns records into typed rows.
    private struct RowDecoder: Sendable {
        let reader: CSVRowReader
        let columns: [Column]
        let declared: [ColumnSpec?]
        let decoded: [Int]

        let fieldDecoder: RawFieldDecoder

        init(reader: CSVRowReader, columns: [Column], needed: Set<Int>?) {
            self.reader = reader
            self.columns = columns
            declared = columns.map { column in reader.specs.first { $0.name == column.name }?.spec }
            decoded = columns.indices.filter { needed?.contains($0) ?? true }
            fieldDecoder = RawFieldDecoder(columns: columns, cells: reader.cells, datePatterns: declared.map { $0?.datePattern })
        }

        /// Like ``feed(_:_:pending:stoppingAt:_:)``, into consumers: records before decoding
        /// when every one of them takes those, rows otherwise.
        func feed(_ parser: inout CSVParser, _ fields: inout [CSVParser.Field], pending: Bool, stoppingAt stop: Int?,
                  into consumers: inout [any RowConsumer]) throws -> Bool {
            var raw = consumers.compactMap { $0 as? any RawRecordConsumer }
            guard raw.count == consumers.count else {
                return try feed(&parser, &fields, pending: pending, stoppingAt: stop) { row in
                    for index in consumers.indices { try consumers[index].consume(row) }
                }
            }
            defer { consumers = raw }
            return try forEachRecord(&parser, &fields, pending: pending, stoppingAt: stop) { parser, fields in
                do {
                    try fields.withUnsafeBufferPointer { fields in
                        try parser.withRecord(fields) { record in
                            for index in raw.indices { try raw[index].consume(record, decoder: fieldDecoder) }
                        }
                    }
                } catch let bad as UndecodableField {
                    throw try reader.badCell(fields[bad.column], columns[bad.column], declared[bad.column], parser)
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
                for index in decoded {
                    let field = fields[index], column = columns[index]
                    let value = parser.withBytes(of: field) { bytes -> Value? in
                        if column.type == .string, !bytes.isEmpty, !fieldDecoder.cells.isNullMarker(bytes),
                           let text = interned[index].text(bytes) { return Value.string(text) }
                        return fieldDecoder.value(bytes, column: index)
                    }
                    guard let value else { throw try reader.badCell(field, column, declared[index], parser) }
                    row[index] = value
                }
                try body(row)
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

    fileprivate func badCell(_ field: CSVParser.Field, _ column: Column, _ spec: ColumnSpec?, _ parser: CSVParser) throws -> CSVBadCell {
        let text = try parser.text(of: field)
        return CSVBadCell(diagnostic: Diagnostic(
            BadCell.message(text, column: column.name, type: column.type, hasFormat: spec?.datePattern != nil, cells: cells),
            at: parser.location(ofByte: parser.offset(of: field))))
    }

    /// Once a bad cell is found, the files read again for every bad cell of the columns read,
    /// up to ``CSVBadCell/perColumn`` of each column and the count of the rest, so that one run
    /// shows a user every cell to fix (line 273 as well as line 5).
    fileprivate func everyBadCell(columns: [Column], needing needed: Set<Int>?, first: CSVBadCell) -> any Error {
        let decoder = RowDecoder(reader: self, columns: columns, needed: needed)
        var found: [Int: [Diagnostic]] = [:], more: [Int: (count: Int, last: SourceLocation?)] = [:]
        var diagnostics = Diagnostics()
        var fields: [CSVParser.Field] = []
        do {
            for file in files {
                var parser = try openAfterHeader(file, &fields)
                while try parser.nextFields(&fields) {
                    if fields.count != columns.count { try checkWidth(fields.map(parser.offset(of:)), columns.count, parser) }
                    for index in decoder.decoded where parser.withBytes(of: fields[index], { decoder.fieldDecoder.value($0, column: index) }) == nil {
                        if found[index, default: []].count < CSVBadCell.perColumn {
                            found[index, default: []].append(try badCell(fields[index], columns[index], decoder.declared[index], parser).diagnostic)
                        } else {
                            more[index, default: (0, nil)].count += 1
                            more[index]?.last = parser.location(ofByte: parser.offset(of: fields[index]))
                        }
                    }
                }
            }
        } catch {
            // Reading stops at a file's own problem (a ragged row), which is reported too.
            diagnostics.append(error)
        }
        for index in found.keys.sorted() {
            found[index]!.forEach { diagnostics.append($0) }
            if let (count, last) = more[index] {
                diagnostics.append(Diagnostic("and \(count) more such cell\(count == 1 ? "" : "s") in column '\(columns[index].name)'"
                                              + (last.map { ", the last at \($0)" } ?? ""), at: last))
            }
        }
        if diagnostics.isEmpty { diagnostics.append(first.diagnostic) }
        return diagnostics.all.count == 1 ? diagnostics.all[0] : diagnostics
    }

    /// The header of one file (numbered names without a header line); checks it against the
    /// first file's and the declared columns. `nil` for an empty file without a header line.
    private func readHeader(_ parser: inout CSVParser, expected: [String]?, firstFile: String) throws -> [String]? {
        guard hasHeader else {
            var peek = parser
            guard let first = try peek.next() else { return expected }
            return expected ?? first.fields.indices.map { "column\($0 + 1)" }
        }
        guard let record = try parser.next() else {
            throw Diagnostic("the file is empty; expected a header line", at: SourceLocation(file: parser.file, line: 1, column: 1))
        }
        if let expected {
            guard record.fields == expected else {
                throw Diagnostic("this file's header differs from the header of '\(firstFile)'; files read together must have the same columns",
                                 at: parser.location(ofByte: record.offsets[0]))
            }
            return expected
        }
        var seen: [String: Int] = [:]
        for (index, name) in record.fields.enumerated() {
            if name.isEmpty {
                throw Diagnostic("column \(index + 1) of the header has no name", at: parser.location(ofByte: record.offsets[index]))
            }
            if let first = seen[name] {
                throw Diagnostic("the header names the column '\(name)' twice", at: parser.location(ofByte: record.offsets[index]),
                                 notes: [.init("first here", at: parser.location(ofByte: record.offsets[first]))])
            }
            seen[name] = index
        }
        var diagnostics = Diagnostics()
        for (name, spec) in specs where seen[name] == nil {
            diagnostics.append(PluginProblem.unknownColumn(name, in: record.fields, of: "the file '\(parser.file)'", at: spec.location))
        }
        try diagnostics.throwIfAny()
        return record.fields
    }

    /// A row whose fields (given by their offsets) are not as many as the header's is an error
    /// at its first extra field, or at its start when it has too few.
    fileprivate func checkWidth(_ offsets: [Int], _ width: Int, _ parser: CSVParser) throws {
        guard offsets.count != width else { return }
        let place = offsets.count > width ? offsets[width] : offsets[0]
        throw Diagnostic("this row has \(offsets.count) fields, but the header has \(width)", at: parser.location(ofByte: place))
    }
}

/// A cell that is not of its column's type: reading stops, and the files are read again for
/// every such cell (see ``CSVRowReader``).
struct CSVBadCell: Error {
    static let perColumn = 20
    let diagnostic: Diagnostic
}
