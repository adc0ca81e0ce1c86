import Foundation
import ReportKit

/// What a sheet's cells mean: shared strings, which styles are dates, the date system, and how
/// a cell becomes a value of its column. A class, immutable: the closures that read a sheet
/// cell by cell capture it, and a struct of six fields was copied out of their context for
/// every cell (a fifth of the time of a large sheet, in retains and releases).
final class XLSXCells {
    /// What a workbook of either kind says of its cells.
    struct Meaning {
        var sharedStrings: XLSXSharedStrings
        /// Per cell format, whether it shows a date.
        var dateStyles: [Bool]
        var dates: XLSXWorkbook.DateSystem
    }

    private let sharedStrings: XLSXSharedStrings
    private let dateStyles: [Bool]
    private let dates: XLSXWorkbook.DateSystem
    private let reader: CellReader
    private let sheet: String
    private let file: String

    init(_ meaning: Meaning, reader: CellReader, sheet: String, file: String) {
        sharedStrings = meaning.sharedStrings
        dateStyles = meaning.dateStyles
        dates = meaning.dates
        self.reader = reader
        self.sheet = sheet
        self.file = file
    }

    private func date(serial: Double) -> CivilDate? { dates.date(serial: serial) }

    /// A serial's day and time of day (to the nearest second) at the wall clock of the recipe's
    /// time zone: a workbook has no zones.
    private func instant(serial: Double) -> Instant? {
        guard let day = date(serial: serial) else { return nil }
        let seconds = min(Instant.secondsPerDay - 1, Int(((serial - serial.rounded(.down)) * Double(Instant.secondsPerDay)).rounded()))
        return Instant(date: day, hour: seconds / 3600, minute: seconds % 3600 / 60, second: seconds % 60, in: reader.dateLocale.timeZone)
    }

    /// The cell's value in its column, or an error naming the cell.
    func value(of cell: XLSXSheetReader.Cell, in column: Column, pattern: DatePattern?) throws -> Value {
        if isNullMarker(cell) { return .null }
        guard let value = convert(cell, to: column.type, pattern: pattern) else {
            let place = XLSXSheetReader.columnLetters(cell.column) + String(cell.row)
            let text = text(of: cell)
            throw Diagnostic("cell \(place) of sheet '\(sheet)' holds '\(text)', which is not \(BadCell.phrase(column.type, hasFormat: pattern != nil)) (column '\(column.name)')"
                             + (isText(cell) ? BadCell.hint(for: text, type: column.type, hasFormat: pattern != nil, cells: reader) : ""),
                             at: SourceLocation(file: file, line: cell.row, column: cell.column))
        }
        return value
    }

    /// Whether the cell holds text (the hints about how text is read apply to it, not to a number).
    private func isText(_ cell: XLSXSheetReader.Cell) -> Bool {
        switch cell.content {
        case .text, .sharedText: return true
        default: return false
        }
    }

    /// Whether a text cell is one of the source's `null_values`.
    func isNullMarker(_ cell: XLSXSheetReader.Cell) -> Bool {
        guard !reader.nullValues.isEmpty else { return false }
        switch cell.content {
        case .text, .sharedText, .number: return reader.isNullMarker(Substring(text(of: cell)))
        default: return false
        }
    }

    /// Refuses a cell that points past what the workbook holds: a shared string or a style it
    /// does not have (a damaged file; read as an empty cell or a date as its serial number,
    /// the value would be wrong without a word).
    func check(_ cell: XLSXSheetReader.Cell) throws {
        let place = XLSXSheetReader.columnLetters(cell.column) + String(cell.row)
        let location = SourceLocation(file: file, line: cell.row, column: cell.column)
        if case .sharedText(let index) = cell.content, sharedStrings[index] == nil {
            throw Diagnostic("cell \(place) of sheet '\(sheet)' refers to shared string \(index), but the workbook has \(sharedStrings.count); the file is damaged",
                             at: location)
        }
        if cell.style != 0 || !dateStyles.isEmpty, !dateStyles.indices.contains(cell.style) {
            throw Diagnostic("cell \(place) of sheet '\(sheet)' has style \(cell.style), but the workbook defines \(dateStyles.count); the file is damaged",
                             at: location)
        }
    }

    private func isDate(_ cell: XLSXSheetReader.Cell) -> Bool {
        dateStyles.indices.contains(cell.style) && dateStyles[cell.style]
    }

    /// What a cell shows as text: a date as ISO, a number as stored.
    func text(of cell: XLSXSheetReader.Cell) -> String {
        switch cell.content {
        case .number(let digits):
            if isDate(cell), let date = Double(digits).flatMap(date(serial:)) { return date.description }
            return digits
        case .text(let text): return text
        case .sharedText(let index): return sharedStrings[index] ?? ""
        case .bool(let flag): return flag ? "true" : "false"
        case .error(let code): return code
        }
    }

    func kind(of cell: XLSXSheetReader.Cell) -> ColumnType {
        switch cell.content {
        case .number(let digits):
            // A date cell with a time of day (a fraction of a day) is a date-time.
            if isDate(cell) { return Double(digits).map { $0 != $0.rounded(.down) } == true ? .datetime : .date }
            return Int(digits) != nil ? .int : .decimal
        case .bool: return .bool
        default: return .string
        }
    }

    /// The one type that every kind of cell in a column fits: integers and decimals together
    /// are decimals; any other mix is text.
    static func type(of kinds: Set<ColumnType>) -> ColumnType {
        if kinds.isEmpty || kinds.contains(.string) || kinds.count > 2 { return .string }
        if kinds == [.int, .decimal] { return .decimal }
        if kinds == [.date, .datetime] { return .datetime }
        return kinds.count == 1 ? kinds.first! : .string
    }

    private func convert(_ cell: XLSXSheetReader.Cell, to type: ColumnType, pattern: DatePattern?) -> Value? {
        if case .error = cell.content { return nil }
        if case .number(let digits) = cell.content {
            switch type {
            case .int:
                if let value = Int(digits) { return .int(value) }
                // `1E+3`, or digits Excel wrote with a fraction of zero.
                guard let number = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")), number == number.rounded(0) else { return nil }
                return reader.read(Substring(number.description), as: .int)
            case .decimal:
                // The byte path reads plain digits exactly and fast; exponents (`1.5E-2`) need Foundation's reader.
                var text = digits
                if let value = text.withUTF8({ reader.read(bytes: $0, as: .decimal) }) { return value }
                return Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")).map(Value.decimal)
            case .date:
                return Double(digits).flatMap(date(serial:)).map(Value.date)
            case .datetime:
                return Double(digits).flatMap(instant(serial:)).map(Value.datetime)
            case .string:
                return .string(text(of: cell))
            default:
                break
            }
        }
        if case .bool(let flag) = cell.content, type == .bool || type == .string {
            return type == .bool ? .bool(flag) : .string(flag ? "true" : "false")
        }
        let text = text(of: cell)
        return type == .string ? .string(text) : reader.read(Substring(text), as: type, pattern: pattern)
    }
}
