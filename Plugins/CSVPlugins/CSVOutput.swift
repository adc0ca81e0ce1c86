import Foundation
import ReportKit

/// Writes one table as RFC 4180 CSV for other programs: ISO dates, `.` as the decimal mark, no
/// grouping, CRLF line ends. Text that a spreadsheet would run as a formula is neutralised.
/// With `excel`, numbers take the recipe's decimal mark, for a spreadsheet set to its locale.
public struct CSVOutput: Output {
    public static let type = "csv"
    public static let summary = "one table as RFC 4180 CSV, for spreadsheets and other programs"
    public static let options: [OptionSpec] = [
        OptionSpec("table", .reference, required: true, doc: "the source or extractor whose table is written",
                   example: "admissions_by_year"),
        OptionSpec("delimiter", .string, default: .string(","), doc: "field separator (with excel: ';' where the decimal mark is a comma)", example: ";"),
        OptionSpec("bom", .boolean, default: .bool(false), doc: "start with a UTF-8 byte order mark, for Excel (default true with excel)"),
        OptionSpec("excel", .boolean, default: .bool(false),
                   doc: "write for an Excel set to the recipe's locale: its decimal mark (95,5 in vi-VN, de-DE), ';' between fields where that mark is a comma, a byte order mark"),
        OptionSpec("header", .boolean, default: .bool(true), doc: "write the column names first"),
        OptionSpec("decimals", .integer, default: .int(10),
                   doc: "decimals are rounded to at most this many fraction digits (a division has 38)", example: "4"),
    ]

    private let tableID: String
    /// `nil`: the default, or with `excel`, the one the locale's Excel expects.
    private let chosenDelimiter: String?
    private let chosenBOM: Bool?
    private let excel: Bool
    private let header: Bool
    private let decimals: Int

    public init(options: PluginOptions) throws {
        tableID = options.string("table") ?? ""
        chosenDelimiter = options.has("delimiter") ? options.string("delimiter") : nil
        chosenBOM = options.has("bom") ? options.bool("bom") : nil
        excel = options.bool("excel") ?? false
        let delimiter = chosenDelimiter ?? ","
        header = options.bool("header") ?? true
        decimals = options.int("decimals") ?? 10
        guard (0...38).contains(decimals) else { throw options.error("decimals must be 0 to 38, not \(decimals)", at: "decimals") }
        if delimiter.unicodeScalars.count != 1 || ["\"", "\n", "\r"].contains(delimiter) {
            throw options.error("the delimiter must be one character other than a quote or a line break, not '\(delimiter)'", at: "delimiter")
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

    /// Text that starts like a formula (`=`, `+`, `-`, `@`, their full-width forms `＝ ＋ － ＠`,
    /// or a tab or line break), after any spaces and invisible characters a spreadsheet skips
    /// (` `, U+3000, U+00A0, U+200B...), gets a leading `'`, which spreadsheets show as text
    /// (OWASP's advice for CSV injection). Text that is a plain number, such as `-12.5`, stays
    /// as it is.
    static func neutralised(_ text: String) -> String {
        let significant = text.unicodeScalars.first { !$0.properties.isWhitespace && !Self.invisible.contains($0) }
        let startsLikeFormula = significant.map { Self.formulaStarts.contains($0) } ?? false
        let startsWithControl = text.unicodeScalars.first.map { ["\t", "\r", "\n"].contains($0) } ?? false
        guard startsLikeFormula || startsWithControl else { return text }
        if NumberReader.plain.read(text) != nil { return text }
        return "'" + text
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]
    /// Characters that take no room, which a spreadsheet may skip before a formula.
    private static let invisible: Set<Unicode.Scalar> = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}"]
}

