import Foundation
import ReportKit

/// Reads the rows of one or more CSV files with one header as typed values, without keeping
/// them. The types of undeclared columns are guessed from the first records and checked as the
/// rows are delivered (see ``CSVInference``). Bad cells, ragged rows and invalid UTF-8 are
/// errors at their file, line and column.
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

    /// The rows, with the columns typed as `inference` has them.
    func stream(_ inference: CSVInference) throws -> RowStream {
        let (columns, checks) = try columnTypes(inference)
        let guessed = Set(inference.undeclared).subtracting(inference.final)
        return RowStream(columns: columns, producer: { needed, body in
            try revising(inference, needing: needed) { try forEachRow(columns: columns, checks: checks, needing: needed, body) }
        }, parallelProducer: { needed, partitions in
            try revising(inference, needing: needed) {
                try feed(columns: columns, checks: checks, needing: needed, partitions: partitions)
            }
        }, settled: guessed.isEmpty ? nil : {
            var settled = inference
            settled.adopt(guessed, from: try infer(columns: guessed, budget: nil))
            return try stream(settled)
        })
    }

    /// Runs `read`; when a cell shows a guessed type wrong, the guessed columns read are
    /// inferred from every cell, and the rows are to be read again with those types.
    private func revising<T>(_ inference: CSVInference, needing needed: Set<Int>?, _ read: () throws -> T) throws -> T {
        do {
            return try read()
        } catch is CSVGuessFailed {
            let guessed = Set(inference.undeclared).subtracting(inference.final)
            let read = guessed.intersection(needed ?? guessed)
            var revised = inference
            revised.adopt(read.isEmpty ? guessed : read, from: try infer(columns: read.isEmpty ? guessed : read, budget: nil))
            throw ColumnsRevised(stream: try stream(revised))
        }
    }

    /// Delivers every row, typed as `columns` says; columns outside `needed` (when given) are
    /// left null, and their bytes are never decoded.
    func forEachRow(columns: [Column], checks: [GuessCheck], needing needed: Set<Int>?, _ body: (Row) throws -> Void) throws {
        let decoder = CSVRowDecoder(reader: self, columns: columns, checks: checks, needed: needed)
        var fields: [CSVParser.Field] = []
        do {
            for file in files {
                var parser = try openAfterHeader(file, &fields)
                _ = try decoder.feed(&parser, &fields, pending: false, stoppingAt: nil, body)
            }
        } catch let bad as CSVBadCell {
            throw everyBadCell(decoder, first: bad)
        }
    }

    /// Every row, typed as `columns` says, with the file and line each starts on
    /// (`explain --rows`).
    func tracedRows(columns: [Column]) throws -> (rows: [Row], origins: [RowOrigin]) {
        let decoder = CSVRowDecoder(reader: self, columns: columns, checks: columns.map { _ in .none }, needed: nil)
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
    func feed(columns: [Column], checks: [GuessCheck], needing needed: Set<Int>?, partitions: [[any RowConsumer]]) throws -> [[any RowConsumer]] {
        let decoder = CSVRowDecoder(reader: self, columns: columns, checks: checks, needed: needed)
        do {
            return try feedPartitions(decoder, partitions: partitions)
        } catch let bad as CSVBadCell {
            throw everyBadCell(decoder, first: bad)
        }
    }

    private func feedPartitions(_ decoder: CSVRowDecoder, partitions: [[any RowConsumer]]) throws -> [[any RowConsumer]] {
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
        let decoders = [decoder, decoder.copy()]
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            let partition = worker == 0 ? first : second, decoder = decoders[worker]
            // Locals, not the shared object's properties, in the loop: no exclusivity checks per row.
            var consumers = partition.consumers, fields: [CSVParser.Field] = []
            var numbers = CellNumbers(width: decoder.columns.count, consumers: consumers)
            defer { (partition.consumers, partition.numbers) = (consumers, numbers) }
            do {
                if worker == 0 {
                    var parser = partition.parser!
                    defer { (partition.parser, partition.fields) = (parser, fields) }
                    partition.stopped = try decoder.feed(&parser, &fields, pending: false, stoppingAt: split, into: &consumers, numbers: &numbers)
                } else {
                    var later = try CSVParser(input: CSVFileInput(url: file.url, offset: split), delimiter: detectedDelimiter,
                                              file: file.display, offset: split)
                    if try later.nextFields(&fields) {
                        partition.firstRecordStart = later.recordStart
                        _ = try decoder.feed(&later, &fields, pending: true, stoppingAt: nil, into: &consumers, numbers: &numbers)
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
            _ = try decoder.feed(&first.parser!, &first.fields, pending: true, stoppingAt: nil, into: &first.consumers, numbers: &first.numbers!)
        }
        return [first.consumers]
    }

    /// Every row of `files`, in order, to `consumers`.
    private func feed(_ files: ArraySlice<(url: URL, display: String)>, _ decoder: CSVRowDecoder,
                      into consumers: [any RowConsumer]) throws -> [any RowConsumer] {
        var consumers = consumers, fields: [CSVParser.Field] = []
        // One numbering of cells for all the files: the consumers remember the numbers.
        var numbers = CellNumbers(width: decoder.columns.count, consumers: consumers)
        for file in files {
            var parser = try openAfterHeader(file, &fields)
            _ = try decoder.feed(&parser, &fields, pending: false, stoppingAt: nil, into: &consumers, numbers: &numbers)
        }
        return consumers
    }

    /// The files before `cut` on one core, the rest on the other; an error in the first run is
    /// the one reported, as reading in order would.
    private func feedInTwoRuns(_ decoder: CSVRowDecoder, cut: Int, partitions: [[any RowConsumer]]) throws -> [[any RowConsumer]] {
        let runs = [Partition(parser: nil, consumers: partitions[0]), Partition(parser: nil, consumers: partitions[1])]
        let decoders = [decoder, decoder.copy()]
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            let run = runs[worker]
            do {
                run.consumers = try feed(worker == 0 ? files[..<cut] : files[cut...], decoders[worker], into: run.consumers)
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
        var numbers: CellNumbers?
        var stopped = false
        var firstRecordStart: Int?
        var error: (any Error)?

        init(parser: CSVParser?, consumers: [any RowConsumer]) {
            self.parser = parser
            self.consumers = consumers
        }
    }

    func badCell(_ field: CSVParser.Field, _ column: Column, _ spec: ColumnSpec?, _ parser: CSVParser) throws -> CSVBadCell {
        let text = try parser.text(of: field)
        return CSVBadCell(diagnostic: Diagnostic(
            BadCell.message(text, column: column.name, type: column.type, hasFormat: spec?.datePattern != nil, cells: cells),
            at: parser.location(ofByte: parser.offset(of: field))))
    }

    /// Once a bad cell is found, the files read again for every bad cell of the columns read,
    /// up to ``CSVBadCell/perColumn`` of each column and the count of the rest, so that one run
    /// shows a user every cell to fix (line 273 as well as line 5).
    fileprivate func everyBadCell(_ decoder: CSVRowDecoder, first: CSVBadCell) -> any Error {
        let columns = decoder.columns
        var found: [Int: [Diagnostic]] = [:], more: [Int: (count: Int, last: SourceLocation?)] = [:]
        var diagnostics = Diagnostics()
        var fields: [CSVParser.Field] = []
        do {
            for file in files {
                var parser = try openAfterHeader(file, &fields)
                while try parser.nextFields(&fields) {
                    if fields.count != columns.count { try checkWidth(fields.map(parser.offset(of:)), columns.count, parser) }
                    for index in decoder.decoded where parser.withBytes(of: fields[index], { decoder.fieldDecoder.value($0, column: index) }) == nil {
                        // A guessed type that a cell shows wrong: the columns' types come first.
                        if decoder.guessed[index] { return CSVGuessFailed() }
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
    func readHeader(_ parser: inout CSVParser, expected: [String]?, firstFile: String) throws -> [String]? {
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
    func checkWidth(_ offsets: [Int], _ width: Int, _ parser: CSVParser) throws {
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
