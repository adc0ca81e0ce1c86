import ReportKit

/// The example plugin of the README's "Adding a plugin": adds `share`, each row's part of the
/// column's total in percent (exact; rounded only when written). Rows with a null value get
/// a null share; when the total is zero, every share is null.
public struct ShareExtractor: Extractor {
    public static let type = "share"
    public static let summary = "each row's share of a column's total, in percent"
    public static let options: [OptionSpec] = [
        OptionSpec("input", .reference, required: true, doc: "the table", example: "revenue_by_region"),
        OptionSpec("value", .string, required: true, doc: "the numeric column to share out", example: "revenue"),
        OptionSpec("as", .string, default: .string("share"), doc: "the name of the new column"),
    ]

    private let options: PluginOptions

    public init(options: PluginOptions) throws {
        self.options = options
    }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        var table = try options.table("input", in: inputs)
        let column = try table.requireColumn(options.string("value") ?? "", for: options, option: "value")
        guard table.columns[column].type.isNumeric else {
            throw options.error("'\(table.columns[column].name)' holds \(table.columns[column].type.rawValue), not numbers", at: "value")
        }
        let total = table.rows.reduce(Value.int(0)) { $1[column].isNull ? $0 : Value.add($0, $1[column]) }
        table.columns.append(Column(options.string("as") ?? "share", .decimal, percent: true))
        for index in table.rows.indices {
            let share = Value.multiply(Value.divide(table.rows[index][column], total), .int(100))
            table.rows[index].append(share)
        }
        return table
    }
}

public enum SharePlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [ShareExtractor.self]
}
