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
        @Option(doc: "decimals are rounded to at most this many fraction digits", example: "2")
        var decimals = 10

        public init() {}
    }

    private let options: Options

    public init(options: Options, setup: PluginSetup) throws {
        guard (0...38).contains(options.decimals) else { throw options.$decimals.mustBe("0 to 38", not: String(options.decimals)) }
        self.options = options
    }

    public func render(_ report: Report) throws -> [UInt8] {
        // Validation has checked that the id names a table of the recipe.
        let table = report.table(options.table.id) ?? Table(columns: [])
        let names = options.header ? [table.columnNames] : []
        let rows = table.rows.map { row in
            row.map { value in if case .decimal(let number) = value { number.rounded(options.decimals).plainText } else { value.plainText } }
        }
        let lines = (names + rows).map { fields in
            fields.map { SpreadsheetText.neutralised(String($0.map { $0 == "\t" || $0.isNewline ? " " : $0 })) }.joined(separator: "\t")
        }
        return Array(lines.map { $0 + "\n" }.joined().utf8)
    }
}
