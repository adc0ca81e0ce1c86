import Foundation
import FoundationXML
import ReportKit

/// A sheet of an Excel workbook (.xlsx, or an Excel 97-2003 .xls): chosen by name or by number, the header in row
/// `header_row` (rows above it, such as a title, are skipped), the rows below it as records.
/// Numbers keep the digits Excel stored; cells formatted as dates become dates (from Excel's
/// serial numbers, 1900 or 1904 system). Errors name the cell (`B7`) and place it at
/// file:row:column. It streams: the sheet is read once for its columns' types and again to
/// hand its rows out one at a time, never holding more than a row of cells.
public struct XLSXSource: StreamingSource {
    public static let type = "xlsx"
    public static let summary = "a sheet of an Excel workbook, typed from its cells"

    public struct Options: PluginOptions {
        @Option(doc: "the .xlsx (or Excel 97-2003 .xls) file, relative to the recipe's folder", example: "data/services.xlsx")
        var path: InputPath
        @Option(doc: "the sheet's name, or its number counting from 1", example: "Data")
        var sheet = SheetChoice.number(1)
        @Option(doc: "the row that names the columns; rows above it are skipped", example: "3")
        var headerRow = 1
        @Option(doc: ColumnDeclarations.optionDoc, example: ColumnDeclarations.optionExample)
        var columns = ColumnDeclarations()
        @Option(doc: CellReader.nullValuesDoc, example: "[NA, N/A, '-', '#N/A']")
        var nullValues: [String] = []

        public init() {}
    }

    /// A sheet by its number from 1, or by its name.
    enum SheetChoice: OptionValue {
        case number(Int), name(String)

        static var optionType: OptionType { .anyOf([.integer, .string]) }

        init(option node: YAMLNode, at site: OptionSite) throws {
            if case .int = node.resolved { self = .number(try Int(option: node, at: site)) } else { self = .name(node.scalarText ?? "") }
        }

        var documentedDefault: OptionDefault? {
            switch self {
            case .number(let number): return .int(number)
            case .name(let name): return .string(name)
            }
        }
    }

    private let options: Options
    private let headerRow: Int
    private let specs: [(name: String, spec: ColumnSpec)]

    public init(options: Options, setup: PluginSetup) throws {
        self.options = options
        headerRow = options.headerRow
        if headerRow < 1 { throw options.$headerRow.mustBe("a row number counting from 1", not: String(headerRow)) }
        specs = try options.columns.specs(locale: setup.locale)
    }

    public func inputFiles(in recipeDirectory: URL) throws -> [URL] {
        [try options.path.oneFile(reading: "workbook")]
    }

    public func stream(context: RunContext) throws -> RowStream {
        let sheet = try prepare(context: context)
        return RowStream(columns: sheet.columns) { needed, body in try sheet.forEachRow(needed) { row, _ in try body(row) } }
    }

    /// The sheet's columns, and a reading of its rows (each with its row number in the sheet).
    private func prepare(context: RunContext) throws -> (columns: [Column], sheetName: String, file: String,
                                                         forEachRow: (Set<Int>?, (Row, Int) throws -> Void) throws -> Void) {
        let file = try inputFiles(in: context.recipeDirectory)[0]
        let display = context.displayPath(of: file)
        let sheet = try reading(display) { try open(file) }
        let decoder = XLSXCells(sheet.meaning, reader: CellReader(numbers: .plain, dateLocale: context.locale,
                                                                          nullValues: options.nullValues), sheet: sheet.name, file: display)
        let layout = try reading(display) { try self.layout(of: sheet, decoder: decoder, file: display) }
        let place = Dictionary(layout.header.enumerated().map { ($1.column, $0) }) { first, _ in first }
        let patterns = layout.columns.map { column in specs.first { $0.name == column.name }?.spec.datePattern }
        let headerRow = self.headerRow
        // The closures capture what a cell needs, not the source: copying it per cell showed in a profile.
        return (layout.columns, sheet.name, display, { needed, body in
            var row = Row(repeating: .null, count: layout.columns.count)
            // The XML parser's delegate keeps the closure only while it parses.
            try withoutActuallyEscaping(body) { body in
                try reading(display) {
                    try sheet.rows { number, rowCells in
                        guard number > headerRow else { return }
                        for index in row.indices { row[index] = .null }
                        for cell in rowCells {
                            guard let index = place[cell.column], needed?.contains(index) ?? true else { continue }
                            row[index] = try decoder.value(of: cell, in: layout.columns[index], pattern: patterns[index])
                        }
                        try body(row, number)
                    }
                }
            }
        })
    }

    /// One sheet of a workbook of either kind: its name, what its cells mean, and its rows,
    /// read as many times as asked.
    private struct OpenedSheet {
        var name: String
        var meaning: XLSXCells.Meaning
        var rows: (_ body: @escaping (_ row: Int, _ cells: [XLSXSheetReader.Cell]) throws -> Void) throws -> Void
    }

