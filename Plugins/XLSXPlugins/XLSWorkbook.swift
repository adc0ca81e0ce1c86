import Foundation

/// An Excel 97-2003 workbook (.xls, BIFF8 [MS-XLS]): its sheets, shared strings, which cell
/// formats are dates, and each sheet's cells as the xlsx reader gives them, so that one source
/// reads both. Written by hand: no library on the mirror reads BIFF. Only the records a sheet's
/// values need are read; any other is skipped by its length.
struct XLSWorkbook {
    private let stream: [UInt8]
    private(set) var sheets: [(name: String, offset: Int)] = []
    private(set) var sharedStrings = XLSXSharedStrings()
    private(set) var dateStyles: [Bool] = []
    private(set) var uses1904Dates = false

    /// A record: its type and where its data lies in the stream.
    private struct Record {
        var type: UInt16
        var data: Range<Int>
    }

    init(bytes: [UInt8]) throws {
        let file = try XLSCompoundFile(bytes: bytes)
        guard let stream = try file.stream(named: ["Workbook", "Book"]) else {
            throw XLSXWorkbook.Invalid(message: "it has no Workbook stream")
        }
        self.stream = stream
        var formats: [Int: Bool] = [:], cellFormats: [Int] = []
        var records = try self.records(from: 0)
        // BIFF8 (Excel 97-2003) starts with a BOF record of version 0x0600; Excel 5/95 wrote
        // BIFF5, whose strings are in the system's code page.
        guard let bof = records.first, bof.type == 0x0809, XLSCompoundFile.u16(Array(stream[bof.data]), 0) == 0x0600 else {
            throw XLSXWorkbook.Invalid(message: "it is an Excel 5/95 workbook or older, which reportgen does not read; open it in Excel or LibreOffice and save it as .xlsx")
        }
        var index = 0
        while index < records.count {
            let record = records[index]
            let data = Array(stream[record.data])
            switch record.type {
            case 0x0085:  // BoundSheet8: where a sheet starts, its kind, its name
                if data.count >= 8, data[5] == 0 {
                    var reader = ContinuedText(data: data, boundaries: [], position: 6)
                    sheets.append((try reader.shortString(), Int(XLSCompoundFile.u32(data, 0))))
                }
            case 0x0022:  // Date1904
                uses1904Dates = XLSCompoundFile.u16(data, 0) == 1
            case 0x041E:  // Format
                var reader = ContinuedText(data: data, boundaries: [], position: 2)
                formats[Int(XLSCompoundFile.u16(data, 0))] = XLSXWorkbook.isDateFormat(try reader.string())
            case 0x00E0:  // XF: its number format
                cellFormats.append(Int(XLSCompoundFile.u16(data, 2)))
            case 0x00FC:  // SST, its text continued in the Continue records that follow
                var joined = data, boundaries: [Int] = []
                while index + 1 < records.count, records[index + 1].type == 0x003C {
                    index += 1
                    boundaries.append(joined.count)
                    joined += stream[records[index].data]
                }
                var reader = ContinuedText(data: joined, boundaries: boundaries, position: 8)
                let count = Int(XLSCompoundFile.u32(data, 4))
                sharedStrings.reserveCapacity(min(count, 1 << 20))
                for _ in 0..<count { sharedStrings.append(try reader.string()) }
            case 0x002F:  // FilePass: the workbook is encrypted
                throw XLSXWorkbook.Invalid(message: "it is protected by a password; save a copy without one")
            case 0x000A:  // EOF of the globals
                index = records.count
            default:
                break
            }
            index += 1
        }
        records.removeAll()
        dateStyles = cellFormats.map { formats[$0] ?? XLSXWorkbook.builtInDateFormats.contains($0) }
    }

    /// The cells of sheet `offset` grouped by row, rows in order (a sheet of an .xls has at
    /// most 65,536 rows of 256 cells, so they are held).
    func rows(ofSheetAt offset: Int) throws -> [(row: Int, cells: [XLSXSheetReader.Cell])] {
        var cells: [XLSXSheetReader.Cell] = []
        let records = try self.records(from: offset)
        sheet: for (index, record) in records.enumerated() {
            let data = Array(stream[record.data])
            let row = Int(XLSCompoundFile.u16(data, 0)) + 1, column = Int(XLSCompoundFile.u16(data, 2)) + 1
            let style = Int(XLSCompoundFile.u16(data, 4))
            func add(_ content: XLSXSheetReader.Content, column: Int = column, style: Int = style) {
                cells.append(XLSXSheetReader.Cell(row: row, column: column, style: style, content: content))
            }
            switch record.type {
            case 0x00FD:  // LabelSst
                add(.sharedText(Int(XLSCompoundFile.u32(data, 6))))
            case 0x0204:  // Label
                var reader = ContinuedText(data: data, boundaries: [], position: 6)
                add(.text(try reader.string()))
            case 0x0203:  // Number
                add(.number(Self.digits(Self.double(data, 6))))
            case 0x027E:  // RK
                add(.number(Self.rk(XLSCompoundFile.u32(data, 6))))
            case 0x00BD:  // MulRk: several RK cells of one row
                let count = (data.count - 6) / 6
                for item in 0..<max(0, count) {
                    let at = 4 + 6 * item
                    add(.number(Self.rk(XLSCompoundFile.u32(data, at + 2))), column: column + item, style: Int(XLSCompoundFile.u16(data, at)))
                }
            case 0x0205:  // BoolErr
                guard data.count >= 8 else { break }
                add(data[7] == 0 ? .bool(data[6] != 0) : .error(Self.errorText(data[6])))
            case 0x0006:  // Formula: its cached value
                guard data.count >= 14 else { break }
                if data[12] == 0xFF, data[13] == 0xFF {
                    switch data[6] {
                    case 0:  // a text, in the String record that follows
                        if index + 1 < records.count, records[index + 1].type == 0x0207 {
                            var reader = ContinuedText(data: Array(stream[records[index + 1].data]), boundaries: [], position: 0)
                            add(.text(try reader.string()))
                        }
                    case 1: add(.bool(data[8] != 0))
                    case 2: add(.error(Self.errorText(data[8])))
                    default: break
                    }
                } else {
                    add(.number(Self.digits(Self.double(data, 6))))
                }
            case 0x000A:  // EOF of the sheet
                break sheet
            default:
                break
            }
        }
        let ordered = cells.enumerated().sorted { ($0.element.row, $0.element.column, $0.offset) < ($1.element.row, $1.element.column, $1.offset) }
        var rows: [(row: Int, cells: [XLSXSheetReader.Cell])] = []
        for (_, cell) in ordered {
            if rows.last?.row == cell.row { rows[rows.count - 1].cells.append(cell) } else { rows.append((cell.row, [cell])) }
        }
        return rows
    }

