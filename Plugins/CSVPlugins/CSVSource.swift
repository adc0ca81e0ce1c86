import Foundation
import ReportKit

/// Reads one CSV file, or several with the same header (a glob), into a typed table. It
/// streams: filters and aggregates that read it see one row at a time.
public struct CSVSource: StreamingSource {
    public static let type = "csv"
    public static let summary = "a CSV file or a glob of CSV files with one header, read into typed columns"

    public struct Options: PluginOptions {
        @Option(doc: "file or glob, relative to the recipe's folder", example: "data/admissions.csv")
        var path: InputPath
        @Option(doc: "field separator; detected among , ; tab | when absent", example: "';'")
        var delimiter: String?
        @Option(doc: "whether the first line names the columns")
        var header = true
        @Option(doc: ColumnDeclarations.optionDoc, example: ColumnDeclarations.optionExample)
        var columns = ColumnDeclarations()
        @Option(doc: "how numbers in the file are written (1.382,5 in vi-VN); default plain 1382.5", example: "vi-VN")
        var locale: ReportLocale?
        @Option(doc: TextEncoding.optionDoc, example: "windows-1258")
        var encoding: TextEncoding?
        @Option(doc: CellReader.nullValuesDoc, example: "[NA, N/A, '-', '#N/A']")
        var nullValues: [String] = []

        public init() {}
    }

    private let options: Options
    private let delimiter: UInt8?
    private let hasHeader: Bool
    private let columnSpecs: [(name: String, spec: ColumnSpec)]
    private let dataLocale: ReportLocale?
    private let encoding: TextEncoding?

    public init(options: Options, setup: PluginSetup) throws {
        self.options = options
        var diagnostics = Diagnostics()
        if let text = options.delimiter {
            let bytes = Array(text.utf8)
            if bytes.count != 1 || bytes[0] == CSVParser.quote || bytes[0] == CSVParser.lineFeed || bytes[0] == CSVParser.carriageReturn {
                diagnostics.append(options.$delimiter.mustBe("one ASCII character other than a quote or a line break", not: "'\(text)'"))
            }
            delimiter = bytes.first
        } else {
            delimiter = nil
        }
        hasHeader = options.header
        dataLocale = options.locale
        encoding = options.encoding
        columnSpecs = diagnostics.collect { try options.columns.specs(locale: options.locale ?? setup.locale) } ?? []
        try diagnostics.throwIfAny()
    }

    public func inputFiles(in recipeDirectory: URL) throws -> [URL] {
        try options.path.files()
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
        let reader = try rowReader(context: context)
        return try reader.stream(reader.guessTypes())
    }
}

extension CSVSource: TraceableSource {
    /// The reader of the source's files, cells read as the source's options say.
    fileprivate func rowReader(context: RunContext) throws -> CSVRowReader {
        let cells = CellReader(numbers: dataLocale.map(NumberReader.init(locale:)) ?? .plain,
                               dateLocale: (dataLocale ?? context.locale).in(context.locale.timeZone),
                               nullValues: options.nullValues)
        let files = try inputFiles(in: context.recipeDirectory).map { ($0, context.displayPath(of: $0)) }
        return CSVRowReader(files: files, specs: columnSpecs, cells: cells, hasHeader: hasHeader, delimiter: delimiter, encoding: encoding)
    }

    /// Every row with the file and line it starts on.
    public func loadTraced(context: RunContext) throws -> (table: Table, origins: [RowOrigin]) {
        let reader = try rowReader(context: context)
        // Every row is shown: every cell types the columns.
        let columns = try reader.columnTypes(reader.infer(columns: nil, budget: nil)).columns
        let (rows, origins) = try reader.tracedRows(columns: columns)
        return (Table(columns: columns, rows: rows), origins)
    }
}

/// The module's plugins, for the built-in list.
public enum CSVPlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [CSVSource.self, CSVOutput.self]
}
