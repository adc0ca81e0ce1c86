import Foundation
import Testing
@testable import ReportKit
import ReportgenTesting

/// The readers of plain cells straight from bytes (the hot loop of a large file) against the
/// text path they stand in for.
@Suite struct PlainCellTests {
    /// What `CellReader.plainDecimal` must read: `-?[0-9]+(\.[0-9]+)?` with at most 18 digits,
    /// as the exact decimal Foundation reads from the text; anything else is not plain.
    func expected(_ text: String) -> DecimalNumber? {
        guard text.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil, text.filter(\.isNumber).count <= 18 else { return nil }
        return DecimalNumber(string: text)
    }

    func plain(_ text: String) -> DecimalNumber? {
        guard !text.isEmpty else { return nil }
        return Array(text.utf8).withUnsafeBufferPointer { CellReader.plainDecimal($0) }
    }

    @Test func shortAndLongNumbersReadAsTheTextPathReadsThem() {
        for text in ["0", "7", "-7", "21.38", "48359.58", "1.50", "100", "-0.50", "0.00", "-0", "12345678", "1234567.8",
                     "0.0000001", "123456789", "12345678.90", "999999999999999999", "9999999999999999999", "1.", ".5",
                     "-", "1..2", "1.2.3", "1,5", "1e5", " 1", "1 ", "--1", "+1", "١٢", "12a", "a12", "1.2-"] {
            #expect(plain(text) == expected(text), "\(text)")
        }
    }

    @Test func randomCellsReadAsTheTextPathReadsThem() {
        var generator = SeededGenerator(seed: 7)
        let alphabet = Array("0123456789000..-x/ ")
        for _ in 0..<20_000 {
            let length = Int.random(in: 1...12, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let read = plain(text)
            #expect(read == expected(text), "\(text)")
            // Canonical: the same storage as the text path makes, not only an equal value.
            if let read, let reference = expected(text) { #expect(read.description == reference.description, "\(text)") }
        }
    }

    /// `CellReader.isoDateDigits`, eight bytes at a time, against the reading of the text: every
    /// date-like cell, with each byte of it swapped for the bytes around the digits and dashes.
    @Test func isoDateDigitsReadAsTheTextReads() {
        func expected(_ bytes: [UInt8]) -> (Int, Int, Int)? {
            guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
                  [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ (0x30...0x39).contains(bytes[$0]) }) else { return nil }
            let text = String(decoding: bytes, as: UTF8.self)
            return (Int(text.prefix(4))!, Int(text.dropFirst(5).prefix(2))!, Int(text.suffix(2))!)
        }
        func read(_ bytes: [UInt8]) -> (Int, Int, Int)? {
            bytes.withUnsafeBufferPointer { CellReader.isoDateDigits($0) }.map { ($0.year, $0.month, $0.day) }
        }
        var generator = SeededGenerator(seed: 11)
        let near: [UInt8] = [0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x35, 0x39, 0x3A, 0x3F, 0x40, 0x20, 0x00, 0xB0, 0xB9, 0xFF, 0x10, 0x7E]
        for _ in 0..<2_000 {
            let date = Array(String(format: "%04d-%02d-%02d", Int.random(in: 0...9999, using: &generator),
                                    Int.random(in: 0...99, using: &generator), Int.random(in: 0...99, using: &generator)).utf8)
            #expect(read(date)! == expected(date)!)
            for position in date.indices {
                var changed = date
                changed[position] = near.randomElement(using: &generator)!
                #expect(read(changed).map { "\($0)" } == expected(changed).map { "\($0)" }, "\(changed)")
            }
            #expect(read(Array(date.dropLast())) == nil)
            #expect(read(date + [0x30]) == nil)
        }
        #expect(read(Array("2024-02-30".utf8))! == (2024, 2, 30))
        #expect(read(Array("0000-00-00".utf8))! == (0, 0, 0))
        #expect(read(Array("9999-99-99".utf8))! == (9999, 99, 99))
    }
}

@Suite struct UTF8ValidationTests {
    /// Where the standard library's UTF-8 parser finds its first error in `bytes` from `start`.
    func firstError(_ bytes: [UInt8], from start: Int) -> Int? {
        var parser = Unicode.UTF8.ForwardParser(), input = bytes[start...].makeIterator(), offset = start
        while true {
            switch parser.parseScalar(from: &input) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// Random bytes, mostly ASCII and Vietnamese letters, some broken, short (byte by byte) and
    /// long (sixteen bytes at a time, with the broken piece anywhere in or across the blocks):
    /// the first invalid byte is where the standard library's parser fails, from the start and
    /// from a character start further on.
    @Test func agreesWithTheStandardLibrary() {
        var generator = SeededGenerator(seed: 8)
        let pieces: [[UInt8]] = ["a", "Hạ", "tầng", " ", "ô", "🙂", "0123456789", "abcdefghijklmnopqrstu"].map { Array($0.utf8) }
        let broken: [[UInt8]] = [[0x80], [0xC3], [0xE1, 0xBA], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xFF],
                                 [0xE0, 0x9F, 0x80], [0xF0, 0x8F, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xF0, 0x9F, 0x99]]
        for round in 0..<20_000 {
            var bytes: [UInt8] = [], starts = [0]
            let count = round % 2 == 0 ? Int.random(in: 0...8, using: &generator) : Int.random(in: 0...60, using: &generator)
            for _ in 0..<count {
                bytes += Int.random(in: 0..<40, using: &generator) == 0 ? broken.randomElement(using: &generator)! : pieces.randomElement(using: &generator)!
                starts.append(bytes.count)
            }
            let start = starts.randomElement(using: &generator)!
            for from in [0, start] {
                #expect(UTF8Validation.firstInvalidByte(in: bytes, from: from) == firstError(bytes, from: from), "\(bytes) from \(from)")
            }
        }
    }
}
