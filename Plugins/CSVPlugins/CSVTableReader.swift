import ReportKit

/// Turns the records of one or more CSV files into one table: checks the header, converts
/// declared columns as it goes (a bad cell is an error at its position), keeps the text of the
/// others and infers their types at the end.
struct CSVTableReader {
    private let specs: [(name: String, spec: ColumnSpec)]
    private let cells: CellReader
    private let hasHeader: Bool
    private let owner: PluginOptions
    private var header: [String]?
    private var firstFile = ""
    /// Per column, the declared spec, or `nil` when the type is inferred.
    private var declared: [ColumnSpec?] = []
    private var rows: [[Value]] = []

    init(specs: [(name: String, spec: ColumnSpec)], cells: CellReader, hasHeader: Bool, owner: PluginOptions) throws {
        self.specs = specs
        self.cells = cells
        self.hasHeader = hasHeader
        self.owner = owner
    }

    mutating func read(_ bytes: [UInt8], delimiter: UInt8?, file: String) throws {
        var parser = CSVParser(bytes: bytes, delimiter: delimiter, file: file)
        if let bad = CSVParser.firstInvalidUTF8(bytes) {
            let byte = String(bytes[bad], radix: 16, uppercase: true)
            throw Diagnostic("the file is not valid UTF-8: byte 0x\(byte.count < 2 ? "0" + byte : byte) at offset \(bad); save it as UTF-8",
                             at: parser.location(ofByte: bad))
        }
        guard var record = try parser.next() else {
            if hasHeader { throw Diagnostic("the file is empty; expected a header line", at: SourceLocation(file: file, line: 1, column: 1)) }
            return
        }
        if hasHeader {
            try accept(header: record, parser: parser)
            guard let next = try parser.next() else { return }
            record = next
        } else if header == nil {
            try accept(header: CSVParser.Record(fields: record.fields.indices.map { "column\($0 + 1)" }, offsets: record.offsets), parser: parser)
        }
        let width = header!.count
        while true {
            guard record.fields.count == width else {
                let place = record.fields.count > width ? record.offsets[width] : record.offsets[0]
                throw Diagnostic("this row has \(record.fields.count) fields, but the header has \(width)", at: parser.location(ofByte: place))
            }
            var row: [Value] = []
            row.reserveCapacity(width)
            for (column, text) in record.fields.enumerated() {
                guard let spec = declared[column] else {
                    row.append(.string(text))
                    continue
                }
                guard let value = cells.read(Substring(text), as: spec.type, pattern: spec.datePattern) else {
                    throw Diagnostic("'\(text)' in column '\(header![column])' is not \(Self.phrase(spec))",
                                     at: parser.location(ofByte: record.offsets[column]))
                }
                row.append(value)
            }
            rows.append(row)
            guard let next = try parser.next() else { return }
            record = next
        }
    }

    private mutating func accept(header record: CSVParser.Record, parser: CSVParser) throws {
        if let header {
            guard record.fields == header else {
                throw Diagnostic("this file's header differs from the header of '\(firstFile)'; files read together must have the same columns",
                                 at: parser.location(ofByte: record.offsets[0]))
            }
            return
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
        header = record.fields
        firstFile = parser.file
        declared = record.fields.map { name in specs.first { $0.name == name }?.spec }
    }

    /// The table, with the types of undeclared columns inferred from their cells.
    func table() throws -> Table {
        let names = header ?? []
        var rows = rows
        var columns: [Column] = []
        for (index, name) in names.enumerated() {
            if let spec = declared[index] {
                columns.append(Column(name, spec.type, plain: spec.isPlain))
                continue
            }
            let texts = rows.lazy.map { row -> Substring in
                if case .string(let text) = row[index] { return Substring(text) }
                return ""
            }
            let type = cells.inferType(of: texts)
            columns.append(Column(name, type))
            for row in rows.indices {
                if case .string(let text) = rows[row][index] {
                    rows[row][index] = cells.read(Substring(text), as: type) ?? .string(text)
                }
            }
        }
        return Table(columns: columns, rows: rows)
    }

    private static func phrase(_ spec: ColumnSpec) -> String {
        switch spec.type {
        case .int: return "an integer"
        case .decimal: return "a number"
        case .date: return spec.datePattern == nil ? "a date (2020-03-15)" : "a date in the column's format"
        case .bool: return "true or false"
        case .string, .period: return "text"
        }
    }
}
