/// Where a sheet's XML puts its rows and cells, checked: rows numbered from 1 to Excel's
/// 1,048,576, each after the one before; a cell's reference (`B7`) a column up to XFD in the
/// row it is written in, after the cell before. A damaged sheet that breaks this (a row 0, a
/// cell `A0`, a cell written twice) is an error naming the place, never a row dropped or a
/// column overwritten. Shared by the sheet scanner and the XMLParser path, so that both read
/// a sheet alike.
struct XLSXCellPlaces {
    static let lastRow = 1_048_576

    private let path: String
    private(set) var row = 0
    private var nextColumn = 1

    init(path: String) {
        self.path = path
    }

    /// A `<row>`, with its `r` attribute when it has one; its number.
    mutating func startRow<Bytes: Collection<UInt8>>(_ reference: Bytes?) throws -> Int {
        var number = row + 1
        if let reference {
            guard let given = Self.digits(reference[...]), given >= 1, given <= Self.lastRow else {
                throw XLSXWorkbook.Invalid(message: "\(path) numbers a row '\(String(decoding: reference, as: UTF8.self))'; rows are numbered 1 to \(Self.lastRow)")
            }
            number = given
        }
        guard number > row, number <= Self.lastRow else {
            throw XLSXWorkbook.Invalid(message: "\(path) has row \(number) after row \(row); rows come in order, each once")
        }
        row = number
        nextColumn = 1
        return number
    }

    /// A `<c>`, with its `r` attribute (`B7`) when it has one; its column.
    mutating func startCell<Bytes: Collection<UInt8>>(_ reference: Bytes?) throws -> Int {
        var column = nextColumn
        if let reference {
            let letters = reference.prefix { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
            guard let given = XLSXSheetReader.columnNumber(letters), let cellRow = Self.digits(reference.dropFirst(letters.count)),
                  cellRow == row
            else {
                throw XLSXWorkbook.Invalid(message: "\(path) has a cell '\(String(decoding: reference, as: UTF8.self))' in row \(row); a cell is named by its column (A to XFD) and its row")
            }
            column = given
        }
        guard column >= nextColumn, column <= 16_384 else {
            let name = XLSXSheetReader.columnLetters(column) + String(row)
            throw XLSXWorkbook.Invalid(message: "\(path) has cell \(name) after \(XLSXSheetReader.columnLetters(nextColumn - 1))\(row); cells come in order, each once")
        }
        nextColumn = column + 1
        return column
    }

    /// Plain decimal digits (at most 7: rows end at 1,048,576) as a number.
    private static func digits(_ bytes: some Collection<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 7 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
