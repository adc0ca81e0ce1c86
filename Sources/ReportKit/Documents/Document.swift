/// A report laid out for people: the recipe's `layout` with its tables bound, templates
/// rendered and values written in the recipe's locale. Made by ``DocumentBuilder``; the text,
/// Markdown and HTML outputs each draw it in their own way.
public struct Document: Sendable {
    public var title: String
    public var subtitle: String?
    /// The language of the text (`vi` for vi-VN), for HTML's `lang`.
    public var language: String
    public var periodLabel: String?
    public var blocks: [DocumentBlock]
}

public enum DocumentBlock: Sendable {
    case heading(String, level: Int)
    /// A paragraph of rendered template text: HTML when the document was built for HTML,
    /// else plain text. Every other text of a document is plain.
    case paragraph(String)
    case table(DocumentTable)
    case metrics([DocumentMetric])
    case chart(DocumentChart)
    case pageBreak
    /// Sources and method: for each figure the document shows, where it came from.
    case method(DocumentMethod)
}

/// The "sources and method" section (`sources_and_method`): an entry per table the document
/// shows, in the report's language, each with an anchor (`method-<id>`) that an HTML figure
/// links to.
public struct DocumentMethod: Sendable {
    public struct Entry: Sendable {
        /// The table's id; HTML anchors are `method-<id>`.
        public var id: String
        /// What the figure is called in the document (its caption, or its id).
        public var title: String
        /// Sentences: the source files and rows counted, the span and filters, how it is
        /// computed, the rounding.
        public var lines: [String]
    }

    public var title: String
    public var entries: [Entry]
    /// What holds for every entry: how numbers are rounded when written.
    public var closing: [String]
}

/// A table with its values already written: labels for the header, text for every cell.
///
/// Outputs that draw for print read more than the text: a column's `role` (dates and periods
/// are kept on one line), its `format` (an office output may give the cell a number format)
/// and, in a column of status words, each word's `tone` (coloured, the word always kept).
public struct DocumentTable: Sendable {
    public struct Column: Sendable {
        public var label: String
        public var isNumeric: Bool
        public var role: Role = .text
        /// The `formats:` of the table block for this column, already applied to the cells.
        public var format: ColumnFormat?
        /// For a column of status words (a `compare`'s `status`): each word's tone. Empty
        /// for other columns.
        public var tones: [String: Tone] = [:]
        /// The table's column this one shows (its name, type and format), for outputs that
        /// keep types, such as a spreadsheet; `nil` for columns made by an output.
        public var tableColumn: ReportKit.Column?

        public init(label: String, isNumeric: Bool) {
            self.label = label
            self.isNumeric = isNumeric
            role = isNumeric ? .number : .text
        }

        public init(label: String, role: Role, format: ColumnFormat? = nil, tones: [String: Tone] = [:]) {
            self.label = label
            isNumeric = role == .number
            self.role = role
            self.format = format
            self.tones = tones
        }
    }

    public enum Role: String, Sendable {
        /// Free text; may wrap.
        case text
        /// Numbers, aligned right, never wrapped.
        case number
        /// Dates and period buckets (`Q1 2000`), never wrapped.
        case date
    }

    /// How a status word reads: `good` (exceeded, met), `bad` (missed).
    public enum Tone: String, Sendable {
        case good, bad
    }

    /// The id of the source or extractor shown.
    public var tableID: String = ""
    public var title: String?
    public var columns: [Column]
    public var rows: [[String]]
    /// The same cells as values, unwritten, row by row: for outputs that keep types (a
    /// spreadsheet's numbers and dates).
    public var values: [[Value]] = []
}

/// A per-column format of a table block (`formats: {ratio: percent}`): how its numbers are
/// written, in the recipe's locale (CLDR's percent and currency patterns).
public enum ColumnFormat: String, Sendable, CaseIterable {
    /// `95.5%`, `95,5%` in vi-VN, `95,5 %` in de-DE: the number is already a percentage.
    case percent
    /// `+1,503.10`, `-9,546.67`, `0`.
    case signed
    /// `+4.3%`.
    case signedPercent = "signed_percent"
    /// `$1,503.10`, `1.503 ₫`: the block's `currency` (ISO 4217), else the locale's, with its
    /// number of fraction digits.
    case currency
    /// `+$1,503.10`.
    case signedCurrency = "signed_currency"
    /// Without grouping separators (codes, years).
    case plain
}

/// A figure on a card: what it is, its value, and optionally its target (with its label, as
/// "target 90") and status.
public struct DocumentMetric: Sendable {
    public var label: String
    public var value: String
    public var target: String?
    public var status: String?
    /// The value and the target unwritten, for outputs that keep types; `.null` where there is none.
    public var valueCell: Value = .null
    public var targetCell: Value = .null
    /// The table the value is a column of (`id.column`), for a link to its sources and method.
    public var tableID: String?
}

/// A chart's data: one label per x value, one or more series of numbers, and how the recipe
/// asked for it to be drawn (axis titles, stacked bars, a target).
///
/// Every field past `formatNumber` was added after the first outputs; an output that does not
/// draw one may ignore it, except `target`, which a document should state somewhere (a line,
/// a column, a note).
public struct DocumentChart: Sendable {
    public enum Kind: String, Sendable { case bar, line, area }

    /// `auto` draws bars across when there are many categories or long labels.
    public enum Orientation: String, Sendable, CaseIterable {
        case auto, vertical, horizontal

        public static var allNames: [String] { allCases.map(\.rawValue) }
    }

    public struct Series: Sendable {
        /// The recipe's name for the series (`y: {revenue: Revenue}`), else the column's.
        public var name: String
        /// `nil` where the table has no number.
        public var values: [Double?]
        /// Each value as the document's tables write it (`98,0` beside `97,8`), `""` where
        /// there is none: what labels and text alternatives show, exactly.
        public var labels: [String]
        /// `#rrggbb` or `#rgb` from the recipe's `colors`, else `nil` (the output's palette).
        public var color: String? = nil
        /// The table's cells, exact (a chart that carries its data, as a Word chart does,
        /// writes these rather than the floating-point `values`).
        public var cells: [Value] = []
    }

    /// What the values are measured against: one value for the whole chart (a reference
    /// line: `target: params.x`, a number, `totals.goal`), or one per x value (`target:` a
    /// column of the charted table).
    public struct Target: Sendable {
        /// `target_label`, else the locale's word ("Target", "Chỉ tiêu").
        public var name: String
        /// One value, or one per x value; `nil` where there is none.
        public var values: [Double?]
        /// The values as documents write them.
        public var labels: [String]
        /// The values exact, as `cells` of a series.
        public var cells: [Value] = []

        public var isPerCategory: Bool { values.count != 1 }

        public init(name: String, values: [Double?], labels: [String]) {
            self.name = name
            self.values = values
            self.labels = labels
        }
    }

    public var kind: Kind
    public var title: String?
    public var xLabels: [String]
    public var series: [Series]
    /// Writes an axis tick as the locale writes numbers.
    public var formatNumber: @Sendable (Double) -> String
    public var xTitle: String? = nil
    public var yTitle: String? = nil
    /// Bars (or areas) of several series stacked on one another instead of side by side.
    public var isStacked = false
    public var orientation: Orientation = .auto
    public var target: Target? = nil
    /// The table drawn, for a link to its sources and method.
    public var tableID: String = ""
    /// Whether every value is a whole number (integer columns), so that ticks are too.
    public var isIntegral = false
    /// Whether x is time (dates, periods, years), which runs left to right: never turned into
    /// horizontal bars, and labels thinned rather than slanted.
    public var xIsTime = false
}
