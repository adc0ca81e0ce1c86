import ReportKit

/// An RFC 4180 reader: quoted fields with `""`, delimiters and line breaks inside quotes, LF,
/// CRLF or CR line ends, a UTF-8 byte order mark skipped, blank lines skipped. It reads its
/// input in chunks and keeps only the current chunk, so memory does not grow with the file.
/// Hand-written because no package on our mirror reports byte positions for errors or reads
/// in chunks.
struct CSVParser {
    struct Record {
        var fields: [String]
        /// The byte offset in the file where each field starts, for error positions.
        var offsets: [Int]
    }

    /// Thrown inside the parser when a record runs past the bytes read so far.
    private struct NeedMore: Error {}

    static let defaultChunkSize = 1 << 20
    static let quote = UInt8(ascii: "\"")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    private var input: any CSVInput
    private var buffer: [UInt8]
    /// The file offset of `buffer[0]`.
    private var base = 0
    private var index = 0
    private var atEnd = false
    private let chunkSize: Int
    let delimiter: UInt8
    let file: String

    init(input: any CSVInput, delimiter: UInt8?, file: String, chunkSize: Int = CSVParser.defaultChunkSize) throws {
        self.input = input
        self.file = file
        self.chunkSize = chunkSize
        buffer = try self.input.read(chunkSize)
        atEnd = buffer.count < chunkSize
        // The byte order mark and the first line (for the delimiter) must be in the buffer.
        while !atEnd, buffer.count < 3 || !buffer.contains(Self.lineFeed) && !buffer.contains(Self.carriageReturn) {
            let more = try self.input.read(chunkSize)
            atEnd = more.count < chunkSize
            buffer += more
        }
        index = buffer.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.delimiter = delimiter ?? Self.detectDelimiter(buffer, from: index)
    }

    init(bytes: [UInt8], delimiter: UInt8?, file: String, chunkSize: Int = CSVParser.defaultChunkSize) throws {
        try self.init(input: CSVMemoryInput(bytes: bytes), delimiter: delimiter, file: file, chunkSize: chunkSize)
    }

    /// The next record, or `nil` at the end of the file.
    mutating func next() throws -> Record? {
        while true {
            let start = index
            do {
                return try record()
            } catch is NeedMore {
                index = start
                try refill(keepingFrom: start)
            }
        }
    }

    private mutating func refill(keepingFrom start: Int) throws {
        let more = try input.read(chunkSize)
        if more.count < chunkSize { atEnd = true }
        buffer.removeSubrange(0..<start)
        buffer.append(contentsOf: more)
        base += start
        index -= start
    }

    /// Whether `index` is past the bytes read; throws when more may come.
    private func isAtEnd(_ position: Int) throws -> Bool {
        guard position >= buffer.count else { return false }
        if !atEnd { throw NeedMore() }
        return true
    }

    private mutating func record() throws -> Record? {
        while try !isAtEnd(index), buffer[index] == Self.lineFeed || buffer[index] == Self.carriageReturn { index += 1 }
        guard try !isAtEnd(index) else { return nil }
        var record = Record(fields: [], offsets: [])
        while true {
            record.offsets.append(base + index)
            record.fields.append(try field())
            guard try !isAtEnd(index) else { return record }
            let byte = buffer[index]
            index += 1
            if byte == delimiter {
                if try isAtEnd(index) {
                    record.offsets.append(base + index)
                    record.fields.append("")
                    return record
                }
                continue
            }
            if byte == Self.carriageReturn, try !isAtEnd(index), buffer[index] == Self.lineFeed { index += 1 }
            return record
        }
    }

    private mutating func field() throws -> String {
        guard try !isAtEnd(index), buffer[index] == Self.quote else {
            let start = index
            while try !isAtEnd(index) {
                let byte = buffer[index]
                if byte == delimiter || byte == Self.lineFeed || byte == Self.carriageReturn { break }
                index += 1
            }
            return try text(buffer[start..<index], at: start)
        }
        let opening = index
        index += 1
        var content: [UInt8] = []
        var segmentStart = index
        while true {
            guard try !isAtEnd(index) else {
                throw Diagnostic("this quoted field is not closed; a '\"' inside a field is written '\"\"'", at: location(ofByte: base + opening))
            }
            if buffer[index] == Self.quote {
                content += buffer[segmentStart..<index]
                if try !isAtEnd(index + 1), buffer[index + 1] == Self.quote {
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
        if try !isAtEnd(index), ![delimiter, Self.lineFeed, Self.carriageReturn].contains(buffer[index]) {
            throw Diagnostic("unexpected text after the closing quote of a field; a '\"' inside a field is written '\"\"' and the whole field quoted",
                             at: location(ofByte: base + index))
        }
        return try text(content[...], at: opening + 1)
    }

    /// The field's text; invalid UTF-8 is an error at the first bad byte.
    private func text(_ bytes: ArraySlice<UInt8>, at start: Int) throws -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let all = input.allBytes()
        let bad = Self.firstInvalidUTF8(all, from: base + start) ?? base + start
        let hex = String(all[bad], radix: 16, uppercase: true)
        throw Diagnostic("the file is not valid UTF-8: byte 0x\(hex.count < 2 ? "0" + hex : hex) at offset \(bad); save it as UTF-8",
                         at: location(ofByte: bad))
    }

    /// Line and column (in characters) of a file offset. Errors are rare, so this reads the
    /// file again from the start.
    func location(ofByte offset: Int) -> SourceLocation {
        let bytes = input.allBytes()
        var line = 1, lineStart = 0, index = 0
        while index < min(offset, bytes.count) {
            let byte = bytes[index]
            if byte == Self.lineFeed || (byte == Self.carriageReturn && (index + 1 >= bytes.count || bytes[index + 1] != Self.lineFeed)) {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        let start = line == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : lineStart
        let prefix = bytes[min(start, offset, bytes.count)..<min(offset, bytes.count)]
        let column = String(decoding: prefix, as: UTF8.self).count + 1
        return SourceLocation(file: file, line: line, column: column)
    }

    /// The candidate (`, ; tab |`) that occurs most often in the first line outside quotes;
    /// a comma when none does.
    static func detectDelimiter(_ bytes: [UInt8], from start: Int) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]
        var counts = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        for byte in bytes[min(start, bytes.count)...] {
            if byte == quote { inQuotes.toggle() }
            if inQuotes { continue }
            if byte == lineFeed || byte == carriageReturn { break }
            if let position = candidates.firstIndex(of: byte) { counts[position] += 1 }
        }
        let best = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) } ?? 0
        return counts[best] > 0 ? candidates[best] : candidates[0]
    }

    /// The offset of the first byte at or after `start` that is not valid UTF-8, if any.
    static func firstInvalidUTF8(_ bytes: [UInt8], from start: Int = 0) -> Int? {
        var index = start
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
