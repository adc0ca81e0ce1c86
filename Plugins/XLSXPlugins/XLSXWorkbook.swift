import Foundation
import FoundationXML
import ReportKit
import ZIPFoundation

/// The parts of an .xlsx file (a zip of XML documents) that a source needs: the sheets' names
/// and files, the shared strings, which cell styles are dates, and the date system. Written
/// on Foundation's XML parser: the few parts we read have a fixed, simple structure.
struct XLSXWorkbook {
    struct Sheet {
        var name: String
        var path: String
    }

    struct Invalid: Error {
        var message: String
    }

    private let archive: Archive
    private(set) var sheets: [Sheet] = []
    private(set) var sharedStrings = XLSXSharedStrings()
    /// Per cell style (`s` attribute), whether its number format shows a date.
    private(set) var dateStyles: [Bool] = []
    /// Whether serial 0 is 1904-01-01 (old Mac workbooks) rather than 1899-12-30.
    private(set) var uses1904Dates = false

    /// Parts unpacking to more than `largestPart` bytes are refused (see ``defaultLargestPart``).
    init(url: URL, largestPart: UInt64 = Self.defaultLargestPart) throws {
        self.largestPart = largestPart
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw Invalid(message: "it is not a zip archive, as an .xlsx file is (\(error))")
        }
        let workbook = try document("xl/workbook.xml", required: true)
        let relations = try document("xl/_rels/workbook.xml.rels", required: true)
        var targets: [String: String] = [:]
        for element in relations.elements where element.name == "Relationship" {
            if let id = element.attributes["Id"], let target = element.attributes["Target"] { targets[id] = target }
        }
        for element in workbook.elements {
            if element.name == "workbookPr" { uses1904Dates = ["1", "true"].contains(element.attributes["date1904"] ?? "") }
            guard element.name == "sheet", let name = element.attributes["name"],
                  let id = element.attributes["r:id"] ?? element.attributes.first(where: { $0.key.hasSuffix(":id") })?.value,
                  let target = targets[id]
            else { continue }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            sheets.append(Sheet(name: name, path: path))
        }
        // Both are optional, but one that is there and broken would make every text empty or
        // every date a number: an error, not a silent default.
        sharedStrings = try document("xl/sharedStrings.xml", required: false, keepingElements: false).sharedStrings
        dateStyles = Self.dateStyles(try document("xl/styles.xml", required: false))
    }

    /// Whether the file starts as a Compound File (OLE2) does: the container of `.xls`.
    static func isLegacyWorkbook(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 8)).map(Array.init) == XLSCompoundFile.signature
    }

    /// Parts larger than this are refused: a sheet of a million cells is far smaller, and a
    /// "zip bomb" must not exhaust memory.
    static let defaultLargestPart: UInt64 = 512 << 20
    private let largestPart: UInt64

    /// The bytes of one part of the archive.
    func data(_ path: String) throws -> Data {
        guard let entry = archive[path] else { throw Invalid(message: "it has no \(path)") }
        guard entry.uncompressedSize <= largestPart else {
            throw Invalid(message: "\(path) would unpack to \(entry.uncompressedSize >> 20) MiB, more than the \(largestPart >> 20) MiB allowed")
        }
        // The size in the zip's header may lie (a 1.5 MB file declaring 1 MB that inflates to
        // 1.5 GB): what is actually inflated is counted, and stopped at the limit.
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard data.count + chunk.count <= largestPart else { throw Invalid(message: "") }
                data.append(chunk)
            }
        } catch let invalid as Invalid where invalid.message.isEmpty {
            throw Invalid(message: "\(path) unpacks to more than the \(largestPart >> 20) MiB allowed (its zip header says \(entry.uncompressedSize >> 20) MiB)")
        } catch {
            throw Invalid(message: "\(path) cannot be read (\(error))")
        }
        return data
    }

    /// One part of the archive, parsed.
    func document(_ path: String, required: Bool, keepingElements: Bool = true) throws -> XMLDocumentReader {
        guard archive[path] != nil else {
            if required { throw Invalid(message: "it has no \(path), which every workbook has") }
            return XMLDocumentReader(keepingElements: keepingElements)
        }
        let data = try data(path)
        let reader = XMLDocumentReader(keepingElements: keepingElements)
        // A stream: fed whole, libxml2 refuses a part written on one line longer than its
        // lookahead limit (10 MB), as large shared-string tables are.
        try Self.checkForXMLParser(data, path: path)
        let parser = XMLParser(stream: InputStream(data: data))
        parser.delegate = reader
        guard parser.parse() else {
            throw Invalid(message: "\(path) is not well-formed XML (line \(parser.lineNumber))")
        }
        return reader
    }

    /// Refuses what Foundation's XML parser crashes on: a processing instruction past the XML
    /// declaration (`<?p?>`, which no spreadsheet writes), and bytes that are not UTF-8 (a
    /// 0xFF in an element name; every spreadsheet writes its parts in UTF-8).
    static func checkForXMLParser(_ data: Data, path: String) throws {
        if let bad = data.withUnsafeBytes({ UTF8Validation.firstInvalidByte(in: $0.bindMemory(to: UInt8.self)) }) {
            throw Invalid(message: "\(path) is not UTF-8 (byte 0x\(String(data[data.startIndex + bad], radix: 16, uppercase: true)) at offset \(bad))")
        }
        let instructions = data.withUnsafeBytes { XLSXSheetScanner.markupStarts(UInt8(ascii: "?"), in: $0.bindMemory(to: UInt8.self)) }
        let declaration = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if instructions.contains(where: { $0 != declaration }) {
            throw Invalid(message: "\(path) holds a processing instruction (<?...?>), which no spreadsheet writes")
        }
    }

    /// Built-in date formats (ECMA-376 18.8.30) and custom ones whose code has a day, month
    /// or year outside quotes and brackets.
    private static func dateStyles(_ styles: XMLDocumentReader) -> [Bool] {
        var custom: [Int: Bool] = [:]
        for element in styles.elements where element.name == "numFmt" {
            guard let id = element.attributes["numFmtId"].flatMap(Int.init), let code = element.attributes["formatCode"] else { continue }
            custom[id] = isDateFormat(code)
        }
        return styles.cellFormats.map { id in custom[id] ?? builtInDateFormats.contains(id) }
    }

    /// The built-in number formats that show dates (and times).
    static let builtInDateFormats = Set(Array(14...17) + [22] + Array(27...36) + Array(50...58))

    /// Whether a format code shows a date: a day, month or year outside quotes and brackets.
    static func isDateFormat(_ code: String) -> Bool {
        var plain = "", skipping: Character?
        for character in code {
            if let end = skipping { if character == end { skipping = nil }; continue }
            if character == "\"" { skipping = "\"" } else if character == "[" { skipping = "]" } else { plain.append(character) }
        }
        return plain.lowercased().contains { "dy".contains($0) }
    }

    /// How serial numbers count days: from 1900 (with Excel's 29 February 1900) or from 1904.
    struct DateSystem {
        var uses1904Dates: Bool

        /// The date an Excel serial number stands for; `nil` for one that is no date Excel
        /// shows (negative, past 9999-12-31, not finite), never a trap converting to `Int`.
        func date(serial: Double) -> CivilDate? {
            guard serial.isFinite, serial >= 0, serial < 3_000_000 else { return nil }
            let days = Int(serial.rounded(.down))
            if uses1904Dates { return CivilDate(year: 1904, month: 1, day: 1)!.adding(days: days) }
            // Excel counts a 29 February 1900 that never was; serials before it are one day off.
            let epoch = CivilDate(year: 1899, month: 12, day: days < 61 ? 31 : 30)!
            return epoch.adding(days: days)
        }
    }

    var dateSystem: DateSystem { DateSystem(uses1904Dates: uses1904Dates) }
}

/// The elements of a small XML part with their attributes, and the texts that shared strings
/// and cell formats need.
final class XMLDocumentReader: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
    }

    /// Every element, for the small parts (the workbook, its relations, the styles); not for
    /// the shared strings, whose elements can number millions.
    private(set) var elements: [Element] = []
    private let keepsElements: Bool
    private(set) var sharedStrings = XLSXSharedStrings()
    private(set) var cellFormats: [Int] = []
    private var inCellFormats = false
    private var currentString: String?
    private var inText = false
    /// Phonetic runs (`rPh`) hold readings of East Asian text, not the text itself.
    private var inPhonetic = false

    init(keepingElements: Bool) {
        keepsElements = keepingElements
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if keepsElements { elements.append(Element(name: name, attributes: attributes)) }
        switch name {
        case "si": currentString = ""
        case "t": inText = currentString != nil && !inPhonetic
        case "rPh": inPhonetic = true
        case "cellXfs": inCellFormats = true
        case "xf" where inCellFormats: cellFormats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { currentString? += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "si":
            sharedStrings.append(currentString ?? "")
            currentString = nil
        case "t": inText = false
        case "rPh": inPhonetic = false
        case "cellXfs": inCellFormats = false
        default: break
        }
    }
}
