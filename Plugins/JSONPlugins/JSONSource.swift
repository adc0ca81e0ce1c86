import Foundation
import ReportKit

/// Records from a JSON file (or several, a glob, read in order): the array that `pointer`
/// finds, each element an object whose keys are columns. Errors name the place in the JSON
/// file by line and column, and the record by its JSON pointer.
public struct JSONSource: Source {
    public static let type = "json"
    public static let summary = "records from a JSON file: the array of objects a JSON Pointer finds"
    public static let options: [OptionSpec] = [
        OptionSpec("path", .inputPath, required: true, doc: "file or glob, relative to the recipe's folder", example: "data/services.json"),
        OptionSpec("pointer", .string, default: .string(""), doc: "JSON Pointer (RFC 6901) to the array of records; empty for the whole file",
                   example: "/data/records"),
        ColumnSpec.option,
    ]

    private let options: PluginOptions
    private let pointer: [String]
    private let specs: [(name: String, spec: ColumnSpec)]

    public init(options: PluginOptions) throws {
        self.options = options
        let text = options.string("pointer") ?? ""
        guard text.isEmpty || text.hasPrefix("/") else {
            throw options.error("a JSON Pointer starts with '/', as in '/data/records', or is empty for the whole file", at: "pointer")
        }
        pointer = text.isEmpty ? [] : text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
        specs = try ColumnSpec.read(options, locale: options.locale)
    }

    public func inputFiles(in recipeDirectory: URL) throws -> [URL] {
        try InputFiles.resolve(options)
    }

    public func load(context: RunContext) throws -> Table {
        var records: [[YAMLPair]] = []
        for file in try inputFiles(in: context.recipeDirectory) {
            let display = context.displayPath(of: file)
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw Diagnostic("cannot read '\(display)'", at: options.location(of: "path"))
            }
            let document: YAMLNode
            do throws(Diagnostic) {
                guard let first = try YAMLLoader().load(bytes: Array(data), file: display).first else {
                    throw Diagnostic("the file is empty; expected JSON", at: SourceLocation(file: display, line: 1, column: 1))
                }
                document = first
            } catch {
                // The reader is libyaml, which reads JSON; say what the user wrote.
                throw Diagnostic(error.message.replacingOccurrences(of: "invalid YAML", with: "invalid JSON"), at: error.location)
            }
            records += try self.records(in: document)
        }
        let cells = CellReader(numbers: .plain, dateLocale: context.locale)
        return try NodeTable.make(rows: records, specs: specs, cells: cells)
    }

    /// The objects of the array the pointer finds.
    private func records(in document: YAMLNode) throws -> [[YAMLPair]] {
        var node = document, path = ""
        for token in pointer {
            if let pairs = node.mapping {
                guard let next = pairs.first(where: { $0.key.scalarText == token })?.value else {
                    let keys = pairs.compactMap(\.key.scalarText)
                    throw options.error("the JSON Pointer finds nothing: the object at '\(path.isEmpty ? "/" : path)' in \(document.location.file) has no key '\(token)'"
                                        + Suggestion.hint(for: token, in: keys), at: "pointer")
                }
                node = next
            } else if let items = node.sequence, let index = Int(token), items.indices.contains(index) {
                node = items[index]
            } else {
                throw options.error("the JSON Pointer finds nothing at '\(path)/\(token)' in \(document.location.file)", at: "pointer")
            }
            path += "/" + token
        }
        guard let items = node.sequence else {
            throw Diagnostic("expected an array of records at '\(path.isEmpty ? "/" : path)', found \(node.kindDescription)", at: node.location)
        }
        return try items.enumerated().map { index, item in
            guard let pairs = item.mapping else {
                throw Diagnostic("the record at '\(path)/\(index)' must be an object, not \(item.kindDescription)", at: item.location)
            }
            return pairs
        }
    }
}

public enum JSONPlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [JSONSource.self, JSONOutput.self]
}
