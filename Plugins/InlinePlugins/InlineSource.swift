import Foundation
import ReportKit

/// A small table written in the recipe itself: targets, lookup tables, a few figures. Types
/// come from the YAML values, or from `columns` as for CSV (see ``NodeTable``).
public struct InlineSource: Source {
    public static let type = "inline"
    public static let summary = "a small table written in the recipe (targets, lookups)"

    public struct Options: PluginOptions {
        @Option(doc: "the rows, each a mapping of column to value", example: "[{year: 2025, target: 90}]")
        var rows: [InlineRow]
        @Option(doc: ColumnDeclarations.optionDoc, example: ColumnDeclarations.optionExample)
        var columns = ColumnDeclarations()

        public init() {}
    }

    /// One row: a mapping of column to value, as written.
    struct InlineRow: OptionValue {
        var pairs: [YAMLPair]

        static var optionType: OptionType { .map(.anyOf([.string, .number, .boolean])) }
        init(option node: YAMLNode, at site: OptionSite) throws { pairs = node.mapping ?? [] }
    }

    private let table: Table

    public init(options: Options, setup: PluginSetup) throws {
        let specs = try options.columns.specs(locale: setup.locale)
        table = try NodeTable.make(rows: options.rows.map(\.pairs), specs: specs, cells: CellReader(numbers: .plain, dateLocale: setup.locale))
    }

    public func columns(context: RunContext) throws -> [Column]? { table.columns }

    public func load(context: RunContext) throws -> Table { table }
}

public enum InlinePlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [InlineSource.self]
}
