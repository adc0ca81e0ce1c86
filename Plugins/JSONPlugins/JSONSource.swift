import Foundation
import ReportKit

/// Records from a JSON file (or several, a glob, read in order): the array that `pointer`
/// finds, each element an object whose keys are columns (a nested object's keys as
/// `parent.child`; an array as its JSON text). It streams: the file is read once to learn the
/// columns and their types, and again to hand filters and aggregates one record at a time.
/// Errors name the place in the JSON file by line and column, and a record by its JSON pointer.
public struct JSONSource: StreamingSource {
    public static let type = "json"
    public static let summary = "records from a JSON file: the array of objects a JSON Pointer finds"
    public static let options: [OptionSpec] = [
        OptionSpec("path", .inputPath, required: true, doc: "file or glob, relative to the recipe's folder", example: "data/services.json"),
        OptionSpec("pointer", .string, default: .string(""), doc: "JSON Pointer (RFC 6901) to the array of records; empty for the whole file",
                   example: "/data/records"),
        ColumnSpec.option,
        CellReader.nullValuesOption,
    ]

    private let options: PluginOptions
    private let pointer: [String]
    private let specs: [(name: String, spec: ColumnSpec)]

    public init(options: PluginOptions) throws {
        self.options = options
        let text = options.string("pointer") ?? ""
        guard text.isEmpty || text.hasPrefix("/") else {
            throw options.error("a JSON Pointer starts with '/', as in '/data/records', or is empty for the whole file", at: "pointer")
        }
        pointer = text.isEmpty ? [] : text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
        specs = try ColumnSpec.read(options, locale: options.locale)
    }

    public func inputFiles(in recipeDirectory: URL) throws -> [URL] {
        try InputFiles.resolve(options)
    }

    /// Records in this many bytes at the start of the first file are read to guess the
    /// columns and their types; later values are checked against the guess as the rows are
    /// delivered (see ``JSONGuess``), so that the file is read once.
    static let guessBytes = 1 << 18

    public func stream(context: RunContext) throws -> RowStream {
        let files = try inputFiles(in: context.recipeDirectory).map { ($0, context.displayPath(of: $0)) }
        let cells = CellReader(numbers: .plain, dateLocale: context.locale, nullValues: options.list("null_values").compactMap(\.scalarText))
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
        let columns = try guesses.columns()
        let decoder = JSONFieldDecoder(columns: columns, specs: specs, cells: cells, guesses: guesses.guesses(final: final))
        func settled() throws -> RowStream {
            var every = JSONColumnGuesses(specs: specs, cells: cells)
            _ = try forEachRecord(in: files, upTo: nil) { fields, record in try every.observe(fields, in: record) }
            return try stream(every, final: true, files: files, cells: cells)
        }
        return RowStream(columns: columns, producer: { needed, body in
            var row = Row(repeating: .null, count: columns.count)
            // The values of the other keys are only checked to be JSON.
            let wanted = needed.map { JSONWantedKeys(Set($0.map { columns[$0].name })) }
            do {
                _ = try forEachRecord(in: files, upTo: nil, wanted: wanted) { fields, record in
                    for index in row.indices { row[index] = .null }
                    for field in fields {
                        guard let index = decoder.index(of: field.name, at: field.ordinal) else {
                            // A key the first records lack: a column of its own, when every column is read.
                            if !final, needed == nil { throw JSONGuessFailed() }
                            continue
                        }
                        guard needed?.contains(index) ?? true else { continue }
                        row[index] = try decoder.value(of: field, at: index, in: record)
                    }
                    try body(row)
                }
            } catch is JSONGuessFailed {
                throw ColumnsRevised(stream: try settled())
            }
        }, settled: final ? nil : settled)
    }

    /// Calls `body` with each record of the files, in order; with `budget`, only with those
    /// that start in the first `budget` bytes of the first file. Returns whether it read every
    /// record.
    private func forEachRecord(in files: [(URL, String)], upTo budget: Int?, wanted: JSONWantedKeys? = nil,
                               _ body: (_ fields: [JSONField], _ record: JSONRecordPlace) throws -> Void) throws -> Bool {
        struct Enough: Error {}
        for (url, display) in files {
            var reader = try JSONRecordReader(url: url, file: display)
            do {
                try reader.forEachRecord(pointer: pointer, pointerError: { options.error($0, at: "pointer") }, wanted: wanted) { fields, record in
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

public enum JSONPlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [JSONSource.self, JSONOutput.self]
}
