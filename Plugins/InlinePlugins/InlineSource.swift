import Foundation
import ReportKit

/// A small table written in the recipe itself: targets, lookup tables, a few figures.
///
/// Columns appear in the order the rows first name them; a row without a column has null
/// there. Types come from YAML: integers, decimals (kept exact as written), booleans, and text;
/// a text column whose every value is an ISO date (`2025-03-15`) is a date column. `columns`
/// declares types as for CSV.
public struct InlineSource: Source {
    public static let type = "inline"
    public static let summary = "a small table written in the recipe (targets, lookups)"
    public static let options: [OptionSpec] = [
        OptionSpec("rows", .list(.map(.anyOf([.string, .number, .boolean]))), required: true,
                   doc: "the rows, each a mapping of column to value", example: "[{year: 2025, target: 90}]"),
        ColumnSpec.option,
    ]

    private let table: Table

    public init(options: PluginOptions) throws {
        let rows = options.list("rows").compactMap(\.mapping)
        var names: [String] = []
        for row in rows {
            for pair in row { if let name = pair.key.scalarText, !names.contains(name) { names.append(name) } }
        }
        let specs = try ColumnSpec.read(options, locale: options.locale)
        var diagnostics = Diagnostics()
        for (name, spec) in specs where !names.contains(name) {
            diagnostics.append(Diagnostic("no row has a column '\(name)'" + Suggestion.hint(for: name, in: names), at: spec.location))
        }
        let cells = CellReader(numbers: .plain, dateLocale: options.locale)
        var columns: [Column] = []
        var values = [[Value]](repeating: [], count: rows.count)
        for name in names {
            let nodes = rows.map { row in row.first { $0.key.scalarText == name }?.value }
            let declared = specs.first { $0.name == name }?.spec
            if let column = diagnostics.collect({ try Self.column(name, nodes, declared: declared, cells: cells) }) {
                columns.append(column.column)
                for index in rows.indices { values[index].append(column.values[index]) }
            }
        }
        try diagnostics.throwIfAny()
        table = Table(columns: columns, rows: values)
    }

    public func load(context: RunContext) throws -> Table { table }

    private static func column(_ name: String, _ nodes: [YAMLNode?], declared: ColumnSpec?, cells: CellReader) throws
        -> (column: Column, values: [Value]) {
        if let declared {
            let values = try nodes.map { node -> Value in
                guard let node, let text = node.scalarText, node.resolved != .null else { return .null }
                guard let value = cells.read(Substring(text), as: declared.type, pattern: declared.datePattern) else {
                    throw Diagnostic("'\(text)' in column '\(name)' is not \(declared.type.rawValue)", at: node.location)
                }
                return value
            }
            return (Column(name, declared.type, plain: declared.isPlain), values)
        }
        var type: ColumnType?
        for node in nodes.compactMap({ $0 }) {
            let cellType: ColumnType?
            switch node.resolved {
            case .int: cellType = .int
            case .float: cellType = .decimal
            case .bool: cellType = .bool
            case .string: cellType = .string
            default: cellType = nil
            }
            guard let cellType else { continue }
            switch (type, cellType) {
            case (nil, _): type = cellType
            case (.int, .decimal), (.decimal, .int): type = .decimal
            case let (current?, new) where current != new:
                throw Diagnostic("column '\(name)' mixes \(current.rawValue) and \(new.rawValue) values; quote them all or declare the column in 'columns'",
                                 at: node.location)
            default: break
            }
        }
        let texts = nodes.map { $0?.resolved == .null ? nil : $0?.scalarText }
        if type == .string, texts.allSatisfy({ $0.map { cells.readDate(Substring($0)) != nil && $0.count == 10 } ?? true }) {
            type = .date
        }
        let finalType = type ?? .string
        let values = texts.map { text in text.flatMap { cells.read(Substring($0), as: finalType) } ?? .null }
        return (Column(name, finalType), values)
    }
}

public enum InlinePlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [InlineSource.self]
}
