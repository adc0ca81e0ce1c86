import ReportKit

/// An RFC 4180 reader over the bytes of one file: quoted fields with `""`, delimiters and line
/// breaks inside quotes, LF, CRLF or CR line ends, a UTF-8 byte order mark skipped, blank lines
/// skipped. Hand-written because no package on our mirror reports byte positions for errors,
/// and the later streaming fast path (issue 4) needs control over the bytes.
struct CSVParser {
    struct Record {
        var fields: [String]
        /// The byte offset where each field starts, for error positions.
        var offsets: [Int]
    }

    private let bytes: [UInt8]
    let delimiter: UInt8
    let file: String
    private var index: Int

    static let quote = UInt8(ascii: "\"")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    init(bytes: [UInt8], delimiter: UInt8?, file: String) {
        self.bytes = bytes
        self.file = file
        index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.delimiter = delimiter ?? Self.detectDelimiter(bytes, from: index)
    }

    /// The next record, or `nil` at the end of the file.
    mutating func next() throws(Diagnostic) -> Record? {
        while index < bytes.count, bytes[index] == Self.lineFeed || bytes[index] == Self.carriageReturn { index += 1 }
        guard index < bytes.count else { return nil }
        var record = Record(fields: [], offsets: [])
        while true {
            record.offsets.append(index)
            record.fields.append(try field())
            guard index < bytes.count else { return record }
            let byte = bytes[index]
            index += 1
            if byte == delimiter {
                if index == bytes.count {
                    record.offsets.append(index)
                    record.fields.append("")
                    return record
                }
                continue
            }
            if byte == Self.carriageReturn, index < bytes.count, bytes[index] == Self.lineFeed { index += 1 }
            return record
        }
    }

    private mutating func field() throws(Diagnostic) -> String {
        guard index < bytes.count, bytes[index] == Self.quote else {
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == delimiter || byte == Self.lineFeed || byte == Self.carriageReturn { break }
                index += 1
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        let opening = index
        index += 1
        var content: [UInt8] = []
        var segmentStart = index
        while true {
            guard index < bytes.count else {
                throw Diagnostic("this quoted field is not closed; a '\"' inside a field is written '\"\"'", at: location(ofByte: opening))
            }
            if bytes[index] == Self.quote {
                content += bytes[segmentStart..<index]
                if index + 1 < bytes.count, bytes[index + 1] == Self.quote {
                    content.append(Self.quote)
                    index += 2
                    segmentStart = index
                    continue
                }
                index += 1
                break
            }
            index += 1
        }
        if index < bytes.count, ![delimiter, Self.lineFeed, Self.carriageReturn].contains(bytes[index]) {
            throw Diagnostic("unexpected text after the closing quote of a field; a '\"' inside a field is written '\"\"' and the whole field quoted",
                             at: location(ofByte: index))
        }
        return String(decoding: content, as: UTF8.self)
    }

    /// Line and column (in characters) of a byte offset. Errors are rare, so this scans.
    func location(ofByte offset: Int) -> SourceLocation {
        var line = 1, lineStart = 0, index = 0
        while index < min(offset, bytes.count) {
            if bytes[index] == Self.lineFeed || (bytes[index] == Self.carriageReturn && (index + 1 >= bytes.count || bytes[index + 1] != Self.lineFeed)) {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        let start = line == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : lineStart
        let prefix = bytes[min(start, offset)..<min(offset, bytes.count)]
        let column = String(decoding: prefix, as: UTF8.self).count + 1
        return SourceLocation(file: file, line: line, column: column)
    }

    /// The candidate (`, ; tab |`) that occurs most often in the first line outside quotes;
    /// a comma when none does.
    static func detectDelimiter(_ bytes: [UInt8], from start: Int) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]
        var counts = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        for byte in bytes[start...] {
            if byte == quote { inQuotes.toggle() }
            if inQuotes { continue }
            if byte == lineFeed || byte == carriageReturn { break }
            if let position = candidates.firstIndex(of: byte) { counts[position] += 1 }
        }
        let best = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) } ?? 0
        return counts[best] > 0 ? candidates[best] : candidates[0]
    }

    /// The offset of the first byte that is not valid UTF-8, if any.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int, minimum: UInt32
            switch lead {
            case 0xC2...0xDF: (length, minimum) = (2, 0x80)
            case 0xE0...0xEF: (length, minimum) = (3, 0x800)
            case 0xF0...0xF4: (length, minimum) = (4, 0x10000)
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            var scalar = UInt32(lead) & (0xFF >> (length + 1))
            for offset in 1..<length {
                let byte = bytes[index + offset]
                guard byte & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(byte & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
            index += length
        }
        return nil
    }
}
