/// A column's name and type.
public struct Column: Sendable, Hashable {
    public var name: String
    public var type: ColumnType
    /// Declared `format: plain`: numbers written without grouping separators in documents
    /// (codes; `2025`, not `2.025` in vi-VN).
    public var isDeclaredPlain: Bool
    /// For a column whose type was inferred as text although its first values were not: the
    /// cell that made it so (`data/a.csv:3:21 holds '1x'`), for type errors to mention.
    public var textBecause: String?
    /// The value a column stands for when its name was made from one (a pivot's column of
    /// the year 2001, or of the quarter 2001-Q1), so that documents write its header in the
    /// locale (`Q1 2001`, `01/01/2001`) while CSV keeps the name.
    public var heading: Value?
    /// Numbers in percent (`97.5` for 97.5%), as the extractors that make them say (`ratio`,
    /// `change_pct`, `share`): a spreadsheet writes them as 0.975 with a percent format.
    public var isPercent: Bool

    public init(_ name: String, _ type: ColumnType, plain: Bool = false, textBecause: String? = nil, heading: Value? = nil,
                percent: Bool = false) {
        self.name = name
        self.type = type
        isDeclaredPlain = plain
        self.textBecause = textBecause
        self.heading = heading
        isPercent = percent
    }

    /// Whether documents write the column's numbers without grouping: declared so, or an
    /// integer column named for a year (`year`, `fiscal_year`, `Năm`, `Jahr`), so that a year
    /// is never written `2.025`.
    public var isPlain: Bool {
        isDeclaredPlain || (type == .int && Self.namesAYear(name))
    }

    static let yearWords: Set<String> = ["year", "yr", "fy", "năm", "jahr", "année", "annee", "año", "anno", "ano", "jaar", "år", "rok"]

    static func namesAYear(_ name: String) -> Bool {
        name.lowercased().split { !$0.isLetter }.contains { yearWords.contains(String($0)) }
    }
}

/// What every source and extractor yields: typed columns and rows of values in column order.
public struct Table: Sendable {
    public var columns: [Column]
    public var rows: [[Value]]

    public init(columns: [Column], rows: [[Value]] = []) {
        self.columns = columns
        self.rows = rows
    }

    public func columnIndex(named name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }

    public var columnNames: [String] { columns.map(\.name) }
}

/// A table with the id that the recipe gave its source or extractor.
public struct NamedTable: Sendable {
    public var id: String
    public var table: Table

    public init(id: String, table: Table) {
        self.id = id
        self.table = table
    }
}
