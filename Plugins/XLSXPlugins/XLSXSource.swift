import Foundation
import FoundationXML
import ReportKit

/// A sheet of an Excel workbook (.xlsx): chosen by name or by number, the header in row
/// `header_row` (rows above it, such as a title, are skipped), the rows below it as records.
/// Numbers keep the digits Excel stored; cells formatted as dates become dates (from Excel's
/// serial numbers, 1900 or 1904 system). Errors name the cell (`B7`) and place it at
/// file:row:column. It streams: the sheet is read once for its columns' types and again to
/// hand its rows out one at a time, never holding more than a row of cells.
public struct XLSXSource: StreamingSource {
    public static let type = "xlsx"
    public static let summary = "a sheet of an Excel workbook, typed from its cells"
    public static let options: [OptionSpec] = [
        OptionSpec("path", .inputPath, required: true, doc: "the .xlsx file, relative to the recipe's folder", example: "data/services.xlsx"),
        OptionSpec("sheet", .anyOf([.integer, .string]), default: .int(1), doc: "the sheet's name, or its number counting from 1",
                   example: "Data"),
        OptionSpec("header_row", .integer, default: .int(1), doc: "the row that names the columns; rows above it are skipped",
                   example: "3"),
        ColumnSpec.option,
    ]

    private let options: PluginOptions
    private let headerRow: Int
    private let specs: [(name: String, spec: ColumnSpec)]

    public init(options: PluginOptions) throws {
        self.options = options
        headerRow = options.int("header_row") ?? 1
        if headerRow < 1 { throw options.error("header_row counts from 1, not \(headerRow)", at: "header_row") }
        specs = try ColumnSpec.read(options, locale: options.locale)
    }

    public func inputFiles(in recipeDirectory: URL) throws -> [URL] {
        [try InputFiles.resolveOne(options, reading: "workbook")]
    }

    public func stream(context: RunContext) throws -> RowStream {
        let file = try inputFiles(in: context.recipeDirectory)[0]
        let display = context.displayPath(of: file)
        let cells = CellReader(numbers: .plain, dateLocale: context.locale)
        let (workbook, sheet, data) = try reading(display) {
            let workbook = try XLSXWorkbook(url: file)
            let sheet = try chooseSheet(in: workbook)
            return (workbook, sheet, try workbook.data(sheet.path))
        }
        let layout = try reading(display) { try self.layout(of: data, sheet: sheet, workbook: workbook, file: display) }
        let place = Dictionary(layout.header.enumerated().map { ($1.column, $0) }) { first, _ in first }
        return RowStream(columns: layout.columns) { needed, body in
            var row = Row(repeating: .null, count: layout.columns.count)
            // The XML parser's delegate keeps the closure only while it parses.
            try withoutActuallyEscaping(body) { body in
                try reading(display) {
                    try XLSXSheetReader.forEachRow(in: data, path: sheet.path) { number, rowCells in
                        guard number > headerRow else { return }
                        for index in row.indices { row[index] = .null }
                        for cell in rowCells {
                            guard let index = place[cell.column], needed?.contains(index) ?? true else { continue }
                            row[index] = try value(of: cell, in: layout.columns[index], sheet: sheet.name, file: display, workbook, cells)
                        }
                        try body(row)
                    }
                }
            }
        }
    }

    /// `body`, with a broken workbook reported at the recipe's `path`.
    private func reading<T>(_ display: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let invalid as XLSXWorkbook.Invalid {
            throw options.error("'\(display)' is not a valid .xlsx workbook: \(invalid.message)", at: "path")
        }
    }

    private func chooseSheet(in workbook: XLSXWorkbook) throws -> XLSXWorkbook.Sheet {
        let names = workbook.sheets.map(\.name)
        if case .int(let number)? = options.node("sheet")?.resolved ?? .int(1) {
            guard workbook.sheets.indices.contains(number - 1) else {
                throw options.error("the workbook has \(workbook.sheets.count) sheet\(workbook.sheets.count == 1 ? "" : "s") (\(names.joined(separator: ", "))), not \(number)",
                                    at: "sheet")
            }
            return workbook.sheets[number - 1]
        }
        let name = options.string("sheet") ?? ""
        guard let sheet = workbook.sheets.first(where: { $0.name == name }) else {
            throw options.error("the workbook has no sheet '\(name)'" + Suggestion.hint(for: name, in: names), at: "sheet")
        }
        return sheet
    }

