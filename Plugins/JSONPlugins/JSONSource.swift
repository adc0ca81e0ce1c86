import Foundation
import ReportKit

/// Records from a JSON file (or several, a glob, read in order): the array that `pointer`
/// finds, each element an object whose keys are columns (a nested object's keys as
/// `parent.child`; an array as its JSON text). It streams: the columns and their types are
/// guessed from the first records and checked as the records are handed to filters and
/// aggregates one at a time, so that the file is read once; flat records go to aggregates,
/// pivots and the like as bytes, before decoding (see ``JSONRawRecords``).
/// Errors name the place in the JSON file by line and column, and a record by its JSON pointer.
public struct JSONSource: StreamingSource {
    public static let type = "json"
    public static let summary = "records from a JSON file: the array of objects a JSON Pointer finds"

    public struct Options: PluginOptions {
        @Option(doc: "file or glob, relative to the recipe's folder", example: "data/services.json")
        var path: InputPath
        @Option(doc: "JSON Pointer (RFC 6901) to the array of records; empty for the whole file", example: "/data/records")
        var pointer = ""
        @Option(doc: ColumnDeclarations.optionDoc, example: ColumnDeclarations.optionExample)
        var columns = ColumnDeclarations()
        @Option(doc: CellReader.nullValuesDoc, example: "[NA, N/A, '-', '#N/A']")
        var nullValues: [String] = []

        public init() {}
    }

    private let options: Options
    private let pointer: [String]
    private let specs: [(name: String, spec: ColumnSpec)]

    public init(options: Options, setup: PluginSetup) throws {
        self.options = options
        let text = options.pointer
        guard text.isEmpty || text.hasPrefix("/") else {
            throw options.$pointer.mustBe("a JSON Pointer, which starts with '/' as in '/data/records', or empty for the whole file", not: "'\(text)'")
        }
        pointer = text.isEmpty ? [] : text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
        specs = try options.columns.specs(locale: setup.locale)
    }

    public func inputFiles(in recipeDirectory: URL) throws -> [URL] {
        try options.path.files()
    }

    /// Records in this many bytes at the start of the first file are read to guess the
    /// columns and their types; later values are checked against the guess as the rows are
    /// delivered (see ``JSONGuess``), so that the file is read once.
    static let guessBytes = 1 << 18

    public func stream(context: RunContext) throws -> RowStream {
        let (files, cells) = try inputs(context: context)
        var guesses = JSONColumnGuesses(specs: specs, cells: cells)
        var complete = try forEachRecord(in: files, upTo: Self.guessBytes) { fields, record in try guesses.observe(fields, in: record) }
        if !complete, !specs.allSatisfy({ guesses.hasSeen($0.name) }) {
            // A declared column that the first records lack: every record tells where it is, or that it is nowhere.
            guesses = JSONColumnGuesses(specs: specs, cells: cells)
            complete = try forEachRecord(in: files, upTo: nil) { fields, record in try guesses.observe(fields, in: record) }
        }
        return try stream(guesses, final: complete, files: files, cells: cells)
    }

    /// The rows, with the columns as `guesses` has them; every value read checked against the
    /// guess unless `final`.
    private func stream(_ guesses: JSONColumnGuesses, final: Bool, files: [(URL, String)], cells: CellReader) throws -> RowStream {
        let decoder = JSONFieldDecoder(columns: try guesses.columns(), specs: specs, cells: cells, guesses: guesses.guesses(final: final))
        func settled() throws -> RowStream {
            let (_, every) = try prepare(files: files, cells: cells)
            return RowStream(columns: every.columns, producer: { needed, body in
                try forEachRow(in: files, decoder: every, needing: needed) { row, _ in try body(row) }
            }, parallelProducer: { needed, partitions in
                [try feed(partitions[0], from: files, decoder: every, needing: needed, final: true)]
            })
        }
        func revising<T>(_ read: () throws -> T) throws -> T {
            do {
                return try read()
            } catch is JSONGuessFailed {
                throw ColumnsRevised(stream: try settled())
            }
        }
        return RowStream(columns: decoder.columns, producer: { needed, body in
            try revising { try forEachRow(in: files, decoder: decoder, needing: needed, final: final) { row, _ in try body(row) } }
        }, parallelProducer: { needed, partitions in
            try revising { [try feed(partitions[0], from: files, decoder: decoder, needing: needed, final: final)] }
        }, settled: final ? nil : settled)
    }

