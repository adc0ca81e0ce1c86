import ReportKit

/// The example output of the README: one table as tab-separated values for other programs,
/// values as the csv output writes them (ISO dates, `.` as the decimal mark). TSV has no
/// quoting: a tab or a line break inside a value is written as a space; text a spreadsheet
/// would run as a formula is neutralised.
public struct TSVOutput: Output {
    public static let type = "tsv"
    public static let summary = "one table as tab-separated values"

    public struct Options: PluginOptions {
        @Option(doc: "the source or extractor whose table is written", example: "sales_by_region")
        var table: TableReference
        @Option(doc: "write the column names first")
        var header = true

        public init() {}
    }

    private let options: Options

    public init(options: Options, setup: PluginSetup) {
        self.options = options
    }

    public func render(_ report: Report) throws -> [UInt8] {
        // Validation has checked that the id names a table of the recipe.
        let table = report.table(options.table.id) ?? Table(columns: [])
        let names = options.header ? [table.columnNames] : []
        let lines = (names + table.rows.map { $0.map(\.plainText) }).map { fields in
            fields.map { SpreadsheetText.neutralised(String($0.map { $0 == "\t" || $0.isNewline ? " " : $0 })) }.joined(separator: "\t")
        }
        return Array(lines.map { $0 + "\n" }.joined().utf8)
    }
}