    /// The chosen sheet of `file`: an .xlsx, or an Excel 97-2003 .xls (recognised by its
    /// container's signature, whatever its name).
    private func open(_ file: URL) throws -> OpenedSheet {
        guard XLSXWorkbook.isLegacyWorkbook(file) else {
            let workbook = try XLSXWorkbook(url: file)
            let sheet = workbook.sheets[try chooseSheet(among: workbook.sheets.map(\.name))]
            let data = try workbook.data(sheet.path)
            return OpenedSheet(name: sheet.name, meaning: XLSXCells.Meaning(sharedStrings: workbook.sharedStrings, dateStyles: workbook.dateStyles,
                                                                           dates: workbook.dateSystem)) { body in
                try XLSXSheetReader.forEachRow(in: data, path: sheet.path, body)
            }
        }
        let workbook: XLSWorkbook
        do {
            workbook = try XLSWorkbook(bytes: Array(try Data(contentsOf: file)))
        } catch let invalid as XLSCompoundFile.Invalid {
            throw XLSXWorkbook.Invalid(message: "it is an Excel 97-2003 workbook (.xls), damaged: \(invalid.message)")
        }
        let sheet = workbook.sheets[try chooseSheet(among: workbook.sheets.map(\.name))]
        let rows = try workbook.rows(ofSheetAt: sheet.offset)
        return OpenedSheet(name: sheet.name, meaning: XLSXCells.Meaning(sharedStrings: workbook.sharedStrings, dateStyles: workbook.dateStyles,
                                                                       dates: XLSXWorkbook.DateSystem(uses1904Dates: workbook.uses1904Dates))) { body in
            for (number, cells) in rows { try body(number, cells) }
        }
    }

    /// `body`, with a broken workbook reported at the recipe's `path`.
    private func reading<T>(_ display: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let invalid as XLSXWorkbook.Invalid {
            throw options.$path.error("'\(display)' is not a valid Excel workbook: \(invalid.message)")
        }
    }

    /// The index of the sheet the recipe names, by number from 1 or by name.
    private func chooseSheet(among names: [String]) throws -> Int {
        switch options.sheet {
        case .number(let number):
            guard names.indices.contains(number - 1) else {
                throw options.$sheet.error("the workbook has \(names.count) sheet\(names.count == 1 ? "" : "s") (\(names.joined(separator: ", "))), not \(number)")
            }
            return number - 1
        case .name(let name):
            guard let index = names.firstIndex(of: name) else {
                throw options.$sheet.error("the workbook has no sheet '\(name)'" + Suggestion.hint(for: name, in: names))
            }
            return index
        }
    }

    /// The header's columns (sheet column and name) and their types, declared or inferred
    /// from every cell below the header: a first reading of the sheet.
    private func layout(of sheet: OpenedSheet, decoder: XLSXCells, file: String) throws
        -> (header: [(column: Int, name: String)], columns: [Column]) {
        var header: [(column: Int, name: String)] = []
        var kinds: [Int: Set<ColumnType>] = [:]
        let headerRow = self.headerRow
        try sheet.rows { number, cells in
            for cell in cells { try decoder.check(cell) }
            if number == headerRow {
                for cell in cells {
                    let name = decoder.text(of: cell).trimmingCharacters(in: .whitespaces)
                    if !name.isEmpty { header.append((cell.column, name)) }
                }
            } else if number > headerRow {
                for cell in cells where !decoder.isNullMarker(cell) { kinds[cell.column, default: []].insert(decoder.kind(of: cell)) }
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
            diagnostics.append(PluginProblem.unknownColumn(name, in: header.map(\.name), of: "the sheet '\(sheet.name)'", at: spec.location))
        }
        try diagnostics.throwIfAny()
        let columns = header.map { column, name in
            let declared = specs.first { $0.name == name }?.spec
            return Column(name, declared?.type ?? XLSXCells.type(of: kinds[column] ?? []), plain: declared?.isPlain ?? false)
        }
        return (header, columns)
    }
}

public enum XLSXPlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [XLSXSource.self]
}

extension XLSXSource: TraceableSource {
    /// Every row with its file, sheet and row number.
    public func loadTraced(context: RunContext) throws -> (table: Table, origins: [RowOrigin]) {
        let sheet = try prepare(context: context)
        var rows: [Row] = [], origins: [RowOrigin] = []
        try sheet.forEachRow(nil) { row, number in
            rows.append(row)
            origins.append(RowOrigin(file: sheet.file, place: "row \(number) of sheet '\(sheet.sheetName)'"))
        }
        return (Table(columns: sheet.columns, rows: rows), origins)
    }
}
