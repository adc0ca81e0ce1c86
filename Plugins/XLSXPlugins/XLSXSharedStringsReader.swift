import ReportKit

/// Reads `xl/sharedStrings.xml` as it is inflated, a chunk at a time, into
/// ``XLSXSharedStrings``: the part itself is never held (Foundation's XML parser needs it
/// whole, and a 500 MiB part then took gigabytes). Written by hand for that reason; what it
/// reads is small: each `<si>` is a string, the text of its `<t>` elements (in runs `<r>` or
/// not), leaving out phonetic readings (`<rPh>`). Tags must close in order; entities are the
/// five of XML and character references; a DTD, which no spreadsheet writes, is refused.
struct XLSXSharedStringsReader {
    struct Malformed: Error {
        var message: String
    }

    private(set) var strings = XLSXSharedStrings()
    /// The bytes of a tag, an entity or a comment that the last chunk cut.
    private var pending: [UInt8] = []
    /// Local names of the open elements.
    private var open: [[UInt8]] = []
    private var current: [UInt8]?
    private var collecting = false
    private var phonetic = 0
    private var sawRoot = false
    /// Bytes read so far, for messages.
    private var offset = 0

    /// A reader of a part that says it is `size` bytes (a claim, used only to reserve room:
    /// the text of its strings is shorter, and each takes at least `<si></si>`).
    init(declaredSize size: Int = 0) {
        strings.reserveCapacity(bytes: size, count: size / 9)
    }

    mutating func consume(_ chunk: UnsafeRawBufferPointer) throws {
        var bytes = pending
        bytes.append(contentsOf: chunk)
        pending = []
        try bytes.withUnsafeBufferPointer { try scan($0) }
    }

    /// Checks that the document ended whole, and hands out its strings.
    func finish() throws -> XLSXSharedStrings {
        guard pending.allSatisfy(Self.isSpace), open.isEmpty, sawRoot else {
            throw Malformed(message: "it ends inside an element")
        }
        return strings
    }

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        var index = 0
        defer { offset += index }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                // Text up to the next tag; an entity cut by the chunk's end waits for the next.
                var end = index
                while end < bytes.count, bytes[end] != UInt8(ascii: "<") { end += 1 }
                var usable = end
                if end == bytes.count, let ampersand = bytes[index..<end].lastIndex(of: UInt8(ascii: "&")),
                   !bytes[ampersand..<end].contains(UInt8(ascii: ";")) {
                    usable = ampersand
                }
                try text(index..<usable, of: bytes)
                index = usable
                if usable < end {
                    pending = Array(bytes[usable..<end])
                    index = end
                }
                continue
            }
            guard let end = markupEnd(from: index, in: bytes) else {
                // Markup is short; one that goes on for a megabyte is no spreadsheet's.
                guard bytes.count - index <= 1 << 20 else { throw Malformed(message: "a tag longer than 1 MiB at byte \(offset + index)") }
                pending = Array(bytes[index...])
                index = bytes.count
                return
            }
            try markup(index..<end, of: bytes)
            index = end
        }
    }

    /// Where the markup at `start` (a tag, a comment, a declaration) ends, past its `>`; `nil`
    /// when the chunk ends first.
    private func markupEnd(from start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let rest = bytes[start...]
        let terminator: [UInt8] = rest.starts(with: "<!--".utf8) ? Array("-->".utf8) : rest.starts(with: "<?".utf8) ? Array("?>".utf8) : [UInt8(ascii: ">")]
        var index = start + 1
        while index + terminator.count <= bytes.count {
            if bytes[index] == terminator[0], terminator.count == 1 || bytes[index..<index + terminator.count].elementsEqual(terminator) {
                return index + terminator.count
            }
            index += 1
        }
        return nil
    }

    private mutating func markup(_ range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>) throws {
        let tag = bytes[range]
        if tag.starts(with: "<!--".utf8) || tag.starts(with: "<?".utf8) { return }
        if tag.starts(with: "<!".utf8) { throw Malformed(message: "it holds a DTD or CDATA (at byte \(offset + range.lowerBound)), which no spreadsheet writes") }
        let closing = tag.dropFirst().first == UInt8(ascii: "/")
        let nameStart = range.lowerBound + (closing ? 2 : 1)
        var nameEnd = nameStart
        while nameEnd < range.upperBound - 1, !Self.isSpace(bytes[nameEnd]), bytes[nameEnd] != UInt8(ascii: "/"), bytes[nameEnd] != UInt8(ascii: ">") {
            nameEnd += 1
        }
        guard nameEnd > nameStart else { throw Malformed(message: "a tag without a name at byte \(offset + range.lowerBound)") }
        var name = Array(bytes[nameStart..<nameEnd])
        if let colon = name.lastIndex(of: UInt8(ascii: ":")) { name = Array(name[(colon + 1)...]) }
        let selfClosing = !closing && range.count >= 2 && bytes[range.upperBound - 2] == UInt8(ascii: "/")
        if closing {
            guard open.popLast() == name else { throw Malformed(message: "a closing tag at byte \(offset + range.lowerBound) closes no element it matches") }
            try end(name)
        } else {
            if open.isEmpty {
                guard !sawRoot else { throw Malformed(message: "a second root element at byte \(offset + range.lowerBound)") }
                sawRoot = true
            }
            guard open.count < 100 else { throw Malformed(message: "elements nest more than 100 deep at byte \(offset + range.lowerBound)") }
            open.append(name)
            start(name)
            if selfClosing {
                open.removeLast()
                try end(name)
            }
        }
    }

    private mutating func start(_ name: [UInt8]) {
        switch name {
        case Array("si".utf8): current = []
        case Array("t".utf8): collecting = current != nil && phonetic == 0
        case Array("rPh".utf8): phonetic += 1
        default: break
        }
    }

    private mutating func end(_ name: [UInt8]) throws {
        switch name {
        case Array("si".utf8):
            // Checked whole: a chunk may end inside a character.
            guard let text = (current ?? []).withUnsafeBufferPointer(CellReader.text) else {
                throw Malformed(message: "shared string \(strings.count) is not UTF-8")
            }
            strings.append(text)
            current = nil
        case Array("t".utf8): collecting = false
        case Array("rPh".utf8): phonetic -= 1
        default: break
        }
    }

    private mutating func text(_ range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>) throws {
        guard !range.isEmpty else { return }
        if open.isEmpty {
            guard bytes[range].allSatisfy(Self.isSpace) else { throw Malformed(message: "text outside the root element at byte \(offset + range.lowerBound)") }
            return
        }
        guard collecting else { return }
        var decoded: [UInt8] = []
        if let bad = XLSXSheetScanner.decode(range, of: bytes, into: &decoded) {
            throw Malformed(message: "'&' at byte \(offset + bad) starts no entity")
        }
        current?.append(contentsOf: decoded)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
