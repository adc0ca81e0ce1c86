import Testing
import ReportKit
import ReportgenTesting
@testable import CSVPlugins

/// The parser's record scanner (`csvscan_record`, 64 bytes at a time) reads what a byte-at-a-time
/// reading of RFC 4180 reads: the same fields and records, the same error at the same byte,
/// wherever the refills of its buffer split the input.
@Suite struct CSVParserDifferentialTests {
    struct Span: Equatable, CustomStringConvertible {
        var start: Int, end: Int, escaped: Bool
        var description: String { "\(start)..<\(end)\(escaped ? "e" : "")" }
    }

    enum Reading: Equatable {
        case records([[Span]], starts: [Int])
        case failure(String, at: ReportKit.SourceLocation)
    }

    static let limit = CSVParser.maximumColumns
    static let errorKinds = ["this quoted field is not closed", "unexpected text after the closing quote", "this record has more than"]

    /// The reference: one byte at a time over the whole input. An error's byte is placed by
    /// the parser's `location(ofByte:)`, which is not what is tested here.
    static func reference(_ bytes: [UInt8], delimiter: UInt8) throws -> Reading {
        let locating = try CSVParser(bytes: bytes, delimiter: delimiter, file: "f.csv")
        let quote = UInt8(ascii: "\""), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        func endsField(_ byte: UInt8) -> Bool { byte == delimiter || byte == lineFeed || byte == carriageReturn }
        var records: [[Span]] = [], starts: [Int] = []
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while true {
            while i < bytes.count, bytes[i] == lineFeed || bytes[i] == carriageReturn { i += 1 }
            if i == bytes.count { return .records(records, starts: starts) }
            starts.append(i)
            var fields: [Span] = []
            record: while true {
                let fieldStart = i
                if bytes[i] == quote {
                    i += 1
                    var escaped = false
                    while true {
                        if i >= bytes.count { return .failure(errorKinds[0], at: locating.location(ofByte: fieldStart)) }
                        if bytes[i] == quote {
                            if i + 1 < bytes.count, bytes[i + 1] == quote {
                                escaped = true
                                i += 2
                                continue
                            }
                            break
                        }
                        i += 1
                    }
                    fields.append(Span(start: fieldStart + 1, end: i, escaped: escaped))
                    if fields.count > limit { return .failure(errorKinds[2], at: locating.location(ofByte: fieldStart)) }
                    i += 1
                    if i < bytes.count, !endsField(bytes[i]) { return .failure(errorKinds[1], at: locating.location(ofByte: i)) }
                } else {
                    while i < bytes.count, !endsField(bytes[i]) { i += 1 }
                    fields.append(Span(start: fieldStart, end: i, escaped: false))
                    if fields.count > limit { return .failure(errorKinds[2], at: locating.location(ofByte: fieldStart)) }
                }
                if i == bytes.count { break }
                let byte = bytes[i]
                i += 1
                if byte == delimiter {
                    if i < bytes.count { continue }
                    fields.append(Span(start: i, end: i, escaped: false))
                    break
                }
                if byte == carriageReturn, i < bytes.count, bytes[i] == lineFeed { i += 1 }
                break record
            }
            records.append(fields)
        }
    }

    /// What the parser reads, with a buffer of `chunk` bytes to start with.
    static func parsed(_ bytes: [UInt8], delimiter: UInt8, chunk: Int) throws -> Reading {
        var parser = try CSVParser(bytes: bytes, delimiter: delimiter, file: "f.csv", chunkSize: chunk)
        var records: [[Span]] = [], starts: [Int] = [], fields: [CSVParser.Field] = []
        do {
            while try parser.nextFields(&fields) {
                records.append(fields.map {
                    Span(start: parser.offset(of: $0), end: parser.offset(of: $0) + $0.end - $0.start, escaped: $0.escaped)
                })
                starts.append(parser.recordStart)
            }
        } catch let diagnostic as Diagnostic {
            guard let kind = errorKinds.first(where: diagnostic.message.hasPrefix), let location = diagnostic.location else { throw diagnostic }
            return .failure(kind, at: location)
        }
        return .records(records, starts: starts)
    }

