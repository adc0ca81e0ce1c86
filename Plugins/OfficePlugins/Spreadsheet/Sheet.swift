/// A worksheet as the xlsx writer takes it: rows of cells already typed and styled, column
/// widths, frozen rows, an autofilter and links to other sheets.
struct Sheet {
    var name: String
    var rows: [[SheetCell]] = []
    /// Widths in Excel's unit (characters of the default font's widest digit), column by column.
    var widths: [Double] = []
    /// Rows kept in view when scrolling (a table's header row).
    var frozenRows = 0
    /// The header row and the data under it, 1-based rows, when the sheet has a filter.
    var filter: (header: Int, lastRow: Int, columns: Int)?
    /// Cells that link to the top of another sheet: 1-based row and column, the sheet's name.
    var links: [(row: Int, column: Int, sheet: String)] = []
    /// Rows repeated at the top of every printed page (a table's header row).
    var printTitleRows: Int = 0

    init(name: String) {
        self.name = name
    }
}

/// One cell: what it holds and how it looks.
struct SheetCell {
    enum Content {
        case empty
        /// A number as exact decimal text (`97.66`, `-0.5`), written into `<v>` as it is, so
        /// that no binary floating point comes between the report's value and the file.
        case number(String)
        case text(String)
        case bool(Bool)
    }

    var content: Content
    var style: CellStyle

    init(_ content: Content, _ style: CellStyle = CellStyle()) {
        self.content = content
        self.style = style
    }

    static let empty = SheetCell(.empty)
}

/// How a cell looks; the writer turns each distinct one into an entry of `styles.xml`.
struct CellStyle: Hashable {
    enum Font: Int, Hashable, CaseIterable { case normal, bold, title, link }

    /// An Excel number format code (`#,##0.0`, `0.00%`, `dd/mm/yyyy`); `General` for none.
    var numberFormat = "General"
    var font = Font.normal
    /// A table's header: shaded, with a line under it.
    var isHeader = false
    var wraps = false

    static let header = CellStyle(font: .bold, isHeader: true, wraps: true)
}

/// `A`, `B`, ..., `Z`, `AA`, ... for a 1-based column number.
func columnLetters(_ column: Int) -> String {
    var number = column, letters = ""
    while number > 0 {
        let remainder = (number - 1) % 26
        letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
        number = (number - 1) / 26
    }
    return letters
}

/// A sheet name as formulas and defined names quote it: `'Kết nạp'`, a quote doubled.
func quotedSheetName(_ name: String) -> String {
    "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
}
