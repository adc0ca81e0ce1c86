/// The words of the errors every plugin (and the core, and the expression compiler) gives
/// for the same mistakes, so that one mistake reads the same wherever it is made:
///
/// - an unknown column: `unknown column 'reveune'; did you mean 'revenue'?`
/// - a column of the wrong type: `'value' needs a number, but note is a string (read as text
///   because data/a.csv:3:21 holds '1x'; declare its type, ...)`
/// - a bad option value: `'limit' in top extractor 'best' must be at least 1, not 0`
public enum PluginProblem {
    /// `what` must be `expected`; the recipe writes `actual`.
    public static func badValue(_ site: OptionSite, expected: String, actual: String) -> Diagnostic {
        Diagnostic("'\(site.key)' in \(site.setup.owner) must be \(expected), not \(actual)", at: site.location)
    }

    /// A value of the wrong shape (validation reports these before a plugin reads its options).
    public static func badShape(_ site: OptionSite, node: YAMLNode, type: OptionType) -> Diagnostic {
        badValue(site, expected: type.phrase, actual: node.kindDescription)
    }

    /// A required option left out.
    public static func missing(_ site: OptionSite, doc: String) -> Diagnostic {
        Diagnostic("\(site.setup.owner) needs '\(site.key)' (\(doc))", at: site.location)
    }

    /// A column that `columns` does not have; `place` says where, when it is not plain which
    /// table is meant: "the table 'targets'", "the file 'data.csv'", "the sheet 'Data'".
    public static func unknownColumn(_ name: String, in columns: [String], of place: String? = nil, at location: SourceLocation?) -> Diagnostic {
        Diagnostic("unknown column '\(name)'" + (place.map { " in \($0)" } ?? "") + Suggestion.hint(for: name, in: columns), at: location)
    }

    /// `what` (an option, a function: "'value'", "sum()") needs `needs` ("a number"), but
    /// `column` is of another type; for a column inferred as text because of one cell, which cell.
    public static func wrongType(of column: Column, for what: String, needs: String, suggesting suggested: ColumnType? = .decimal,
                                 at location: SourceLocation?) -> Diagnostic {
        Diagnostic("\(what) needs \(needs), but \(column.name) is \(phrase(column.type))" + textReason(column, suggesting: suggested), at: location)
    }

    /// "a string", "an integer", "a date-time": a column type as messages write it.
    public static func phrase(_ type: ColumnType) -> String {
        switch type {
        case .int: return "an integer"
        case .decimal: return "a decimal"
        case .bool: return "true or false"
        case .string: return "a string"
        case .date: return "a date"
        case .datetime: return "a date-time"
        case .period: return "a period"
        }
    }

    /// For a column inferred as text because of one cell: which cell, and how to declare the
    /// column (as `suggested`, when known); "" for any other column.
    public static func textReason(_ column: Column, suggesting suggested: ColumnType? = nil) -> String {
        guard let because = column.textBecause else { return "" }
        let declaration = "columns: {\(column.name): \(suggested?.rawValue ?? "TYPE")}"
        // A cell made it text: declared, the column has every bad cell reported; no cell: it needs a type.
        let advice = because.contains(" holds '") ? "declare its type, as in \(declaration), to have every such cell reported"
            : "declare its type, as in \(declaration)"
        return " (read as text because \(because); \(advice))"
    }
}
