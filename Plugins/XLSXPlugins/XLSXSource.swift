import Foundation
import FoundationXML
import ReportKit

/// A sheet of an Excel workbook (.xlsx): chosen by name or by number, the header in row
/// `header_row` (rows above it, such as a title, are skipped), the rows below it as records.
/// Numbers keep the digits Excel stored; cells formatted as dates become dates (from Excel's
/// serial numbers, 1900 or 1904 system). Errors name the cell (`B7`) and place it at
/// file:row:column.
public struct XLSXSource: Source {
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

    public func load(context: RunContext) throws -> Table {
        let file = try inputFiles(in: context.recipeDirectory)[0]
        let display = context.displayPath(of: file)
        do {
            let workbook = try XLSXWorkbook(url: file)
            let sheet = try chooseSheet(in: workbook)
            let reader = XLSXSheetReader()
            let parser = XMLParser(data: try workbook.data(sheet.path))
            parser.delegate = reader
            guard parser.parse() else { throw XLSXWorkbook.Invalid(message: "\(sheet.path) is not well-formed XML") }
            return try table(reader.cells, workbook: workbook, sheet: sheet.name, file: display, cells: CellReader(numbers: .plain, dateLocale: context.locale))
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

    private func table(_ cells: [XLSXSheetReader.Cell], workbook: XLSXWorkbook, sheet: String, file: String, cells reader: CellReader) throws -> Table {
        var header: [(column: Int, name: String)] = []
        for cell in cells where cell.row == headerRow {
            let name = text(of: cell, workbook).trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { header.append((cell.column, name)) }
        }
        guard !header.isEmpty else {
            throw Diagnostic("row \(headerRow) of sheet '\(sheet)' is empty; set header_row to the row that names the columns",
                             at: SourceLocation(file: file, line: headerRow, column: 1))
        }
        var diagnostics = Diagnostics()
        for (name, spec) in specs where !header.contains(where: { $0.name == name }) {
            diagnostics.append(Diagnostic("sheet '\(sheet)' has no column '\(name)'" + Suggestion.hint(for: name, in: header.map(\.name)), at: spec.location))
        }
        try diagnostics.throwIfAny()
        let dataRows = Array(Set(cells.filter { $0.row > headerRow }.map(\.row))).sorted()
        var byPlace: [Int: [Int: XLSXSheetReader.Cell]] = [:]
        for cell in cells where cell.row > headerRow { byPlace[cell.row, default: [:]][cell.column] = cell }
        var columns: [Column] = []
        var values = [[Value]](repeating: [], count: dataRows.count)
        for (column, name) in header {
            let columnCells = dataRows.map { byPlace[$0]?[column] }
            let declared = specs.first { $0.name == name }?.spec
            let type = try declared?.type ?? inferType(columnCells, workbook)
            columns.append(Column(name, type, plain: declared?.isPlain ?? false))
            for (index, cell) in columnCells.enumerated() {
                guard let cell else { values[index].append(.null); continue }
                guard let value = convert(cell, to: type, pattern: declared?.datePattern, workbook, reader) else {
                    let place = XLSXSheetReader.columnLetters(cell.column) + String(cell.row)
                    throw Diagnostic("cell \(place) of sheet '\(sheet)' holds '\(text(of: cell, workbook))', which is not \(type.rawValue) (column '\(name)')",
                                     at: SourceLocation(file: file, line: cell.row, column: cell.column))
                }
                values[index].append(value)
            }
        }
        return Table(columns: columns, rows: values)
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

    private func inferType(_ cells: [XLSXSheetReader.Cell?], _ workbook: XLSXWorkbook) throws -> ColumnType {
        var kinds = Set<ColumnType>()
        for cell in cells.compactMap({ $0 }) {
            switch cell.content {
            case .number(let digits):
                if isDate(cell, workbook) { kinds.insert(.date) } else {
                    kinds.insert(NumberReader.plain.read(digits).map { if case .int = $0 { .int } else { .decimal } } ?? .decimal)
                }
            case .bool: kinds.insert(.bool)
            default: kinds.insert(.string)
            }
        }
        if kinds.isEmpty || kinds.contains(.string) || kinds.count > 2 { return .string }
        if kinds == [.int, .decimal] { return .decimal }
        return kinds.count == 1 ? kinds.first! : .string
    }

    private func convert(_ cell: XLSXSheetReader.Cell, to type: ColumnType, pattern: DatePattern?, _ workbook: XLSXWorkbook,
                         _ reader: CellReader) -> Value? {
        if case .error = cell.content { return nil }
        if case .number(let digits) = cell.content {
            switch type {
            case .int, .decimal:
                guard let number = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
                if type == .decimal { return .decimal(number) }
                return number == number.rounded(0) ? Int(digits).map(Value.int) ?? reader.read(Substring(number.description), as: .int) : nil
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
