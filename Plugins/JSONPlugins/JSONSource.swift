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

    public func stream(context: RunContext) throws -> RowStream {
        let (files, decoder) = try prepare(context: context)
        return RowStream(columns: decoder.columns) { needed, body in
            try forEachRow(in: files, decoder: decoder, needing: needed) { row, _ in try body(row) }
        }
    }

    /// The files, and the decoder of their records with the columns learnt from a first reading.
    private func prepare(context: RunContext) throws -> (files: [(URL, String)], decoder: JSONFieldDecoder) {
        let files = try inputFiles(in: context.recipeDirectory).map { ($0, context.displayPath(of: $0)) }
        let cells = CellReader(numbers: .plain, dateLocale: context.locale, nullValues: options.nullValues)
        var guesses = JSONColumnGuesses(specs: specs, cells: cells)
        try forEachRecord(in: files) { fields, record in try guesses.observe(fields, in: record) }
        return (files, JSONFieldDecoder(columns: try guesses.columns(), specs: specs, cells: cells))
    }

    /// Every record as a row (columns outside `needed` left null), with the record's place.
    private func forEachRow(in files: [(URL, String)], decoder: JSONFieldDecoder, needing needed: Set<Int>?,
                            _ body: (Row, JSONRecordPlace) throws -> Void) throws {
        var row = Row(repeating: .null, count: decoder.columns.count)
        try forEachRecord(in: files) { fields, record in
            for index in row.indices { row[index] = .null }
            for (position, field) in fields.enumerated() {
                guard let index = decoder.index(of: field.name, at: position), needed?.contains(index) ?? true else { continue }
                row[index] = try decoder.value(of: field, at: index, in: record)
            }
            try body(row, record)
        }
    }

    private func forEachRecord(in files: [(URL, String)], _ body: (_ fields: [JSONField], _ record: JSONRecordPlace) throws -> Void) throws {
        for (url, display) in files {
            var reader = try JSONRecordReader(url: url, file: display)
            try reader.forEachRecord(pointer: pointer, pointerError: { options.$pointer.error($0) }, body)
        }
    }
}

extension JSONSource: TraceableSource {
    /// Every record with its file and JSON Pointer.
    public func loadTraced(context: RunContext) throws -> (table: Table, origins: [RowOrigin]) {
        let (files, decoder) = try prepare(context: context)
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