    /// The header's columns (sheet column and name) and their types, declared or inferred
    /// from every cell below the header: a first reading of the sheet.
    private func layout(of data: Data, sheet: XLSXWorkbook.Sheet, workbook: XLSXWorkbook, file: String) throws
        -> (header: [(column: Int, name: String)], columns: [Column]) {
        var header: [(column: Int, name: String)] = []
        var kinds: [Int: Set<ColumnType>] = [:]
        try XLSXSheetReader.forEachRow(in: data, path: sheet.path) { number, cells in
            if number == headerRow {
                for cell in cells {
                    let name = text(of: cell, workbook).trimmingCharacters(in: .whitespaces)
                    if !name.isEmpty { header.append((cell.column, name)) }
                }
            } else if number > headerRow {
                for cell in cells { kinds[cell.column, default: []].insert(kind(of: cell, workbook)) }
            }
        }
        guard !header.isEmpty else {
            throw Diagnostic("row \(headerRow) of sheet '\(sheet.name)' is empty; set header_row to the row that names the columns",
                             at: SourceLocation(file: file, line: headerRow, column: 1))
        }
        var diagnostics = Diagnostics()
        for (index, cell) in header.enumerated() where header[..<index].contains(where: { $0.name == cell.name }) {
            diagnostics.append(Diagnostic("row \(headerRow) of sheet '\(sheet.name)' names the column '\(cell.name)' twice (cell \(XLSXSheetReader.columnLetters(cell.column))\(headerRow))",
                                          at: SourceLocation(file: file, line: headerRow, column: cell.column)))
        }
        for (name, spec) in specs where !header.contains(where: { $0.name == name }) {
            diagnostics.append(Diagnostic("sheet '\(sheet.name)' has no column '\(name)'" + Suggestion.hint(for: name, in: header.map(\.name)),
                                          at: spec.location))
        }
        try diagnostics.throwIfAny()
        let columns = header.map { column, name in
            let declared = specs.first { $0.name == name }?.spec
            return Column(name, declared?.type ?? Self.type(of: kinds[column] ?? []), plain: declared?.isPlain ?? false)
        }
        return (header, columns)
    }

    /// The cell's value in its column, or an error naming the cell.
    private func value(of cell: XLSXSheetReader.Cell, in column: Column, sheet: String, file: String, _ workbook: XLSXWorkbook,
                       _ reader: CellReader) throws -> Value {
        let pattern = specs.first { $0.name == column.name }?.spec.datePattern
        guard let value = convert(cell, to: column.type, pattern: pattern, workbook, reader) else {
            let place = XLSXSheetReader.columnLetters(cell.column) + String(cell.row)
            throw Diagnostic("cell \(place) of sheet '\(sheet)' holds '\(text(of: cell, workbook))', which is not \(column.type.rawValue) (column '\(column.name)')",
                             at: SourceLocation(file: file, line: cell.row, column: cell.column))
        }
        return value
    }

    private func isDate(_ cell: XLSXSheetReader.Cell, _ workbook: XLSXWorkbook) -> Bool {
        workbook.dateStyles.indices.contains(cell.style) && workbook.dateStyles[cell.style]
    }

    /// What a cell shows as text: a date as ISO, a number as stored.
    private func text(of cell: XLSXSheetReader.Cell, _ workbook: XLSXWorkbook) -> String {
        switch cell.content {
        case .number(let digits):
            if isDate(cell, workbook), let serial = Double(digits) { return workbook.date(serial: serial).description }
            return digits
        case .text(let text): return text
        case .sharedText(let index): return workbook.sharedStrings.indices.contains(index) ? workbook.sharedStrings[index] : ""
        case .bool(let flag): return flag ? "true" : "false"
        case .error(let code): return code
        }
    }

    private func kind(of cell: XLSXSheetReader.Cell, _ workbook: XLSXWorkbook) -> ColumnType {
        switch cell.content {
        case .number(let digits):
            if isDate(cell, workbook) { return .date }
            return Int(digits) != nil ? .int : .decimal
        case .bool: return .bool
        default: return .string
        }
    }

    /// The one type that every kind of cell in a column fits: integers and decimals together
    /// are decimals; any other mix is text.
    private static func type(of kinds: Set<ColumnType>) -> ColumnType {
        if kinds.isEmpty || kinds.contains(.string) || kinds.count > 2 { return .string }
        if kinds == [.int, .decimal] { return .decimal }
        return kinds.count == 1 ? kinds.first! : .string
    }

    private func convert(_ cell: XLSXSheetReader.Cell, to type: ColumnType, pattern: DatePattern?, _ workbook: XLSXWorkbook,
                         _ reader: CellReader) -> Value? {
        if case .error = cell.content { return nil }
        if case .number(let digits) = cell.content {
            switch type {
            case .int:
                if let value = Int(digits) { return .int(value) }
                // `1E+3`, or digits Excel wrote with a fraction of zero.
                guard let number = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")), number == number.rounded(0) else { return nil }
                return reader.read(Substring(number.description), as: .int)
            case .decimal:
                // The byte path reads plain digits exactly and fast; exponents (`1.5E-2`) need Foundation's reader.
                var text = digits
                if let value = text.withUTF8({ reader.read(bytes: $0, as: .decimal) }) { return value }
                return Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")).map(Value.decimal)
            case .date:
                return Double(digits).map { .date(workbook.date(serial: $0)) }
            case .string:
                return .string(text(of: cell, workbook))
            default:
                break
            }
        }
        if case .bool(let flag) = cell.content, type == .bool || type == .string {
            return type == .bool ? .bool(flag) : .string(flag ? "true" : "false")
        }
        let text = text(of: cell, workbook)
        return type == .string ? .string(text) : reader.read(Substring(text), as: type, pattern: pattern)
    }
}

public enum XLSXPlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [XLSXSource.self]
}
