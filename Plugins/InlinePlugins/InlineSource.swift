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

    /// One row: a mapping of column to value, as written, and where.
    struct InlineRow: OptionValue {
        var pairs: [YAMLPair]
        var location: SourceLocation

        static var optionType: OptionType { .map(.anyOf([.string, .number, .boolean])) }

        init(option node: YAMLNode, at site: OptionSite) throws {
            pairs = node.mapping ?? []
            location = node.location
        }
    }

    private let table: Table
    /// Where each row is written in the recipe.
    private let origins: [RowOrigin]

    public init(options: Options, setup: PluginSetup) throws {
        let specs = try options.columns.specs(locale: setup.locale)
        table = try NodeTable.make(rows: options.rows.map(\.pairs), specs: specs, cells: CellReader(numbers: .plain, dateLocale: setup.locale))
        origins = options.rows.map { RowOrigin(file: $0.location.file, line: $0.location.line) }
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
