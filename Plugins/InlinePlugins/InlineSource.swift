import Foundation
import ReportKit

/// A small table written in the recipe itself: targets, lookup tables, a few figures. Types
/// come from the YAML values, or from `columns` as for CSV (see ``NodeTable``).
public struct InlineSource: Source {
    public static let type = "inline"
    public static let summary = "a small table written in the recipe (targets, lookups)"
    public static let options: [OptionSpec] = [
        OptionSpec("rows", .list(.map(.anyOf([.string, .number, .boolean]))), required: true,
                   doc: "the rows, each a mapping of column to value", example: "[{year: 2025, target: 90}]"),
        ColumnSpec.option,
    ]

    private let table: Table
    /// Where each row is written in the recipe.
    private let origins: [RowOrigin]

    public init(options: PluginOptions) throws {
        let nodes = options.list("rows").filter { $0.mapping != nil }
        let specs = try ColumnSpec.read(options, locale: options.locale)
        table = try NodeTable.make(rows: nodes.compactMap(\.mapping), specs: specs,
                                   cells: CellReader(numbers: .plain, dateLocale: options.locale))
        origins = nodes.map { RowOrigin(file: $0.location.file, line: $0.location.line) }
    }

    public func columns(context: RunContext) throws -> [Column]? { table.columns }

    public func load(context: RunContext) throws -> Table { table }
}

extension InlineSource: TraceableSource {
    /// The rows with the recipe lines they are written on.
    public func loadTraced(context: RunContext) throws -> (table: Table, origins: [RowOrigin]) { (table, origins) }
}

public enum InlinePlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [InlineSource.self]
}
