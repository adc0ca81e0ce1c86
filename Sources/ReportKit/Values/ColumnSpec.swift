/// One column a source's `columns` option declares: `columns: {date: date, count: int, day:
/// {type: date, format: '%d.%m.%Y'}}` (see ``ColumnDeclarations``).
public struct ColumnSpec: Sendable {
    public var type: ColumnType
    public var datePattern: DatePattern?
    /// `format: plain` on a number column: no grouping separators in documents.
    public var isPlain: Bool
    /// Where the recipe names the column, for "no such column" errors.
    public var location: SourceLocation

    public init(type: ColumnType, datePattern: DatePattern? = nil, isPlain: Bool = false, location: SourceLocation) {
        self.type = type
        self.datePattern = datePattern
        self.isPlain = isPlain
        self.location = location
    }
}

/// The `columns` option of sources, as written: a type for some columns, by name, optionally
/// with a format. ``specs(locale:)`` reads the formats in the locale the source reads dates in.
public struct ColumnDeclarations: OptionValue {
    public struct Declaration: Sendable {
        public var name: String
        public var type: ColumnType
        public var format: String?
        /// Where the name is written, for "no such column" errors.
        public var location: SourceLocation
        public var formatLocation: SourceLocation?
    }

    public var declarations: [Declaration]

    /// The doc and example of the `columns` option of every source that takes it.
    public static let optionDoc = "types of some columns (string int decimal date datetime bool), optionally with a format; the rest are inferred"
    public static let optionExample = "{date: date, count: int, year: {type: int, format: plain}}"

    public init(_ declarations: [Declaration] = []) { self.declarations = declarations }

    public static var optionType: OptionType {
        .map(.anyOf([
            .choice(ColumnType.declarable.map(\.rawValue)),
            .record([
                OptionSpec("type", .choice(ColumnType.declarable.map(\.rawValue)), required: true, doc: "column type"),
                OptionSpec("format", .string,
                           doc: "a date or datetime column's format, strftime style (%d/%m/%Y, %Y-%m-%d %H:%M %z); 'plain' for numbers written without grouping (years, codes)",
                           example: "'%d/%m/%Y'"),
            ]),
        ]))
    }

    public init(option node: YAMLNode, at site: OptionSite) throws {
        declarations = (node.mapping ?? []).compactMap { pair in
            guard let name = pair.key.scalarText,
                  let type = (pair.value["type"] ?? pair.value).scalarText.flatMap(ColumnType.init(rawValue:)) else { return nil }
            let format = pair.value["format"]
            return Declaration(name: name, type: type, format: format?.scalarText, location: pair.key.location, formatLocation: format?.location)
        }
    }

    /// Each declared column's spec, with its date format read in `locale`; every bad format is
    /// an error at its place.
    public func specs(locale: ReportLocale) throws -> [(name: String, spec: ColumnSpec)] {
        var result: [(String, ColumnSpec)] = []
        var diagnostics = Diagnostics()
        for declared in declarations {
            let name = declared.name, type = declared.type
            var pattern: DatePattern?
            var isPlain = false
            if let format = declared.format {
                let at = declared.formatLocation
                switch type {
                case .date, .datetime:
                    do {
                        let read = try DatePattern(format, locale: locale)
                        if type == .date, read.hasTime {
                            diagnostics.append(Diagnostic("the format '\(format)' reads a time of day: declare '\(name)' as datetime, or leave the time out of the format",
                                                          at: at))
                        }
                        pattern = read
                    } catch {
                        diagnostics.append(Diagnostic(String(describing: error), at: at))
                    }
                case .int, .decimal:
                    isPlain = format == "plain"
                    if !isPlain {
                        diagnostics.append(Diagnostic("the only format of a number column is 'plain' (no grouping), not '\(format)'", at: at))
                    }
                case .string, .bool, .period:
                    diagnostics.append(Diagnostic("a format applies to date and number columns, and '\(name)' is \(type.rawValue)", at: at))
                }
            }
            result.append((name, ColumnSpec(type: type, datePattern: pattern, isPlain: isPlain, location: declared.location)))
        }
        try diagnostics.throwIfAny()
        return result
    }
}
