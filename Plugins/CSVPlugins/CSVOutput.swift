import Foundation
import ReportKit

/// Writes one table as RFC 4180 CSV for other programs: ISO dates, `.` as the decimal mark, no
/// grouping, CRLF line ends. Text that a spreadsheet would run as a formula is neutralised.
/// With `excel`, numbers take the recipe's decimal mark, for a spreadsheet set to its locale.
public struct CSVOutput: Output {
    public static let type = "csv"
    public static let summary = "one table as RFC 4180 CSV, for spreadsheets and other programs"

    public struct Options: PluginOptions {
        @Option(doc: "the source or extractor whose table is written", example: "admissions_by_year")
        var table: TableReference
        @Option(doc: "field separator; default ',' (with excel: ';' where the decimal mark is a comma)", example: "';'")
        var delimiter: String?
        @Option(doc: "start with a UTF-8 byte order mark, for Excel; default false (true with excel)")
        var bom: Bool?
        @Option(doc: "write for an Excel set to the recipe's locale: its decimal mark (95,5 in vi-VN, de-DE), ';' between fields where that mark is a comma, a byte order mark")
        var excel = false
        @Option(doc: "write the column names first")
        var header = true
        @Option(doc: "decimals are rounded to at most this many fraction digits (a division has 38)", example: "4")
        var decimals = 10

        public init() {}
    }

    private let tableID: String
    /// `nil`: the default, or with `excel`, the one the locale's Excel expects.
    private let chosenDelimiter: String?
    private let chosenBOM: Bool?
    private let excel: Bool
    private let header: Bool
    private let decimals: Int

    public init(options: Options, setup: PluginSetup) throws {
        tableID = options.table.id
        chosenDelimiter = options.delimiter
        chosenBOM = options.bom
        excel = options.excel
        let delimiter = chosenDelimiter ?? ","
        header = options.header
        decimals = options.decimals
        guard (0...38).contains(decimals) else { throw options.$decimals.mustBe("0 to 38", not: String(decimals)) }
        if delimiter.unicodeScalars.count != 1 || ["\"", "\n", "\r"].contains(delimiter) {
            throw options.$delimiter.mustBe("one character other than a quote or a line break", not: "'\(delimiter)'")
        }
    }

    public func render(_ report: Report) throws -> [UInt8] {
        // Validation has checked that the id names a table of the recipe.
        let table = report.table(tableID) ?? Table(columns: [])
        // An Excel set to a locale with a decimal comma reads `95.5` as text and splits fields at `;`.
        let decimalMark = excel ? report.locale.decimalSeparator : "."
        let delimiter = chosenDelimiter ?? (decimalMark == "," ? ";" : ",")
        let bom = chosenBOM ?? excel
        var text = ""
        if header { appendLine(table.columnNames.map(Self.neutralised), delimiter: delimiter, to: &text) }
        for row in table.rows {
            appendLine(row.map { value in
                switch value {
                case .string(let string): return Self.neutralised(string)
                case .decimal(let number):
                    let plain = number.rounded(decimals).plainText
                    return decimalMark == "." ? plain : plain.replacingOccurrences(of: ".", with: decimalMark)
                // ISO 8601 at the recipe's offset: the same moment as UTC, as the report's readers see it.
                case .datetime(let instant): return instant.iso(in: report.locale.timeZone)
                default: return value.plainText
                }
            }, delimiter: delimiter, to: &text)
        }
        return (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
    }

    private func appendLine(_ fields: [String], delimiter: String, to text: inout String) {
        // A row of one empty field is written `""`: an empty line would read as no row at all.
        text += fields == [""] ? "\"\"" : fields.map { quoted($0, delimiter: delimiter) }.joined(separator: delimiter)
        text += "\r\n"
    }

    private func quoted(_ field: String, delimiter: String) -> String {
        let needsQuotes = field.contains(where: { $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" || String($0) == delimiter })
            || field.first == " " || field.last == " "
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Text a spreadsheet would run as a formula, neutralised (see ``SpreadsheetText``).
    static func neutralised(_ text: String) -> String { SpreadsheetText.neutralised(text) }
}

