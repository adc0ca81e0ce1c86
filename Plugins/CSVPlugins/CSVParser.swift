import CSVScan
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

    static let defaultChunkSize = 1 << 18
    /// The longest record (a line, or several inside quotes): longer is an error, so that one
    /// endless field cannot take the memory.
    static let maximumRecordBytes = 64 << 20
    /// The most fields a record may have: Excel's 16,384 columns.
    static let maximumColumns = 16_384
    /// A block no index is in, so that the next record's is found anew.
    private static let noBlock = csvscan_block(start: -(1 << 62), ends: 0)
    static let quote = UInt8(ascii: "\"")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    private var input: any CSVInput
    /// Read into in place, chunk after chunk; longer only when one record does not fit.
    private var buffer: [UInt8]
    /// How many bytes of `buffer` hold the file.
    private var filled = 0
    /// The file offset of `buffer[0]`.
    private var base = 0
    private var index = 0
    /// The field ends found ahead of `index` (`CSVScan`), valid until the buffer is refilled.
    private var block = CSVParser.noBlock
    private var atEnd = false
    private let chunkSize: Int
    /// The bytes of `buffer` known to be valid UTF-8, found once per chunk while
    /// ``checksUTF8``: a record inside them needs no check of its text cells by each consumer
    /// that checks every cell (which was a sixth of a `top`). Stops at the first byte that is
    /// not valid; the records after it in the chunk are checked cell by cell, which reports it.
    private var validUTF8 = 0..<0
    /// Whether ``validUTF8`` is kept: when a consumer checks every cell of the records it
    /// does not keep. Not otherwise, where it would cost a reading that needs a few columns.
    var checksUTF8 = false {
        didSet {
            if checksUTF8, !oldValue { validateUTF8(from: index, validFrom: index) }
            // Not kept up to date from here on, so no longer said.
            if !checksUTF8 { validUTF8 = 0..<0 }
        }
    }
    /// The file offset where the last record read starts.
    private(set) var recordStart = 0
    private(set) var delimiter: UInt8
    let file: String

    /// A parser of `input`, which holds the file from `offset` on: 0 for a whole file (its byte
    /// order mark is skipped and, without `delimiter`, its delimiter detected), or the start of
    /// a line where a second core takes over.
    init(input: any CSVInput, delimiter: UInt8?, file: String, chunkSize: Int = CSVParser.defaultChunkSize, offset: Int = 0) throws {
        // The scanner writes the fields in place as C's `csvscan_field`, which must be laid out
        // as `RawField` is.
        precondition(MemoryLayout<Field>.stride == MemoryLayout<csvscan_field>.stride
                     && MemoryLayout<Field>.offset(of: \.end) == MemoryLayout<csvscan_field>.offset(of: \.end)
                     && MemoryLayout<Field>.offset(of: \.escaped) == MemoryLayout<csvscan_field>.offset(of: \.escaped))
        self.input = input
        self.file = file
        self.chunkSize = chunkSize
        base = offset
        buffer = [UInt8](repeating: 0, count: chunkSize)
        self.delimiter = 0
        try fill()
        // The byte order mark and the first line (for the delimiter) must be in the buffer.
        var searched = 0
        while !atEnd, filled < 3 || !Self.hasLineBreak(buffer, in: searched..<filled) {
            if buffer.count >= Self.maximumRecordBytes { throw recordTooLong(at: offset) }
            searched = filled
            buffer += [UInt8](repeating: 0, count: buffer.count)
            try fill()
        }
        index = offset == 0 && buffer[..<filled].starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.delimiter = delimiter ?? Self.detectDelimiter(Array(buffer[..<filled]), from: index)
    }

    /// Sets ``validUTF8`` to the bytes from `validFrom`, valid, to the first byte from `start`
    /// on that begins no valid sequence, or a sequence the buffer ends inside of (read on at
    /// the next refill).
    private mutating func validateUTF8(from start: Int, validFrom: Int) {
        let end = buffer.withUnsafeBufferPointer { UTF8Validation.firstInvalidByte(in: UnsafeBufferPointer(rebasing: $0[..<filled]), from: start) }
        validUTF8 = validFrom..<(end ?? filled)
    }

    private static func hasLineBreak(_ buffer: [UInt8], in range: Range<Int>) -> Bool {
        buffer.withUnsafeBufferPointer { all in
            firstOf(lineFeed, carriageReturn, carriageReturn, in: UnsafeBufferPointer(rebasing: all[..<range.upperBound]), from: range.lowerBound) < range.upperBound
        }
    }

    /// Reads into the free end of the buffer; a short read is the end of the input.
    private mutating func fill() throws {
        let wanted = buffer.count - filled, start = filled
        let got = try buffer.withUnsafeMutableBytes { try input.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
        filled += got
        if got < wanted { atEnd = true }
    }

    init(bytes: [UInt8], delimiter: UInt8?, file: String, chunkSize: Int = CSVParser.defaultChunkSize) throws {
        try self.init(input: CSVMemoryInput(bytes: bytes), delimiter: delimiter, file: file, chunkSize: chunkSize)
    }

    /// A field as a range of the buffer.
    typealias Field = RawField

    private enum Scan { case record, end, needMore }

    private func recordTooLong(at offset: Int) -> Diagnostic {
        Diagnostic("this record is longer than \(Self.maximumRecordBytes >> 20) MiB, the most a record may be (a quote left open, or not a CSV file?)",
                   at: location(ofByte: offset))
    }

    private func tooManyFields(at offset: Int) -> Diagnostic {
        Diagnostic("this record has more than \(Self.maximumColumns) fields, the most a record may have (as many as Excel's columns)",
                   at: location(ofByte: offset))
    }

    /// The next record, or `nil` at the end of the file.
    mutating func next() throws -> Record? {
        var fields: [Field] = []
        guard try nextFields(&fields) else { return nil }
        return Record(fields: try fields.map { try text(of: $0) }, offsets: fields.map { offset(of: $0) })
    }

    /// Reads the next record's fields as ranges of the buffer, valid until the next call;
    /// `false` at the end of the file. The fast path: no text is made for fields nobody reads.
    mutating func nextFields(_ fields: inout [Field]) throws -> Bool {
        while true {
            let start = index
            switch try scanRecord(&fields) {
            case .record: return true
            case .end: return false
            case .needMore: try refill(keepingFrom: start)
            }
        }
    }

    /// Moves the unfinished record at `start` to the front and reads on after it.
    private mutating func refill(keepingFrom start: Int) throws {
        let kept = filled - start
        buffer.withUnsafeMutableBytes { bytes in
            bytes.baseAddress!.copyMemory(from: bytes.baseAddress! + start, byteCount: kept)
        }
        filled = kept
        if filled == buffer.count {
            if buffer.count >= Self.maximumRecordBytes { throw recordTooLong(at: base + start) }
            buffer += [UInt8](repeating: 0, count: buffer.count)
        }
        try fill()
        base += start
        index = 0
        block = Self.noBlock
        // Past a byte that is not valid, validation starts again with the kept record.
        if checksUTF8 { validateUTF8(from: validUTF8.upperBound >= start ? validUTF8.upperBound - start : 0, validFrom: 0) }
    }

    private mutating func scanRecord(_ fields: inout [Field]) throws -> Scan {
        // The previous record's fields are overwritten in place, and only a surplus removed:
        // clearing `fields` on every record went through `replaceSubrange`, a tenth of the scan.
        var found = csvscan_found()
        while true {
            switch scan(into: &fields, &found) {
            case CSVSCAN_RECORD:
                if fields.count > found.fields { fields.removeLast(fields.count - found.fields) }
                index = found.next
                recordStart = base + found.start
                return .record
            case CSVSCAN_END: return .end
            case CSVSCAN_NEED_MORE: return .needMore
            case CSVSCAN_FIELDS_FULL:
                // Only when a record is wider than the one before: scanned again with room.
                let wider = min(max(2 * fields.count, 16), Self.maximumColumns + 1)
                fields += repeatElement(Field(start: 0, end: 0, escaped: false), count: wider - fields.count)
            case CSVSCAN_UNCLOSED_QUOTE:
                throw Diagnostic("this quoted field is not closed; a '\"' inside a field is written '\"\"'",
                                 at: location(ofByte: base + found.position))
            case CSVSCAN_TEXT_AFTER_QUOTE:
                throw Diagnostic("unexpected text after the closing quote of a field; a '\"' inside a field is written '\"\"' and the whole field quoted",
                                 at: location(ofByte: base + found.position))
            default: // CSVSCAN_TOO_MANY_FIELDS, the one left
                throw tooManyFields(at: base + found.position)
            }
        }
    }

    /// Scans the record at `index` into `fields`, as many as they have room for (`CSVScan`).
    private mutating func scan(into fields: inout [Field], _ found: inout csvscan_found) -> csvscan_status {
        let index = self.index, count = filled, atEnd = self.atEnd, delimiter = self.delimiter
        var block = self.block
        defer { self.block = block }
        return buffer.withUnsafeBufferPointer { bytes in
            fields.withUnsafeMutableBufferPointer { fields in
                let room = fields.count
                guard let first = fields.baseAddress else {
                    return csvscan_record(bytes.baseAddress, index, count, atEnd, delimiter, &block, nil, 0, Self.maximumColumns, &found)
                }
                return first.withMemoryRebound(to: csvscan_field.self, capacity: room) {
                    csvscan_record(bytes.baseAddress, index, count, atEnd, delimiter, &block, $0, room, Self.maximumColumns, &found)
                }
            }
        }
    }

    /// Where the first of three bytes is in `bytes` from `start` on (`bytes.count` when none
    /// is), sixteen bytes at a time (`CSVScan`).
    @inline(__always)
    static func firstOf(_ a: UInt8, _ b: UInt8, _ c: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        return csvscan_first_of3(base, start, bytes.count, a, b, c)
    }

    /// Calls `body` with a field's bytes (unescaped when needed); the pointer is valid only
    /// inside `body`.
    func withBytes<T>(of field: Field, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try withUnsafePointer(to: field) { single in
            try withRecord(UnsafeBufferPointer(start: single, count: 1)) { try $0.withBytes(of: 0, body) }
        }
    }

    /// Calls `body` with the record whose fields `nextFields(_:)` gave (with the source's
    /// ``RawRecord/decodedCells`` and the record's serial, if given).
    func withRecord<T>(_ fields: UnsafeBufferPointer<Field>, decodedCells: UnsafeMutablePointer<DecodedCell>? = nil, serial: Int = 0,
                       _ body: (RawRecord) throws -> T) rethrows -> T {
        let start = recordStart - base
        let textValid = checksUTF8 && validUTF8.lowerBound <= start && (fields.last?.end ?? start) <= validUTF8.upperBound
        return try buffer.withUnsafeBufferPointer {
            try body(RawRecord(buffer: UnsafeBufferPointer(rebasing: $0[..<filled]), fields: fields, textValid: textValid,
                               decodedCells: decodedCells, serial: serial))
        }
    }

    /// The file offset where a field's text starts.
    func offset(of field: Field) -> Int { base + field.start }

    /// A field's text; invalid UTF-8 is an error at its first bad byte.
    func text(of field: Field) throws -> String {
        try withBytes(of: field) { bytes in
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            throw invalidUTF8(from: offset(of: field))
        }
    }

    func invalidUTF8(from start: Int) -> Diagnostic {
        // The field, at most a record long, and a character's worth more.
        let field = input.bytes(from: start, count: Self.maximumRecordBytes + 4)
        let bad = start + (UTF8Validation.firstInvalidByte(in: field) ?? 0)
        let hex = String(field.isEmpty ? 0 : field[bad - start], radix: 16, uppercase: true)
        return Diagnostic("the file is not valid UTF-8: byte 0x\(hex.count < 2 ? "0" + hex : hex) at offset \(bad); save it as UTF-8, or name its encoding in the source (encoding: windows-1258 for Excel's CSV on a Vietnamese Windows)",
                          at: location(ofByte: bad))
    }

    /// Line and column (in characters) of a file offset. Errors are rare, so this reads the
    /// file again from the start, a chunk at a time; the column counts characters as a
    /// `String` does while the line so far is under 1 MiB, then Unicode scalars.
    func location(ofByte offset: Int) -> SourceLocation {
        var line = 1, position = 0, afterCarriageReturn = false
        var lineBytes: [UInt8] = [], longLineStarts: Int?
        var firstBytes: [UInt8] = []
        input.scan(upTo: offset) { chunk in
            if firstBytes.count < 3 { firstBytes += chunk.prefix(3 - firstBytes.count) }
            var index = 0
            if afterCarriageReturn, !chunk.isEmpty, chunk[0] == Self.lineFeed { index = 1 }
            afterCarriageReturn = false
            while true {
                let next = Self.firstOf(Self.lineFeed, Self.carriageReturn, Self.carriageReturn, in: chunk, from: index)
                // The line so far: kept while under 1 MiB, then only its characters counted.
                let segment = UnsafeBufferPointer(rebasing: chunk[index..<next])
                if longLineStarts == nil, lineBytes.count + segment.count > 1 << 20 {
                    longLineStarts = lineBytes.withUnsafeBufferPointer { csvscan_count_utf8_starts($0.baseAddress, $0.count) }
                    lineBytes = []
                }
                if let starts = longLineStarts {
                    longLineStarts = starts + csvscan_count_utf8_starts(segment.baseAddress, segment.count)
                } else {
                    lineBytes += segment
                }
                guard next < chunk.count else { break }
                line += 1
                lineBytes.removeAll(keepingCapacity: true)
                longLineStarts = nil
                index = next + 1
                if chunk[next] == Self.carriageReturn {
                    if index < chunk.count { if chunk[index] == Self.lineFeed { index += 1 } } else { afterCarriageReturn = true }
                }
            }
            position += chunk.count
        }
        let characters = longLineStarts ?? String(decoding: lineBytes, as: UTF8.self).count
        // The byte order mark is no character of the first line.
        let mark = line == 1 && firstBytes == [0xEF, 0xBB, 0xBF] ? 1 : 0
        return SourceLocation(file: file, line: line, column: characters + 1 - mark)
    }

    /// The lines (from 1) that the given offsets, in increasing order, fall on: one pass over
    /// the file, for `explain --rows`.
    func lines(atOffsets offsets: [Int]) -> [Int] {
        var lines: [Int] = [], line = 1, position = 0, next = 0, previous: UInt8 = 0
        input.scan(upTo: Int.max) { chunk in
            for byte in chunk {
                while next < offsets.count, offsets[next] == position {
                    lines.append(line)
                    next += 1
                }
                if byte == Self.lineFeed, previous != Self.carriageReturn { line += 1 }
                if byte == Self.carriageReturn { line += 1 }
                previous = byte
                position += 1
            }
        }
        while lines.count < offsets.count { lines.append(line) }
        return lines
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
}
