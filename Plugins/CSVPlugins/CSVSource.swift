import Foundation
import ReportKit

/// Reads one CSV file, or several with the same header (a glob), into a typed table. It
/// streams: filters and aggregates that read it see one row at a time.
public struct CSVSource: StreamingSource {
    public static let type = "csv"
    public static let summary = "a CSV file or a glob of CSV files with one header, read into typed columns"
    public static let options: [OptionSpec] = [
        OptionSpec("path", .inputPath, required: true, doc: "file or glob, relative to the recipe's folder",
                   example: "data/admissions.csv"),
        OptionSpec("delimiter", .string, doc: "field separator; detected among , ; tab | when absent", example: ";"),
        OptionSpec("header", .boolean, default: .bool(true), doc: "whether the first line names the columns"),
        ColumnSpec.option,
        OptionSpec("locale", .string, doc: "how numbers in the file are written (1.382,5 in vi-VN); default plain 1382.5",
                   example: "vi-VN"),
        TextEncoding.option,
        CellReader.nullValuesOption,
    ]

    private let options: PluginOptions
    private let delimiter: UInt8?
    private let hasHeader: Bool
    private let columnSpecs: [(name: String, spec: ColumnSpec)]
    private let dataLocale: ReportLocale?
    private let encoding: TextEncoding?

    public init(options: PluginOptions) throws {
        self.options = options
        var diagnostics = Diagnostics()
        if let text = options.string("delimiter") {
            let bytes = Array(text.utf8)
            if bytes.count != 1 || bytes[0] == CSVParser.quote || bytes[0] == CSVParser.lineFeed || bytes[0] == CSVParser.carriageReturn {
                diagnostics.append(options.error("the delimiter must be one ASCII character other than a quote or a line break, not '\(text)'", at: "delimiter"))
            }
            delimiter = bytes.first
        } else {
            delimiter = nil
        }
        hasHeader = options.bool("header") ?? true
        var dataLocale: ReportLocale?
        if let tag = options.string("locale") {
            dataLocale = ReportLocale(tag)
            if dataLocale == nil {
                diagnostics.append(options.error(ReportLocale.unknownMessage(tag), at: "locale"))
            }
        }
        self.dataLocale = dataLocale
        encoding = options.string("encoding").flatMap(TextEncoding.named)
        columnSpecs = diagnostics.collect { try ColumnSpec.read(options, locale: dataLocale ?? options.locale) } ?? []
        try diagnostics.throwIfAny()
    }

    public func inputFiles(in recipeDirectory: URL) throws -> [URL] {
        try InputFiles.resolve(options)
    }

    /// The columns when the header names only declared columns: read from the first line of
    /// the first file, no rows.
    public func columns(context: RunContext) throws -> [Column]? {
        guard !columnSpecs.isEmpty, hasHeader, let file = try inputFiles(in: context.recipeDirectory).first else { return nil }
        var parser = try CSVParser(input: CSVFileInput.open(file, display: context.displayPath(of: file), encoding: encoding), delimiter: delimiter, file: context.displayPath(of: file))
        guard let header = try parser.next()?.fields else { return nil }
        let declared = header.map { name in columnSpecs.first { $0.name == name }.map { Column(name, $0.spec.type, plain: $0.spec.isPlain) } }
        return declared.allSatisfy { $0 != nil } ? declared.compactMap { $0 } : nil
    }

    public func stream(context: RunContext) throws -> RowStream {
        let cells = CellReader(numbers: dataLocale.map(NumberReader.init(locale:)) ?? .plain,
                               dateLocale: (dataLocale ?? context.locale).in(context.locale.timeZone),
                               nullValues: options.list("null_values").compactMap(\.scalarText))
        let files = try inputFiles(in: context.recipeDirectory).map { ($0, context.displayPath(of: $0)) }
        let reader = CSVRowReader(files: files, specs: columnSpecs, cells: cells, hasHeader: hasHeader, delimiter: delimiter, encoding: encoding)
        return try reader.stream(reader.guessTypes())
    }
}

/// The module's plugins, for the built-in list.
public enum CSVPlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [CSVSource.self, CSVOutput.self]
}
