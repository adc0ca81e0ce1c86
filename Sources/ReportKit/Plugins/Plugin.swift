import Foundation

/// A kind of plugin, as the recipe groups them.
public enum PluginKind: String, Sendable, CaseIterable {
    case source, extractor, output
}

/// What every plugin declares about itself.
///
/// Contract: `type` is unique within its kind and is what a recipe writes as `type:`; `options`
/// lists every key the plugin reads (the core adds `type`, and `path` for outputs). The core
/// validates a recipe against `options` before calling ``init(options:)``, so the initializer
/// sees only keys it declared, with the declared shapes, and required ones present. The
/// initializer checks what the shapes cannot (a column type, a date format) and throws a
/// ``Diagnostic`` (or ``Diagnostics``) at the option's position. It must not read data; a
/// file that is part of the recipe (an HTML page template) may be read here, once.
public protocol Plugin: Sendable {
    static var type: String { get }
    /// One line for `reportgen plugins`.
    static var summary: String { get }
    static var options: [OptionSpec] { get }

    init(options: PluginOptions) throws
}

/// A source yields one table from data outside the recipe.
///
/// Contract: ``inputFiles(in:)`` names every file ``load(context:)`` will read (so that
/// validation can report a missing file and the runner can refuse to overwrite an input);
/// ``load(context:)`` reports problems in the data at the data's file, line and column, and
/// never writes anything.
public protocol Source: Plugin {
    func inputFiles(in recipeDirectory: URL) throws -> [URL]
    /// The table's columns when the source can tell without reading rows (declared types, a
    /// fixed shape), so that validation can check the expressions that read them; `nil`
    /// otherwise. Default: `nil`.
    func columns(context: RunContext) throws -> [Column]?
    func load(context: RunContext) throws -> Table
}

extension Source {
    public func inputFiles(in recipeDirectory: URL) throws -> [URL] { [] }
    public func columns(context: RunContext) throws -> [Column]? { nil }
}

/// An extractor makes one table from the tables of other sources and extractors.
///
/// Contract: every table it reads is named by an option of type ``OptionType/reference`` (or a
/// list of them); the plan runs those first and passes them in `inputs`, keyed by id.
public protocol Extractor: Plugin {
    func extract(inputs: [String: Table], context: RunContext) throws -> Table
}

/// An output renders the whole report into the bytes of one file.
///
/// Contract: rendering is pure: the same report gives the same bytes, nothing is read or
/// written, and errors are thrown, never half-written. An output that hands its document to a
/// layout engine (`pdf`, to Chromium) may run it as a child process in a temporary folder of
/// its own, which it removes before it returns; the program is the user's choice, made outside
/// the recipe (``Report/environment``), never the recipe's. The core writes the bytes to the
/// output's `path` only once every output of the run has rendered.
public protocol Output: Plugin {
    func render(_ report: Report) throws -> [UInt8]
    /// Whether it shows every table, sources included (a JSON dump does), so that no source
    /// may be streamed past it. Default: false.
    var needsEveryTable: Bool { get }
}

extension Output {
    public var needsEveryTable: Bool { false }
}

/// A module of plugins, as a folder under `Plugins/` provides them.
public protocol PluginModule: Sendable {
    static var plugins: [any Plugin.Type] { get }
}

/// What sources and extractors may know about the run.
public struct RunContext: Sendable {
    public var recipeDirectory: URL
    /// Where the user ran reportgen; messages name files relative to it.
    public var workingDirectory: URL
    public var locale: ReportLocale
    public var params: [String: Value]
    public var period: PeriodSpec?
    /// Where steps record warnings (``warn(_:)``); the runner prints them with the report.
    public var warnings: WarningLog
    /// For an extractor, what is known of the days of each dated input it reads, by id.
    public var inputDays: [String: InputDays] = [:]

    public init(recipeDirectory: URL, workingDirectory: URL, locale: ReportLocale,
                params: [String: Value] = [:], period: PeriodSpec? = nil, warnings: WarningLog = WarningLog()) {
        self.recipeDirectory = recipeDirectory
        self.workingDirectory = workingDirectory
        self.locale = locale
        self.params = params
        self.period = period
        self.warnings = warnings
    }

    /// Records a warning: something suspicious but not wrong, at its place in the recipe or
    /// the data. It never stops the run, except under `--strict`.
    public func warn(_ message: String, at location: SourceLocation?, notes: [Diagnostic.Note] = []) {
        warnings.warn(.warning(message, at: location, notes: notes))
    }

    /// The context of a run of `recipe`.
    public init(recipe: Recipe, workingDirectory: URL) {
        self.init(recipeDirectory: recipe.directory, workingDirectory: workingDirectory, locale: recipe.locale,
                  params: Dictionary(recipe.params.map { ($0.name, $0.value) }) { $1 }, period: recipe.period)
    }

    /// What expressions over a table with `columns` may name.
    public func scope(for columns: [Column]) -> ExpressionScope {
        ExpressionScope(columns: columns, params: params, period: period, timeZone: locale.timeZone)
    }

    /// `url` as messages show it: relative to the working directory when inside it.
    public func displayPath(of url: URL) -> String {
        DisplayPath.of(url, relativeTo: workingDirectory)
    }
}

public enum DisplayPath {
    public static func of(_ url: URL, relativeTo directory: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = directory.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
