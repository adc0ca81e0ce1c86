/// Text for files that spreadsheets open (csv, tsv), kept from running as a formula.
public enum SpreadsheetText {
    /// Text that starts like a formula (`=`, `+`, `-`, `@`, their full-width forms `＝ ＋ － ＠`,
    /// or a tab or line break), after any spaces and invisible characters a spreadsheet skips
    /// (` `, U+3000, U+00A0, U+200B...), gets a leading `'`, which spreadsheets show as text
    /// (OWASP's advice for CSV injection). Text that is a plain number, such as `-12.5`, stays
    /// as it is.
    public static func neutralised(_ text: String) -> String {
        // Most text starts with a letter or digit, which no spreadsheet runs.
        if let first = text.utf8.first, first > 0x20, first < 0x80, !formulaBytes.contains(first) { return text }
        let significant = text.unicodeScalars.first { !$0.properties.isWhitespace && !Self.invisible.contains($0) }
        let startsLikeFormula = significant.map { Self.formulaStarts.contains($0) } ?? false
        let startsWithControl = text.unicodeScalars.first.map { ["\t", "\r", "\n"].contains($0) } ?? false
        guard startsLikeFormula || startsWithControl else { return text }
        if NumberReader.plain.read(text) != nil { return text }
        return "'" + text
    }

    private static let formulaBytes: [UInt8] = Array("=+-@".utf8)
    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]
    /// Characters that take no room, which a spreadsheet may skip before a formula.
    private static let invisible: Set<Unicode.Scalar> = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}"]
}
