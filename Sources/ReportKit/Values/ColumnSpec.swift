/// The `columns` option of sources: a type for some columns, by name, optionally with a date
/// format: `columns: {date: date, count: int, day: {type: date, format: '%d.%m.%Y'}}`.
public struct ColumnSpec: Sendable {
    public var type: ColumnType
    public var datePattern: DatePattern?
    /// `format: plain` on a number column: no grouping separators in documents.
    public var isPlain: Bool
    /// Where the recipe names the column, for "no such column" errors.
    public var location: SourceLocation

    public static let option = OptionSpec(
        "columns",
        .map(.anyOf([
            .choice(ColumnType.declarable.map(\.rawValue)),
            .record([
                OptionSpec("type", .choice(ColumnType.declarable.map(\.rawValue)), required: true, doc: "column type"),
                OptionSpec("format", .string,
                           doc: "a date or datetime column's format, strftime style (%d/%m/%Y, %Y-%m-%d %H:%M %z); 'plain' for numbers written without grouping (years, codes)",
                           example: "%d/%m/%Y"),
            ]),
        ])),
        doc: "types of some columns (string int decimal date datetime bool), optionally with a format; the rest are inferred",
        example: "{date: date, count: int, year: {type: int, format: plain}}")

    /// Reads the `columns` option; dates formats are read in `locale`.
    public static func read(_ options: PluginOptions, locale: ReportLocale) throws -> [(name: String, spec: ColumnSpec)] {
        var result: [(String, ColumnSpec)] = []
        var diagnostics = Diagnostics()
        for pair in options.node("columns")?.mapping ?? [] {
            guard let name = pair.key.scalarText else { continue }
            let typeNode = pair.value["type"] ?? pair.value
            guard let type = typeNode.scalarText.flatMap(ColumnType.init(rawValue:)) else { continue }
            var pattern: DatePattern?
            var isPlain = false
            if let formatNode = pair.value["format"], let format = formatNode.scalarText {
                switch type {
                case .date, .datetime:
                    do {
                        let read = try DatePattern(format, locale: locale)
                        if type == .date, read.hasTime {
                            diagnostics.append(Diagnostic("the format '\(format)' reads a time of day: declare '\(name)' as datetime, or leave the time out of the format",
                                                          at: formatNode.location))
                        }
                        pattern = read
                    } catch {
                        diagnostics.append(Diagnostic(String(describing: error), at: formatNode.location))
                    }
                case .int, .decimal:
                    isPlain = format == "plain"
                    if !isPlain {
                        diagnostics.append(Diagnostic("the only format of a number column is 'plain' (no grouping), not '\(format)'",
                                                      at: formatNode.location))
                    }
                case .string, .bool, .period:
                    diagnostics.append(Diagnostic("a format applies to date and number columns, and '\(name)' is \(type.rawValue)",
                                                  at: formatNode.location))
                }
            }
            result.append((name, ColumnSpec(type: type, datePattern: pattern, isPlain: isPlain, location: pair.key.location)))
        }
        try diagnostics.throwIfAny()
        return result
    }
}
