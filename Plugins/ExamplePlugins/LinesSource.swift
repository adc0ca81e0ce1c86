import Foundation
import ReportKit

/// The example source of the README: the lines of text files, one row each: `file` (relative
/// to the recipe's folder), `line` (its number, from 1) and `text`. A list of names, a log.
/// Files are read whole, so each may hold at most 64 MiB.
public struct LinesSource: Source {
    public static let type = "lines"
    public static let summary = "the lines of text files, one row each: file, line, text"

    public struct Options: PluginOptions {
        @Option(doc: "file or glob, relative to the recipe's folder", example: "data/names.txt")
        var path: InputPath
        @Option(doc: "leave out lines that hold only spaces")
        var skipBlank = false

        public init() {}
    }

    static let columns = [Column("file", .string), Column("line", .int), Column("text", .string)]
    static let largestFile = 64 << 20
    private let options: Options

    public init(options: Options, setup: PluginSetup) {
        self.options = options
    }

    public func inputFiles(in recipeDirectory: URL) throws -> [URL] { try options.path.files() }

    public func columns(context: RunContext) throws -> [Column]? { Self.columns }

    public func load(context: RunContext) throws -> Table {
        var table = Table(columns: Self.columns)
        for file in try inputFiles(in: context.recipeDirectory) {
            let display = context.displayPath(of: file), start = SourceLocation(file: display, line: 1, column: 1)
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int
            guard let size, size <= Self.largestFile, let bytes = FileManager.default.contents(atPath: file.path) else {
                throw Diagnostic(size == nil ? "cannot read '\(display)'" : "'\(display)' is larger than 64 MiB", at: start)
            }
            if let bad = UTF8Validation.firstInvalidByte(in: Array(bytes)) {
                throw Diagnostic("the file is not valid UTF-8", at: UTF8Validation.location(ofByte: bad, in: Array(bytes), file: display))
            }
            var lines = String(decoding: bytes, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            if lines.last?.isEmpty == true { lines.removeLast() }
            let name = Value.string(DisplayPath.of(file, relativeTo: context.recipeDirectory))
            for (index, line) in lines.enumerated() where !(options.skipBlank && line.allSatisfy(\.isWhitespace)) {
                table.rows.append([name, .int(index + 1), .string(String(line))])
            }
        }
        return table
    }
}