    /// Random CSV made of the pieces that matter: quotes (doubled, or closing early), every
    /// line end, delimiters (the file's and others), UTF-8 text, fields longer than a block.
    static func randomCSV(_ random: inout SeededGenerator, delimiter: UInt8) -> [UInt8] {
        let pieces: [[UInt8]] = [[delimiter], [delimiter], Array("\n".utf8), Array("\r\n".utf8), Array("\r".utf8),
                                 Array("\"".utf8), Array("\"\"".utf8), Array("ab".utf8), Array("Tây Hồ".utf8), Array(",;|\t".utf8),
                                 Array(String(repeating: "x", count: 70).utf8), [0xEF, 0xBB, 0xBF], Array("1.5".utf8)]
        var bytes: [UInt8] = []
        for _ in 0..<random.below(40) {
            if random.below(4) == 0 {
                // A well-formed quoted field, so that records often go on past it.
                bytes += Array("\"".utf8) + pieces[random.below(pieces.count)] + pieces[random.below(pieces.count)] + Array("\"".utf8)
            } else {
                bytes += pieces[random.below(pieces.count)]
            }
        }
        return bytes
    }

    @Test func readsAsAByteAtATimeReadingDoes() throws {
        var random = SeededGenerator(seed: 16)
        let delimiters = Array(",;\t|".utf8)
        for round in 0..<3_000 {
            let delimiter = delimiters[random.below(delimiters.count)]
            let bytes = Self.randomCSV(&random, delimiter: delimiter)
            let expected = try Self.reference(bytes, delimiter: delimiter)
            for chunk in [1 + random.below(8), 1 + random.below(200), CSVParser.defaultChunkSize] {
                let found = try Self.parsed(bytes, delimiter: delimiter, chunk: chunk)
                #expect(found == expected, "round \(round), chunks of \(chunk): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
                if found != expected { return }
            }
        }
    }

    /// A record is said to hold valid text (``RawRecord/textValid``, which spares consumers a
    /// check of its text cells) only when every field is valid UTF-8; in a file without a bad
    /// byte, every record is, wherever the refills split a character.
    @Test func textIsSaidValidOnlyWhenItIs() throws {
        var random = SeededGenerator(seed: 61)
        let bad: [[UInt8]] = [[0xFF], [0xC3], [0xE1, 0xBA], [0xED, 0xA0, 0x80], [0x80]]
        for round in 0..<2_000 {
            var bytes = Self.randomCSV(&random, delimiter: UInt8(ascii: ","))
            let broken = round % 2 == 1
            if broken { bytes.insert(contentsOf: bad[random.below(bad.count)], at: random.below(bytes.count + 1)) }
            guard case .records = try Self.reference(bytes, delimiter: UInt8(ascii: ",")) else { continue }
            for chunk in [1 + random.below(8), 1 + random.below(200), CSVParser.defaultChunkSize] {
                var parser = try CSVParser(bytes: bytes, delimiter: UInt8(ascii: ","), file: "f.csv", chunkSize: chunk)
                parser.checksUTF8 = true
                var fields: [CSVParser.Field] = []
                while try parser.nextFields(&fields) {
                    let (said, valid) = fields.withUnsafeBufferPointer { fields in
                        parser.withRecord(fields) { record in
                            (record.textValid, fields.indices.allSatisfy { column in
                                record.withBytes(of: column) { String(validating: $0, as: UTF8.self) != nil }
                            })
                        }
                    }
                    #expect(!said || valid, "round \(round), chunks of \(chunk): \(bytes)")
                    if !broken { #expect(said, "round \(round), chunks of \(chunk): \(bytes)") }
                }
            }
        }
    }

    /// Wide records: the field storage grows while scanning, and the limit holds at its field.
    @Test func wideRecordsGrowTheFieldsAndMeetTheLimitAtItsField() throws {
        for width in [15, 16, 17, 33, 1_000, Self.limit, Self.limit + 1, Self.limit + 2] {
            for last in ["", "\"q\"", "x"] {
                let text = "a,b\n" + String(repeating: "1,", count: width - 1) + last + "\n" + "1,2"
                let bytes = Array(text.utf8)
                for chunk in [7, CSVParser.defaultChunkSize] {
                    #expect(try Self.parsed(bytes, delimiter: UInt8(ascii: ","), chunk: chunk) == (try Self.reference(bytes, delimiter: UInt8(ascii: ","))),
                            "width \(width), last field \(last), chunks of \(chunk)")
                }
            }
        }
        // A delimiter at the end of the file adds its empty field past the limit unchecked, as before.
        let bytes = Array((String(repeating: "1,", count: Self.limit)).utf8)
        #expect(try Self.parsed(bytes, delimiter: UInt8(ascii: ","), chunk: 64) == (try Self.reference(bytes, delimiter: UInt8(ascii: ","))))
    }
}
