import Foundation
import ReportKit

/// Reads the rows of one or more CSV files with one header as typed values, without keeping
/// them: a first pass infers the types of undeclared columns (skipped when every column is
/// declared), a second delivers the rows. Bad cells, ragged rows and invalid UTF-8 are errors
/// at their file, line and column.
struct CSVRowReader {
    let files: [(url: URL, display: String)]
    let specs: [(name: String, spec: ColumnSpec)]
    let cells: CellReader
    let hasHeader: Bool
    let delimiter: UInt8?

    /// The header and the type of every column.
    func columns() throws -> (names: [String], types: [Column]) {
        var names: [String]?
        var guesses: [ColumnTypeGuess] = []
        var declared: [ColumnSpec?] = []
        for file in files {
            var parser = try CSVParser(input: CSVFileInput(url: file.url), delimiter: delimiter, file: file.display)
            guard let header = try readHeader(&parser, expected: names, firstFile: files[0].display) else { continue }
            if names == nil {
                names = header
                declared = header.map { name in specs.first { $0.name == name }?.spec }
                guesses = header.map { _ in ColumnTypeGuess() }

            }
            if declared.allSatisfy({ $0 != nil }) { break }
            while let record = try parser.next() {
                try checkWidth(record, header.count, parser)
                observe(record, into: &guesses, declared: declared)
            }
        }
        let header = names ?? []
        let columns = header.indices.map { index in
            declared[index].map { Column(header[index], $0.type, plain: $0.isPlain) } ?? Column(header[index], guesses[index].type)
        }
        return (header, columns)
    }

    private func observe(_ record: CSVParser.Record, into guesses: inout [ColumnTypeGuess], declared: [ColumnSpec?]) {
        for (index, field) in record.fields.enumerated() where index < guesses.count && declared[index] == nil {
            guesses[index].observe(Substring(field), with: cells)
        }
    }

    /// Delivers every row, typed as `columns` says; columns outside `needed` (when given) are
    /// left null, and their bytes are never decoded.
    func forEachRow(columns: [Column], needing needed: Set<Int>?, _ body: (Row) throws -> Void) throws {
        let declared = columns.map { column in specs.first { $0.name == column.name }?.spec }
        let decoded = columns.indices.filter { needed?.contains($0) ?? true }
        var fields: [CSVParser.Field] = []
        // One row buffer for the whole file: a consumer that keeps a row copies it.
        var row = Row(repeating: .null, count: columns.count)
        for file in files {
            var parser = try CSVParser(input: CSVFileInput(url: file.url), delimiter: delimiter, file: file.display)
            if hasHeader { _ = try parser.nextFields(&fields) }
            while try parser.nextFields(&fields) {
                if fields.count != columns.count { try checkWidth(CSVParser.Record(fields: fields.map { _ in "" },
                                                                                  offsets: fields.map(parser.offset(of:))), columns.count, parser) }
                for index in decoded {
                    let field = fields[index], column = columns[index]
                    let value = parser.withBytes(of: field) { cells.read(bytes: $0, as: column.type, pattern: declared[index]?.datePattern) }
                    guard let value else { throw try badCell(field, column, declared[index], parser) }
                    row[index] = value
                }
                try body(row)
            }
        }
    }

    private func badCell(_ field: CSVParser.Field, _ column: Column, _ spec: ColumnSpec?, _ parser: CSVParser) throws -> Diagnostic {
        let text = try parser.text(of: field)
        return Diagnostic("'\(text)' in column '\(column.name)' is not \(Self.phrase(column.type, spec))",
                          at: parser.location(ofByte: parser.offset(of: field)))
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
            diagnostics.append(Diagnostic("the file '\(parser.file)' has no column '\(name)'" + Suggestion.hint(for: name, in: record.fields),
                                          at: spec.location))
        }
        try diagnostics.throwIfAny()
        return record.fields
    }

    private func checkWidth(_ record: CSVParser.Record, _ width: Int, _ parser: CSVParser) throws {
        guard record.fields.count != width else { return }
        let place = record.fields.count > width ? record.offsets[width] : record.offsets[0]
        throw Diagnostic("this row has \(record.fields.count) fields, but the header has \(width)", at: parser.location(ofByte: place))
    }

    private static func phrase(_ type: ColumnType, _ spec: ColumnSpec?) -> String {
        switch type {
        case .int: return "an integer"
        case .decimal: return "a number"
        case .date: return spec?.datePattern == nil ? "a date (2020-03-15)" : "a date in the column's format"
        case .bool: return "true or false"
        case .string, .period: return "text"
        }
    }
}
