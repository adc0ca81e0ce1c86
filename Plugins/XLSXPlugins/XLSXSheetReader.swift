import Foundation
import FoundationXML

/// The cells of one worksheet, handed out one row at a time as the sheet's XML holds them, so
/// that no more than a row of cells is kept.
final class XLSXSheetReader: NSObject, XMLParserDelegate {
    enum Content {
        case number(String)
        case text(String)
        case sharedText(Int)
        case bool(Bool)
        case error(String)
    }

    struct Cell {
        var row: Int
        var column: Int
        var style: Int
        var content: Content
    }

    /// Reads the sheet's XML, calling `body` with the number and the cells of each row that
    /// has any.
    static func forEachRow(in data: Data, path: String, _ body: @escaping (_ row: Int, _ cells: [Cell]) throws -> Void) throws {
        if XLSXSheetScanner.canScan(data) { return try XLSXSheetScanner.forEachRow(in: data, path: path, body) }
        try forEachRowParsing(data, path: path, body)
    }

    /// The same rows through Foundation's XML parser: for sheets the scanner leaves to it.
    static func forEachRowParsing(_ data: Data, path: String, _ body: @escaping (_ row: Int, _ cells: [Cell]) throws -> Void) throws {
        let reader = XLSXSheetReader(body, path: path)
        // A stream, not `XMLParser(data:)`: fed whole, libxml2 refuses a sheet written on one
        // line longer than its lookahead limit (10 MB), as openpyxl writes them.
        try XLSXWorkbook.checkForXMLParser(data, path: path)
        let parser = XMLParser(stream: InputStream(data: data))
        parser.delegate = reader
        let parsed = parser.parse()
        if let failure = reader.failure { throw failure }
        guard parsed else {
            throw XLSXWorkbook.Invalid(message: "\(path) is not well-formed XML (line \(parser.lineNumber))")
        }
    }

    private let body: (Int, [Cell]) throws -> Void
    private var failure: (any Error)?
    private var cells: [Cell] = []
    private var current: (row: Int, column: Int, style: Int, type: String)?
    private var places: XLSXCellPlaces
    private let path: String
    private var text = ""
    private var collecting = false

    private init(_ body: @escaping (Int, [Cell]) throws -> Void, path: String) {
        self.body = body
        self.path = path
        places = XLSXCellPlaces(path: path)
    }

    /// Stops the parser at the first error, kept for ``forEachRowParsing(_:path:_:)``.
    private func stop(_ parser: XMLParser, _ error: any Error) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch Self.local(name) {
        case "row":
            guard failure == nil else { return }
            do { _ = try places.startRow(attributes["r"].map { Array($0.utf8) }) } catch { stop(parser, error) }
            cells.removeAll(keepingCapacity: true)
        case "c":
            guard failure == nil else { return }
            do {
                let column = try places.startCell(attributes["r"].map { Array($0.utf8) })
                let style = try attributes["s"].map { text in
                    guard let style = Int(text), style >= 0, style < 65_536 else {
                        throw XLSXWorkbook.Invalid(message: "\(path) gives a cell the style '\(text)', which is not a style number")
                    }
                    return style
                }
                current = (places.row, column, style ?? 0, attributes["t"] ?? "n")
            } catch { stop(parser, error) }
            text = ""
        case "v", "t":
            collecting = current != nil
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch Self.local(name) {
        case "v", "t": collecting = false
        case "row":
            guard !cells.isEmpty, failure == nil else { return }
            do { try body(places.row, cells) } catch { stop(parser, error) }
        case "c":
            guard let cell = current else { return }
            current = nil
            if let content = Self.content(of: text, type: cell.type) {
                cells.append(Cell(row: cell.row, column: cell.column, style: cell.style, content: content))
            }
        default: break
        }
    }

    /// A cell's value by its type attribute `t`; `nil` for an empty number.
    static func content(of text: String, type: String) -> Content? {
        switch type {
        case "s": return Int(text).map(Content.sharedText)
        case "str", "inlineStr": return .text(text)
        case "b": return .bool(text == "1")
        case "e": return .error(text)
        default: return text.isEmpty ? nil : .number(text)
        }
    }

    /// `row` of `x:row`: some writers prefix every element.
    private static func local(_ name: String) -> Substring {
        name.split(separator: ":").last ?? Substring(name)
    }

    /// `B7` -> 2; `nil` past Excel's last column, XFD (16,384).
    static func columnNumber(_ reference: String) -> Int? {
        columnNumber(reference.utf8)
    }

    /// The letters a cell reference starts with, as bytes (the sheet scanner's form).
    static func columnNumber(_ reference: some Sequence<UInt8>) -> Int? {
        var number = 0
        for byte in reference {
            guard byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") else { break }
            number = number * 26 + Int(byte - 64)
            if number > 16_384 { return nil }
        }
        return number > 0 ? number : nil
    }

    /// 2 -> `B`.
    static func columnLetters(_ number: Int) -> String {
        var letters = "", value = number
        while value > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (value - 1) % 26))) + letters
            value = (value - 1) / 26
        }
        return letters
    }
}
