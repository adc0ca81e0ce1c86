import Foundation
import ReportKit

/// Reads a worksheet's XML straight from its bytes: rows, cells and their values, the only
/// elements a sheet's data needs, with every tag checked to close in order. Written by hand
/// because Foundation's XMLParser spends most of a large sheet's time building an attribute
/// dictionary and calling its delegate for every element; this makes strings only for values.
/// Documents with a DTD or CDATA sections (any `<!` but a comment), which no spreadsheet
/// writes, go to XMLParser (see ``canScan(_:)``).
struct XLSXSheetScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let path: String
    private var index = 0
    /// Where the names of the open elements start and end in `bytes`, innermost last.
    private var open: [Range<Int>] = []
    private var places: XLSXCellPlaces
    private var cells: [XLSXSheetReader.Cell] = []
    private var current: (row: Int, column: Int, style: Int, type: String)?
    private var text: [UInt8] = []
    private var collecting = false

    /// Whether the scanner reads `data`; if not, XMLParser does.
    static func canScan(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            return markupStarts(UInt8(ascii: "!"), in: bytes).allSatisfy { $0 + 2 < bytes.count && bytes[$0 + 2] == UInt8(ascii: "-") }
        }
    }

    /// Where a `<` followed by `marker` stands in `bytes` (`<!` of comments, CDATA and DTDs,
    /// `<?` of processing instructions). Found by `memchr` on the marker, which is rare in a
    /// sheet: `Data.range(of:)` was slow enough to show in a profile.
    static func markupStarts(_ marker: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts: [Int] = [], from = 0
        while from < bytes.count, let found = memchr(bytes.baseAddress! + from, Int32(marker), bytes.count - from) {
            let at = bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if at > 0, bytes[at - 1] == UInt8(ascii: "<") { starts.append(at - 1) }
            from = at + 1
        }
        return starts
    }

    static func forEachRow(in data: Data, path: String, _ body: (_ row: Int, _ cells: [XLSXSheetReader.Cell]) throws -> Void) throws {
        try data.withUnsafeBytes { raw in
            var scanner = XLSXSheetScanner(bytes: raw.bindMemory(to: UInt8.self), path: path)
            try scanner.run(body)
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, path: String) {
        self.bytes = bytes
        self.path = path
        places = XLSXCellPlaces(path: path)
    }

    private mutating func run(_ body: (Int, [XLSXSheetReader.Cell]) throws -> Void) throws {
        var sawRoot = false
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
                if collecting {
                    let bytes = self.bytes
                    if let bad = Self.decode(start..<index, of: bytes, into: &text) { throw malformed(at: bad) }
                } else if open.isEmpty, !isSpace(start..<index) {
                    throw malformed(at: start)
                } else if let bad = Self.invalidEntity(in: start..<index, of: bytes) {
                    throw malformed(at: bad)
                }
                continue
            }
            guard index + 1 < bytes.count else { throw malformed(at: index) }
            switch bytes[index + 1] {
            case UInt8(ascii: "?"): try processingInstruction()
            case UInt8(ascii: "!"):
                guard starts(with: "<!--") else { throw malformed(at: index) }
                try skip(past: "-->")
            case UInt8(ascii: "/"):
                try endTag(body)
            default:
                if open.isEmpty, sawRoot { throw malformed(at: index) }
                sawRoot = true
                try startTag(body)
            }
        }
        guard open.isEmpty, sawRoot else { throw malformed(at: index) }
    }

    // MARK: Tags

    /// `<?target ...?>`; the XML declaration only first in the document, and well-formed.
    private mutating func processingInstruction() throws {
        let start = index
        index += 2
        let target = String(decoding: bytes[try readName()], as: UTF8.self).lowercased()
        guard starts(with: "?>") || (index < bytes.count && Self.isSpace(bytes[index])) else { throw malformed(at: start) }
        guard target.hasPrefix("xml") else { return try skip(past: "?>") }
        guard target == "xml" else { throw malformed(at: start) }
        guard start == 0 || (start == 3 && bytes.starts(with: [0xEF, 0xBB, 0xBF])) else { throw malformed(at: start) }
        var names: [String] = []
        while true {
            let hadSpace = index < bytes.count && Self.isSpace(bytes[index])
            skipSpace()
            if starts(with: "?>") {
                index += 2
                break
            }
            guard hadSpace else { throw malformed(at: index) }
            let attribute = try readAttribute()
            let name = String(decoding: bytes[attribute.name], as: UTF8.self), value = bytes[attribute.value]
            if name == "version" {
                guard value.count >= 3, value.starts(with: "1.".utf8), value.dropFirst(2).allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                    throw malformed(at: start)
                }
            }
            names.append(name)
        }
        // version first, then encoding and standalone, each at most once.
        let allowed = ["version", "encoding", "standalone"]
        guard names.first == "version", names.allSatisfy(allowed.contains), Set(names).count == names.count,
              names == names.sorted(by: { allowed.firstIndex(of: $0)! < allowed.firstIndex(of: $1)! })
        else { throw malformed(at: start) }
    }

    private mutating func startTag(_ body: (Int, [XLSXSheetReader.Cell]) throws -> Void) throws {
        index += 1
        let name = try readName()
        var attributes: [(name: Range<Int>, value: Range<Int>)] = []
        while true {
            skipSpace()
            guard index < bytes.count else { throw malformed(at: index) }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                open.append(name)
                try start(name, attributes)
                return
            }
            if bytes[index] == UInt8(ascii: "/") {
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") else { throw malformed(at: index) }
                index += 2
                try start(name, attributes)
                try end(name, body)
                return
            }
            attributes.append(try readAttribute())
            // Attributes are set apart by white space.
            guard index < bytes.count, Self.isSpace(bytes[index]) || bytes[index] == UInt8(ascii: ">") || bytes[index] == UInt8(ascii: "/") else {
                throw malformed(at: index)
            }
        }
    }

    private mutating func endTag(_ body: (Int, [XLSXSheetReader.Cell]) throws -> Void) throws {
        let tagStart = index
        index += 2
        let name = try readName()
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ">"), let opened = open.popLast(), opened.count == name.count,
              memcmp(bytes.baseAddress! + opened.lowerBound, bytes.baseAddress! + name.lowerBound, name.count) == 0
        else { throw malformed(at: tagStart) }
        index += 1
        try end(name, body)
    }

    /// `name="value"` (or with single quotes), read past: where its name and its value are.
    private mutating func readAttribute() throws -> (name: Range<Int>, value: Range<Int>) {
        let name = try readName()
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { throw malformed(at: index) }
        index += 1
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else { throw malformed(at: index) }
        let quote = bytes[index]
        let valueStart = index + 1
        index = valueStart
        while index < bytes.count, bytes[index] != quote {
            guard bytes[index] != UInt8(ascii: "<") else { throw malformed(at: index) }
            index += 1
        }
        guard index < bytes.count else { throw malformed(at: index) }
        if let bad = Self.invalidEntity(in: valueStart..<index, of: bytes) { throw malformed(at: bad) }
        index += 1
        return (name, valueStart..<index - 1)
    }

    /// The elements that matter, by their local name.
    private enum Element {
        case row, cell, text, other
    }

    private func element(_ name: Range<Int>) -> Element {
        let local = self.local(name)
        switch (local.count, bytes[local.lowerBound]) {
        case (1, UInt8(ascii: "c")): return .cell
        case (1, UInt8(ascii: "v")), (1, UInt8(ascii: "t")): return .text
        case (3, UInt8(ascii: "r")) where bytes[local.lowerBound + 1] == UInt8(ascii: "o") && bytes[local.lowerBound + 2] == UInt8(ascii: "w"):
            return .row
        default: return .other
        }
    }

    /// What XLSXSheetReader does at the start of an element.
    private mutating func start(_ name: Range<Int>, _ attributes: [(name: Range<Int>, value: Range<Int>)]) throws {
        /// The value of an attribute that matters: they have one-letter names, `r`, `s`, `t`.
        func attribute(_ letter: UInt8) -> Range<Int>? {
            attributes.first { let local = self.local($0.name); return local.count == 1 && bytes[local.lowerBound] == letter }?.value
        }
        switch element(name) {
        case .row:
            _ = try places.startRow(attribute(UInt8(ascii: "r")).map { bytes[$0] })
            cells.removeAll(keepingCapacity: true)
        case .cell:
            let column = try places.startCell(attribute(UInt8(ascii: "r")).map { bytes[$0] })
            let type = try attribute(UInt8(ascii: "t")).map(decoded) ?? "n"
            current = (places.row, column, try attribute(UInt8(ascii: "s")).map(style) ?? 0, type)
            text.removeAll(keepingCapacity: true)
        case .text:
            collecting = current != nil
        case .other:
            break
        }
    }

    /// What XLSXSheetReader does at the end of an element.
    private mutating func end(_ name: Range<Int>, _ body: (Int, [XLSXSheetReader.Cell]) throws -> Void) throws {
        switch element(name) {
        case .text:
            collecting = false
        case .row:
            if !cells.isEmpty { try body(places.row, cells) }
        case .cell:
            guard let cell = current else { return }
            current = nil
            guard let value = text.withUnsafeBufferPointer(CellReader.text) else { throw malformed(at: index) }
            if let content = XLSXSheetReader.content(of: value, type: cell.type) {
                cells.append(XLSXSheetReader.Cell(row: cell.row, column: cell.column, style: cell.style, content: content))
            }
        case .other:
            break
        }
    }

    // MARK: Bytes

    /// An XML name at the cursor (letters, digits and `_:.-`, and any byte of a non-ASCII
    /// character), read past.
    private mutating func readName() throws -> Range<Int> {
        let start = index
        // A name starts with a letter, `_` or `:`.
        guard index < bytes.count, bytes[index] >= 0x80 || bytes[index] == UInt8(ascii: "_") || bytes[index] == UInt8(ascii: ":")
                || (bytes[index] | 0x20 >= UInt8(ascii: "a") && bytes[index] | 0x20 <= UInt8(ascii: "z"))
        else { throw malformed(at: index) }
        while index < bytes.count {
            let byte = bytes[index]
            let isNameByte = byte >= 0x80 || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            guard isNameByte else { break }
            index += 1
        }
        guard index > start else { throw malformed(at: start) }
        return start..<index
    }

    /// The digits of an attribute (`r="12"`, `s="3"`) as a number; `nil` for anything else.
    private func number(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var value = 0
        for byte in bytes[range] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// A cell's style (`s="3"`), an index into the workbook's cell formats.
    private func style(_ range: Range<Int>) throws -> Int {
        guard let style = number(range), style < 65_536 else {
            throw XLSXWorkbook.Invalid(message: "\(path) gives a cell the style '\(String(decoding: bytes[range], as: UTF8.self))', which is not a style number")
        }
        return style
    }

    /// A name without its namespace prefix: `row` of `x:row`.
    private func local(_ name: Range<Int>) -> Range<Int> {
        var start = name.upperBound
        while start > name.lowerBound, bytes[start - 1] != UInt8(ascii: ":") { start -= 1 }
        return start..<name.upperBound
    }

    /// Appends the text of `range` to `text`, entities decoded; the offset of an entity that
    /// is not one, if any.
    private static func decode(_ range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>, into text: inout [UInt8]) -> Int? {
        var position = range.lowerBound
        while position < range.upperBound {
            guard let ampersand = bytes[position..<range.upperBound].firstIndex(of: UInt8(ascii: "&")) else {
                text.append(contentsOf: bytes[position..<range.upperBound])
                return nil
            }
            text.append(contentsOf: bytes[position..<ampersand])
            guard let semicolon = bytes[ampersand..<range.upperBound].firstIndex(of: UInt8(ascii: ";")),
                  let character = entity(bytes[(ampersand + 1)..<semicolon])
            else { return ampersand }
            text.append(contentsOf: character.utf8)
            position = semicolon + 1
        }
        return nil
    }

    /// Where text that is not kept has an `&` that starts no entity, if it has one.
    private static func invalidEntity(in range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes[range].contains(UInt8(ascii: "&")) else { return nil }
        var ignored: [UInt8] = []
        return decode(range, of: bytes, into: &ignored)
    }

    /// An attribute's value, entities decoded.
    private func decoded(_ range: Range<Int>) throws -> String {
        var value: [UInt8] = []
        if let bad = Self.decode(range, of: bytes, into: &value) { throw malformed(at: bad) }
        guard let text = value.withUnsafeBufferPointer(CellReader.text) else { throw malformed(at: range.lowerBound) }
        return text
    }

    /// `lt`, `#233`, `#x1F600`: the five predefined entities and character references.
    private static func entity(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        let text = String(decoding: name, as: UTF8.self)
        switch text {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard text.hasPrefix("#") else { return nil }
            let code = text.hasPrefix("#x") ? UInt32(text.dropFirst(2), radix: 16) : UInt32(text.dropFirst(), radix: 10)
            return code.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private mutating func skipSpace() {
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
    }

    private func isSpace(_ range: Range<Int>) -> Bool {
        bytes[range].allSatisfy(Self.isSpace)
    }

    private func starts(with prefix: String) -> Bool {
        bytes[index...].starts(with: prefix.utf8)
    }

    private mutating func skip(past terminator: String) throws {
        let pattern = Array(terminator.utf8)
        let start = index
        while index + pattern.count <= bytes.count {
            if bytes[index..<index + pattern.count].elementsEqual(pattern) {
                index += pattern.count
                return
            }
            index += 1
        }
        throw malformed(at: start)
    }

    private func malformed(at offset: Int) -> XLSXWorkbook.Invalid {
        let line = bytes[..<min(offset, bytes.count)].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        return XLSXWorkbook.Invalid(message: "\(path) is not well-formed XML (line \(line))")
    }
}
