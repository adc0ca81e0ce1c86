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
}

/// A table with its values already written: labels for the header, text for every cell.
public struct DocumentTable: Sendable {
    public struct Column: Sendable {
        public var label: String
        public var isNumeric: Bool
        /// The table's column this one shows (its name, type and format), for outputs that
        /// keep types, such as a spreadsheet; `nil` for columns made by an output.
        public var tableColumn: ReportKit.Column?

        public init(label: String, isNumeric: Bool, tableColumn: ReportKit.Column? = nil) {
            self.label = label
            self.isNumeric = isNumeric
            self.tableColumn = tableColumn
        }
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
}

/// A chart's data: one label per x value, one or more series of numbers.
public struct DocumentChart: Sendable {
    public enum Kind: String, Sendable { case bar, line, area }

    public struct Series: Sendable {
        public var name: String
        /// `nil` where the table has no number.
        public var values: [Double?]
        /// Each value as the document's tables write it (`98,0` beside `97,8`), `""` where
        /// there is none: what labels and text alternatives show, exactly.
        public var labels: [String]
        /// The table's cells, exact (a chart that carries its data, as a Word chart does,
        /// writes these rather than the floating-point `values`).
        public var cells: [Value] = []
    }

    public var kind: Kind
    public var title: String?
    public var xLabels: [String]
    public var series: [Series]
    /// Writes an axis tick as the locale writes numbers.
    public var formatNumber: @Sendable (Double) -> String
}
