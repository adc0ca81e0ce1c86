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
    ]

    private let width: Int

    public init(options: PluginOptions) throws {
        width = options.int("width") ?? 80
        guard width >= 20 else { throw options.error("the width must be at least 20, not \(width)", at: "width") }
    }

    public func render(_ report: Report) throws -> [UInt8] {
        let formatter = ValueFormatter(locale: report.locale)
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
        let cells = table.rows.map { row in
            zip(row, table.columns).map { value, column in
                formatter.string(for: value, in: column).replacingOccurrences(of: "\n", with: " ")
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
    public static let plugins: [any Plugin.Type] = [TextOutput.self]
}
