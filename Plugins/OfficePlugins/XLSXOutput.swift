import Foundation
import ReportKit

/// The report as an Excel workbook (`.xlsx`), for the people who sum the figures again: a
/// summary sheet (title, period, metrics, links to the tables), then one sheet per table the
/// layout shows (or per table `tables` names) with typed cells, a bold frozen header row, an
/// autofilter and fitted widths. Numbers are the report's exact values rounded to
/// `decimals`, as the documents round them, never passed through floating point.
public struct XLSXOutput: Output {
    public static let type = "xlsx"
    public static let summary = "an Excel workbook: a summary sheet, then one sheet per table with typed cells"

    public struct Options: PluginOptions {
        @Option(doc: "the tables to write, one sheet each, in this order (default: every table the layout shows)", example: "[by_year, by_ward]")
        var tables: [TableReference] = []
        @Option(doc: "columns that hold percentages (97.5 for 97.5%), written as 0.975 with a percent format; `ratio`, `change_pct` and `share` are known",
                example: "[good_rate]")
        var percent: [String] = []
        @Option(doc: "start with a sheet of the title, period, metrics and links to the tables")
        var summary = true
        @OptionGroup var numbers: NumberOptions

        public init() {}
    }

    private let numbers: NumberStyle
    private let tableIDs: [String]
    private let percentNames: Set<String>
    private let hasSummary: Bool
    private let location: SourceLocation

    /// Excel's limits: rows and columns of a sheet, characters of a cell. A table past them is
    /// an error, not a file Excel calls corrupt.
    static let maximumRows = 1_048_576, maximumColumns = 16_384, maximumCellText = 32_767

    public init(options: Options, setup: PluginSetup) throws {
        location = setup.location
        numbers = try NumberStyle(options.numbers)
        tableIDs = options.tables.map(\.id)
        percentNames = Set(options.percent)
        hasSummary = options.summary
    }

    public func render(_ report: Report) throws -> [UInt8] {
        let builder = DocumentBuilder(report: report, formatter: numbers.formatter(report.locale), html: false)
        let document = try builder.build()
        let shown = document.blocks.compactMap { block -> DocumentTable? in
            if case .table(let table) = block { return table }
            return nil
        }
        let tables = try tableIDs.isEmpty ? shown : tableIDs.compactMap { id in try shown.first { $0.tableID == id } ?? builder.table(id: id) }
        let words = OfficeWords(locale: report.locale)
        let sheets = ReportSheets(values: CellValues(decimals: numbers.decimals, isFixed: numbers.isFixed, percentNames: percentNames,
                                                     locale: report.locale), words: words)
        var names = SheetNames()
        let summaryName = hasSummary ? names.name(for: words.summary, fallback: "Summary") : ""
        var tableSheets: [Sheet] = []
        for table in tables {
            try checkLimits(table)
            let name = names.name(for: table.title ?? table.tableID, fallback: table.tableID)
            tableSheets.append(sheets.tableSheet(table, name: name))
        }
        var all = tableSheets
        if hasSummary {
            let links = zip(tables, tableSheets).map { (sheet: $1.name, title: $0.title ?? $0.tableID) }
            all.insert(sheets.summarySheet(document, name: summaryName, tables: links), at: 0)
        }
        if all.isEmpty { all = [Sheet(name: names.name(for: words.summary, fallback: "Summary"))] }
        for sheet in all {
            for (row, cells) in sheet.rows.enumerated() {
                for (column, cell) in cells.enumerated() {
                    guard case .text(let text) = cell.content, text.utf16.count > Self.maximumCellText else { continue }
                    throw Diagnostic("the sheet '\(sheet.name)' would hold \(text.utf16.count) characters in \(columnLetters(column + 1))\(row + 1); "
                        + "an Excel cell holds at most \(Self.maximumCellText)", at: location)
                }
            }
        }
        return try WorkbookWriter(sheets: all, title: document.title, language: report.locale.identifier).package().zipped()
    }

    private func checkLimits(_ table: DocumentTable) throws {
        if table.rows.count + 1 > Self.maximumRows || table.columns.count > Self.maximumColumns {
            throw Diagnostic("the table '\(table.tableID)' has \(table.rows.count) rows and \(table.columns.count) columns; an Excel sheet holds "
                + "\(Self.maximumRows - 1) rows under its header and \(Self.maximumColumns) columns", at: location)
        }
    }
}
