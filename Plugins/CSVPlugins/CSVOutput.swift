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
        var writer = CSVLineWriter(delimiter: Array(delimiter.utf8))
        if chosenBOM ?? excel { writer.bytes = [0xEF, 0xBB, 0xBF] }
        if header { writer.appendLine(table.columnNames.map { .string(Self.neutralised($0)) }) }
        for row in table.rows {
            writer.appendLine(row.map { value in
                switch value {
                case .string(let string): return .string(Self.neutralised(string))
                case .int(let number): return .int(number)
                case .decimal(let number):
                    let plain = number.rounded(decimals).plainText
                    return .string(decimalMark == "." ? plain : plain.replacingOccurrences(of: ".", with: decimalMark))
                // ISO 8601 at the recipe's offset: the same moment as UTC, as the report's readers see it.
                case .datetime(let instant): return .string(instant.iso(in: report.locale.timeZone))
                default: return .string(value.plainText)
                }
            })
        }
        return writer.bytes
    }

    /// Text a spreadsheet would run as a formula, neutralised (see ``SpreadsheetText``).
    static func neutralised(_ text: String) -> String { SpreadsheetText.neutralised(text) }
}

/// CSV lines written as bytes, fields quoted where RFC 4180 needs it: a quote, a line break or
/// the delimiter inside, or a space at either end (which readers may trim).
struct CSVLineWriter {
    enum Field {
        case string(String)
        case int(Int)
    }

    let delimiter: [UInt8]
    var bytes: [UInt8] = []

    mutating func appendLine(_ fields: [Field]) {
        // A row of one empty field is written `""`: an empty line would read as no row at all.
        if fields.count == 1, case .string(let only) = fields[0], only.isEmpty {
            bytes += [0x22, 0x22, 0x0D, 0x0A]
            return
        }
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes += delimiter }
            switch field {
            case .int(let number): appendDigits(number)
            case .string(var text): text.withUTF8 { append($0) }
            }
        }
        bytes += [0x0D, 0x0A]
    }

    private mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        let quote: UInt8 = 0x22
        var needsQuotes = text.first == 0x20 || text.last == 0x20
        if !needsQuotes {
            for index in text.indices {
                let byte = text[index]
                if byte == quote || byte == 0x0A || byte == 0x0D || (byte == delimiter[0] && Self.starts(delimiter, in: text, at: index)) {
                    needsQuotes = true
                    break
                }
            }
        }
        guard needsQuotes else {
            bytes.append(contentsOf: text)
            return
        }
        bytes.append(quote)
        for byte in text {
            if byte == quote { bytes.append(quote) }
            bytes.append(byte)
        }
        bytes.append(quote)
    }

    private static func starts(_ delimiter: [UInt8], in text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + delimiter.count <= text.count && delimiter.indices.allSatisfy { text[index + $0] == delimiter[$0] }
    }

    private mutating func appendDigits(_ number: Int) {
        if number < 0 { bytes.append(0x2D) }
        // 20 digits hold any Int's magnitude.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = number.magnitude, start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(rest % 10) + 0x30
                rest /= 10
            } while rest > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }
}
