import Foundation
import ReportKit

/// Documents as text, one row per file: `file` (its path relative to the recipe's folder) and
/// `text`. Files come in the byte order of their paths; a UTF-8 byte order mark is dropped, a
/// file that starts with a UTF-16 one (Word's and Notepad's "Unicode") is read as UTF-16, and
/// `encoding` names any other (windows-1258, ...).
public struct TextSource: Source {
    public static let type = "text"
    public static let summary = "text files (a glob), one row per file: file, text"

    public struct Options: PluginOptions {
        @Option(doc: "file or glob, relative to the recipe's folder", example: "data/ward-reports/*.txt")
        var path: InputPath
        @Option(doc: TextEncoding.optionDoc, example: "windows-1258")
        var encoding: TextEncoding?
        @Option(doc: CellReader.nullValuesDoc, example: "[NA, N/A, '-', '#N/A']")
        var nullValues: [String] = []

        public init() {}
    }

    private let options: Options
    private let encoding: TextEncoding?
    /// A document whose whole text, spaces trimmed, is one of `null_values` has no text.
    private let markers: CellReader

    public init(options: Options, setup: PluginSetup) {
        self.options = options
        encoding = options.encoding
        markers = CellReader(numbers: .plain, dateLocale: setup.locale, nullValues: options.nullValues)
    }

    private func value(_ text: String) -> Value {
        // Without markers nothing is null, and trimming a whole document costs as much as reading it.
        guard !markers.nullValues.isEmpty else { return .string(text) }
        return markers.isNullMarker(Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))) ? .null : .string(text)
    }

    public func inputFiles(in recipeDirectory: URL) throws -> [URL] {
        try options.path.files()
    }

    public func columns(context: RunContext) throws -> [Column]? { [Column("file", .string), Column("text", .string)] }

    /// The largest document read, in bytes.
    static let largestFile = 64 << 20

    public func load(context: RunContext) throws -> Table {
        var rows: [Row] = []
        for file in try inputFiles(in: context.recipeDirectory) {
            // Named in messages only: worked out for each of 2,000 files, it cost more than reading them.
            var display: String { context.displayPath(of: file) }
            // A document is held whole (a row's text): one past the limit is refused unread.
            // `stat` follows a link, so that a link to a large file is refused as the file is.
            var status = stat()
            if stat(file.path, &status) == 0, Int(status.st_size) > Self.largestFile {
                throw Diagnostic("'\(display)' is \(Int(status.st_size) >> 20) MiB; a text document may be at most \(Self.largestFile >> 20) MiB",
                                 at: options.$path.location)
            }
            guard var bytes = FileManager.default.contents(atPath: file.path).map(Array.init) else {
                throw Diagnostic("cannot read '\(display)'", at: options.$path.location)
            }
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            if let encoding = transcoding(bytes) {
                guard let text = encoding.decode(bytes) else {
                    throw Diagnostic("the file is not valid \(encoding.name); check the source's encoding, or save the file as UTF-8",
                                     at: SourceLocation(file: display, line: 1, column: 1))
                }
                rows.append([.string(DisplayPath.of(file, relativeTo: context.recipeDirectory)), value(text)])
                continue
            }
            if let bad = UTF8Validation.firstInvalidByte(in: bytes) {
                throw Diagnostic("the file is not valid UTF-8 (byte \(bad)); save it as UTF-8, or name its encoding in the source (encoding: windows-1258, ...)",
                                 at: UTF8Validation.location(ofByte: bad, in: bytes, file: display))
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let relative = DisplayPath.of(file, relativeTo: context.recipeDirectory)
            rows.append([.string(relative), value(text)])
        }
        return Table(columns: [Column("file", .string), Column("text", .string)], rows: rows)
    }

    /// The encoding to read a file in when it is not UTF-8: the recipe's, or UTF-16 after its
    /// byte order mark.
    private func transcoding(_ bytes: [UInt8]) -> TextEncoding? {
        if let encoding {
            if case .utf8 = encoding.kind { return nil }
            return encoding
        }
        return TextEncoding.utf16ByteOrder(of: bytes).map { TextEncoding(name: "UTF-16", kind: .utf16(bigEndian: $0)) }
    }

}
