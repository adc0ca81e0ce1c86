import Foundation
import ReportKit

/// The report as plain UTF-8 text: the title underlined, then every table with its id,
/// columns aligned by display width (Vietnamese marks take no room, wide characters two),
/// numbers and dates in the recipe's locale.
public struct TextOutput: Output {
    public static let type = "text"
    public static let summary = "the report as plain UTF-8 text, tables aligned for a terminal or an e-mail"
    public static let options: [OptionSpec] = [
        OptionSpec("width", .integer, default: .int(80), doc: "line width for underlines and wrapped text", example: "100"),
        OptionSpec("decimals", .integer, default: .int(2), doc: "decimals are rounded to at most this many fraction digits",
                   example: "1"),
    ]

    private let width: Int
    private let decimals: Int

    public init(options: PluginOptions) throws {
        width = options.int("width") ?? 80
        decimals = options.int("decimals") ?? 2
        guard width >= 20 else { throw options.error("the width must be at least 20, not \(width)", at: "width") }
        guard (0...20).contains(decimals) else { throw options.error("decimals must be 0 to 20, not \(decimals)", at: "decimals") }
    }

    public func render(_ report: Report) throws -> [UInt8] {
        let formatter = ValueFormatter(locale: report.locale, maximumFractionDigits: decimals)
        var blocks: [String] = []
        blocks.append(underlined(report.title, with: "=") + (report.subtitle.map { "\n" + $0 } ?? ""))
        for named in report.documentTables {
            blocks.append(underlined(named.id, with: "-") + "\n" + TextTable(named.table, formatter: formatter).text)
        }
        return Array((blocks.joined(separator: "\n\n") + "\n").utf8)
    }

    private func underlined(_ text: String, with character: Character) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let longest = min(width, lines.map { DisplayWidth.of($0) }.max() ?? 0)
        return text + "\n" + String(repeating: character, count: longest)
    }
}

/// A table laid out in columns: text left-aligned, numbers right-aligned, two spaces apart.
struct TextTable {
    let text: String

    init(_ table: Table, formatter: ValueFormatter) {
        let header = table.columnNames
        // A line break inside a cell would break the alignment of every row after it.
        let fractionDigits = table.columns.indices.map { column in
            table.rows.map { row -> Int in
                if case .decimal(let number) = row[column] { return formatter.fractionDigits(of: number) }
                return 0
            }.max() ?? 0
        }
        let cells = table.rows.map { row in
            zip(row, table.columns).enumerated().map { index, cell in
                if case .decimal(let number) = cell.0, !cell.1.isPlain {
                    return formatter.string(for: number, minimumFractionDigits: fractionDigits[index])
                }
                return formatter.string(for: cell.0, in: cell.1).replacingOccurrences(of: "\n", with: " ")
            }
        }
        let widths = header.indices.map { column in
            ([header[column]] + cells.map { $0[column] }).map { DisplayWidth.of($0) }.max() ?? 0
        }
        func line(_ fields: [String]) -> String {
            let padded = fields.enumerated().map { column, field in
                table.columns[column].type.isNumeric
                    ? DisplayWidth.padLeft(field, to: widths[column])
                    : DisplayWidth.padRight(field, to: widths[column])
            }
            var joined = padded.joined(separator: "  ")
            while joined.last == " " { joined.removeLast() }
            return joined
        }
        var lines = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += cells.map(line)
        if table.rows.isEmpty { lines.append("(no rows)") }
        text = lines.joined(separator: "\n")
    }
}

public enum TextPlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [TextSource.self, TextOutput.self]
}
