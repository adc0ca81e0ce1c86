import Foundation

/// Turns diagnostics into the text a terminal shows, like the Swift compiler:
///
///     recipe.yaml:12:5: error: unknown key 'pahth' in csv source 'admissions'; did you mean 'path'?
///       path: data.csv
///       ^
public struct DiagnosticRenderer {
    /// Returns a line of a file (numbered from 1) for the excerpt; `nil` leaves it out.
    private let readLine: (_ file: String, _ line: Int) -> String?

    public init(readLine: @escaping (_ file: String, _ line: Int) -> String?) {
        self.readLine = readLine
    }

    /// A renderer that reads lines from the files the diagnostics name, relative to the
    /// current folder.
    public static var readingFiles: DiagnosticRenderer {
        DiagnosticRenderer { file, number in sourceLine(number, ofFileAt: file) }
    }

    public mutating func render(_ diagnostic: Diagnostic) -> String {
        var text = diagnostic.description + "\n" + excerpt(at: diagnostic.location)
        for note in diagnostic.notes {
            let place = note.location.map { "\($0): " } ?? ""
            text += "\(place)note: \(note.message)\n" + excerpt(at: note.location)
        }
        return text
    }

    /// Lines longer than this are left out of excerpts: no terminal shows them usefully.
    static let longestExcerpt = 400

    private func excerpt(at location: SourceLocation?) -> String {
        guard let location, location.line >= 1, let line = readLine(location.file, location.line) else { return "" }
        guard line.count < Self.longestExcerpt else { return "" }
        // Tabs are kept so that the caret line indents like the source line.
        let prefix = line.prefix(max(0, location.column - 1))
        let padding = prefix.map { $0 == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.of($0)) }
        return "  \(line)\n  \(padding.joined())^\n"
    }

    /// Line `number` of a file (`\n`, `\r\n` or `\r` end lines), read a chunk at a time: an
    /// error in a large data file must not load the whole file to show one line. `nil` past
    /// the end, for a file that cannot be read, or a line too long to show.
    static func sourceLine(_ number: Int, ofFileAt path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var current = 1, bytes: [UInt8] = [], afterCarriageReturn = false
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            let found: String?? = chunk.withUnsafeBytes { raw in
                var index = 0
                while index < raw.count {
                    if afterCarriageReturn {
                        afterCarriageReturn = false
                        if raw[index] == 0x0A { index += 1; continue }
                    }
                    // The next line break, found by memchr: a line of megabytes is no loop of bytes.
                    let rest = raw.count - index
                    let lineFeed = memchr(raw.baseAddress! + index, 0x0A, rest).map { raw.baseAddress!.distance(to: $0) } ?? raw.count
                    let carriageReturn = memchr(raw.baseAddress! + index, 0x0D, min(rest, lineFeed - index))
                        .map { raw.baseAddress!.distance(to: $0) } ?? raw.count
                    let end = min(lineFeed, carriageReturn)
                    if current == number {
                        bytes += raw[index..<end]
                        if bytes.count > 4 * longestExcerpt { return .some(nil) }
                        if end < raw.count { return String(decoding: bytes, as: UTF8.self) }
                    }
                    guard end < raw.count else { break }
                    current += 1
                    afterCarriageReturn = raw[end] == 0x0D
                    index = end + 1
                }
                return nil
            }
            if let found { return found }
        }
        return current == number ? String(decoding: bytes, as: UTF8.self) : nil
    }
}
