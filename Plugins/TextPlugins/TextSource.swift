import Foundation
import ReportKit

/// Documents as text, one row per file: `file` (its path relative to the recipe's folder) and
/// `text`. Files come in the byte order of their paths; a UTF-8 byte order mark is dropped, and
/// a file that starts with a UTF-16 one (Word's and Notepad's "Unicode") is read as UTF-16.
public struct TextSource: Source {
    public static let type = "text"
    public static let summary = "text files (a glob), one row per file: file, text"
    public static let options: [OptionSpec] = [
        OptionSpec("path", .inputPath, required: true, doc: "file or glob, relative to the recipe's folder",
                   example: "data/ward-reports/*.txt"),
    ]

    private let options: PluginOptions

    public init(options: PluginOptions) throws { self.options = options }

    public func inputFiles(in recipeDirectory: URL) throws -> [URL] {
        try InputFiles.resolve(options)
    }

    public func columns(context: RunContext) throws -> [Column]? { [Column("file", .string), Column("text", .string)] }

    public func load(context: RunContext) throws -> Table {
        var rows: [Row] = []
        for file in try inputFiles(in: context.recipeDirectory) {
            let display = context.displayPath(of: file)
            guard var bytes = FileManager.default.contents(atPath: file.path).map(Array.init) else {
                throw Diagnostic("cannot read '\(display)'", at: options.location(of: "path"))
            }
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            if let encoding = Self.utf16(bytes) {
                guard let text = String(bytes: bytes.dropFirst(2), encoding: encoding) else {
                    throw Diagnostic("the file starts as UTF-16 but is not valid UTF-16; save it again as UTF-8 or Unicode text",
                                     at: SourceLocation(file: display, line: 1, column: 1))
                }
                rows.append([.string(DisplayPath.of(file, relativeTo: context.recipeDirectory)), .string(text)])
                continue
            }
            if let bad = UTF8Validation.firstInvalidByte(in: bytes) {
                throw Diagnostic("the file is not valid UTF-8 (byte \(bad)); save it as UTF-8",
                                 at: UTF8Validation.location(ofByte: bad, in: bytes, file: display))
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let relative = DisplayPath.of(file, relativeTo: context.recipeDirectory)
            rows.append([.string(relative), .string(text)])
        }
        return Table(columns: [Column("file", .string), Column("text", .string)], rows: rows)
    }

    /// The UTF-16 byte order its byte order mark gives, if it has one.
    private static func utf16(_ bytes: [UInt8]) -> String.Encoding? {
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16LittleEndian }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16BigEndian }
        return nil
    }
}
