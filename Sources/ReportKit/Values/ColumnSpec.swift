/// The `columns` option of sources: a type for some columns, by name, optionally with a date
/// format: `columns: {date: date, count: int, day: {type: date, format: '%d.%m.%Y'}}`.
public struct ColumnSpec: Sendable {
    public var type: ColumnType
    public var datePattern: DatePattern?
    /// Where the recipe names the column, for "no such column" errors.
    public var location: SourceLocation

    public static let option = OptionSpec(
        "columns",
        .map(.anyOf([
            .choice(ColumnType.allCases.map(\.rawValue)),
            .record([
                OptionSpec("type", .choice(ColumnType.allCases.map(\.rawValue)), required: true, doc: "column type"),
                OptionSpec("format", .string, doc: "date format, strftime style", example: "%d/%m/%Y"),
            ]),
        ])),
        doc: "types of some columns (string int decimal date bool); the rest are inferred",
        example: "{date: date, count: int}")

    /// Reads the `columns` option; dates formats are read in `locale`.
    public static func read(_ options: PluginOptions, locale: ReportLocale) throws -> [(name: String, spec: ColumnSpec)] {
        var result: [(String, ColumnSpec)] = []
        var diagnostics = Diagnostics()
        for pair in options.node("columns")?.mapping ?? [] {
            guard let name = pair.key.scalarText else { continue }
            let typeNode = pair.value["type"] ?? pair.value
            guard let type = typeNode.scalarText.flatMap(ColumnType.init(rawValue:)) else { continue }
            var pattern: DatePattern?
            if let formatNode = pair.value["format"], let format = formatNode.scalarText {
                if type != .date {
                    diagnostics.append(Diagnostic("a format applies to date columns only, and '\(name)' is \(type.rawValue)",
                                                  at: formatNode.location))
                }
                do { pattern = try DatePattern(format, locale: locale) } catch {
                    diagnostics.append(Diagnostic(String(describing: error), at: formatNode.location))
                }
            }
            result.append((name, ColumnSpec(type: type, datePattern: pattern, location: pair.key.location)))
        }
        try diagnostics.throwIfAny()
        return result
    }
}