    /// The records from `offset` to the end of the stream, each checked to lie inside it.
    private func records(from offset: Int) throws -> [Record] {
        var records: [Record] = [], position = offset
        while position + 4 <= stream.count {
            let type = XLSCompoundFile.u16(stream, position), length = Int(XLSCompoundFile.u16(stream, position + 2))
            guard position + 4 + length <= stream.count else { throw XLSXWorkbook.Invalid(message: "a record runs past the end of the Workbook stream") }
            records.append(Record(type: type, data: position + 4..<position + 4 + length))
            position += 4 + length
        }
        return records
    }

    private static func double(_ data: [UInt8], _ at: Int) -> Double {
        Double(bitPattern: UInt64(XLSCompoundFile.u32(data, at)) | UInt64(XLSCompoundFile.u32(data, at + 4)) << 32)
    }

    /// An RK number: 30 bits of an integer or of a double's high bits, maybe divided by 100.
    private static func rk(_ value: UInt32) -> String {
        let divided = value & 1 == 1
        if value & 2 == 2 {
            let integer = Int(Int32(bitPattern: value) >> 2)
            return divided ? digits(Double(integer) / 100) : String(integer)
        }
        let number = Double(bitPattern: UInt64(value & 0xFFFF_FFFC) << 32)
        return digits(divided ? number / 100 : number)
    }

    /// A double as the shortest digits that read back as it, as an .xlsx stores numbers;
    /// whole numbers without a fraction.
    static func digits(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }

    private static func errorText(_ code: UInt8) -> String {
        [0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A"][code] ?? "#ERROR"
    }
}

/// Reads BIFF8 strings from record data that may go on in Continue records: at each boundary a
/// string's characters resume after a new flags byte, which says whether they are one byte or
/// two.
private struct ContinuedText {
    let data: [UInt8]
    /// Where each Continue record's data starts in `data`, in order.
    let boundaries: [Int]
    var position: Int
    /// The first boundary not yet passed.
    private var upcoming = 0

    init(data: [UInt8], boundaries: [Int], position: Int) {
        self.data = data
        self.boundaries = boundaries
        self.position = position
    }

    /// Whether the cursor stands where a Continue record starts.
    private mutating func atBoundary() -> Bool {
        while upcoming < boundaries.count, boundaries[upcoming] < position { upcoming += 1 }
        return upcoming < boundaries.count && boundaries[upcoming] == position
    }

    /// An XLUnicodeRichExtendedString (SST) or XLUnicodeString: a 16-bit count, flags,
    /// optional rich-text runs and phonetic data, which are skipped.
    mutating func string() throws -> String {
        let count = Int(try u16())
        return try characters(count, flags: try byte())
    }

    /// A ShortXLUnicodeString: an 8-bit count.
    mutating func shortString() throws -> String {
        let count = Int(try byte())
        return try characters(count, flags: try byte())
    }

    private mutating func characters(_ count: Int, flags: UInt8) throws -> String {
        let runs = flags & 0x08 != 0 ? Int(try u16()) : 0
        let phonetic = flags & 0x04 != 0 ? Int(try u32()) : 0
        var wide = flags & 0x01 != 0
        var units: [UInt16] = []
        units.reserveCapacity(count)
        while units.count < count {
            if atBoundary() {
                // A string cut by a Continue record: its flags byte says the width of the rest.
                wide = try byte() & 0x01 != 0
            }
            units.append(wide ? try u16() : UInt16(try byte()))
        }
        try skip(4 * runs + phonetic)
        return String(decoding: units, as: UTF16.self)
    }

    private mutating func byte() throws -> UInt8 {
        guard position < data.count else { throw XLSXWorkbook.Invalid(message: "a string runs past the end of its record") }
        defer { position += 1 }
        return data[position]
    }

    private mutating func u16() throws -> UInt16 {
        UInt16(try byte()) | UInt16(try byte()) << 8
    }

    private mutating func u32() throws -> UInt32 {
        UInt32(try u16()) | UInt32(try u16()) << 16
    }

    private mutating func skip(_ count: Int) throws {
        guard position + count <= data.count else { throw XLSXWorkbook.Invalid(message: "a string runs past the end of its record") }
        position += count
    }
}