    /// Feeds the consumers every record: as bytes (see ``JSONRawRecords``) to consumers that
    /// all take records before decoding, when the record lets that be done exactly; else as a
    /// row. One partition: the records of a JSON array are found only by reading from its start.
    private func feed(_ consumers: [any RowConsumer], from files: [(URL, String)], decoder: JSONFieldDecoder,
                      needing needed: Set<Int>?, final: Bool) throws -> [any RowConsumer] {
        var consumers = consumers
        guard !consumers.isEmpty, consumers.allSatisfy({ $0 is any RawRecordConsumer }) else {
            try forEachRow(in: files, decoder: decoder, needing: needed, final: final) { row, _ in
                for index in consumers.indices { try consumers[index].consume(row) }
            }
            return consumers
        }
        let raw = RecordSinks(consumers.compactMap { $0 as? any RawRecordConsumer })
        let fieldDecoder = decoder.rawFieldDecoder
        var records = JSONRawRecords(columns: decoder.columns, taken: decoder.taken(needing: needed), unknownKeysDecline: !final && needed == nil)
        try forEachRow(in: files, decoder: decoder, needing: needed, final: final, bulk: { bytes in
            do {
                return try records.read(bytes) { record in
                    try raw.consume(record, decoder: fieldDecoder)
                }
            } catch is UndecodableField {
                // The slow way decodes the record again, and reports what is wrong with it.
                return 0
            }
        }) { row, _ in
            try raw.consume(row)
        }
        return raw.consumers
    }

    private func inputs(context: RunContext) throws -> (files: [(URL, String)], cells: CellReader) {
        let files = try inputFiles(in: context.recipeDirectory).map { ($0, context.displayPath(of: $0)) }
        return (files, CellReader(numbers: .plain, dateLocale: context.locale, nullValues: options.nullValues))
    }

    /// The decoder of the files' records with the columns learnt from every record.
    private func prepare(files: [(URL, String)], cells: CellReader) throws -> (files: [(URL, String)], decoder: JSONFieldDecoder) {
        var guesses = JSONColumnGuesses(specs: specs, cells: cells)
        _ = try forEachRecord(in: files, upTo: nil) { fields, record in try guesses.observe(fields, in: record) }
        return (files, JSONFieldDecoder(columns: try guesses.columns(), specs: specs, cells: cells, guesses: guesses.guesses(final: true)))
    }

    /// Every record as a row (columns outside `needed` left null, their values only checked to
    /// be JSON), with the record's place. Unless `final`, a key the decoder does not know is a
    /// guess shown wrong when every column is read.
    private func forEachRow(in files: [(URL, String)], decoder: JSONFieldDecoder, needing needed: Set<Int>?, final: Bool = true,
                            bulk: (UnsafeBufferPointer<UInt8>) throws -> Int = { _ in 0 },
                            _ body: (Row, JSONRecordPlace) throws -> Void) throws {
        var row = Row(repeating: .null, count: decoder.columns.count)
        let wanted = needed.map { JSONWantedKeys(Set($0.map { decoder.columns[$0].name })) }
        _ = try forEachRecord(in: files, upTo: nil, wanted: wanted, bulk: bulk) { fields, record in
            for index in row.indices { row[index] = .null }
            for field in fields {
                guard let index = decoder.index(of: field.name, at: field.ordinal) else {
                    if !final, needed == nil { throw JSONGuessFailed() }
                    continue
                }
                guard needed?.contains(index) ?? true else { continue }
                row[index] = try decoder.value(of: field, at: index, in: record)
            }
            try body(row, record)
        }
    }

    /// Calls `body` with each record of the files, in order; with `budget`, only with those
    /// that start in the first `budget` bytes of the first file. Returns whether it read every
    /// record.
    private func forEachRecord(in files: [(URL, String)], upTo budget: Int?, wanted: JSONWantedKeys? = nil,
                               bulk: (UnsafeBufferPointer<UInt8>) throws -> Int = { _ in 0 },
                               _ body: (_ fields: [JSONField], _ record: JSONRecordPlace) throws -> Void) throws -> Bool {
        struct Enough: Error {}
        for (url, display) in files {
            var reader = try JSONRecordReader(url: url, file: display)
            do {
                try reader.forEachRecord(pointer: pointer, pointerError: { options.$pointer.error($0) }, wanted: wanted, bulk: bulk) { fields, record in
                    try body(fields, record)
                    if let budget, record.end >= budget { throw Enough() }
                }
            } catch is Enough {
                return false
            }
        }
        return true
    }
}

extension JSONSource: TraceableSource {
    /// Every record with its file and JSON Pointer.
    public func loadTraced(context: RunContext) throws -> (table: Table, origins: [RowOrigin]) {
        let (files, cells) = try inputs(context: context)
        let (_, decoder) = try prepare(files: files, cells: cells)
        var rows: [Row] = [], origins: [RowOrigin] = []
        try forEachRow(in: files, decoder: decoder, needing: nil) { row, record in
            rows.append(row)
            origins.append(RowOrigin(file: record.file, place: record.pointer))
        }
        return (Table(columns: decoder.columns, rows: rows), origins)
    }
}

public enum JSONPlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [JSONSource.self, JSONOutput.self]
}
