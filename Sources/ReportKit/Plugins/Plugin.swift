import Foundation

/// A kind of plugin, as the recipe groups them.
public enum PluginKind: String, Sendable, CaseIterable {
    case source, extractor, output
}

/// What every plugin declares about itself.
///
/// Contract: `type` is unique within its kind and is what a recipe writes as `type:`; its
/// ``Options`` declare every key the plugin reads (the core adds `type`, `dated_by` for
/// sources, `span` for extractors, `path` for outputs; see ``RecipeKeys/commonKeys(of:)``).
/// The core validates a recipe against the options' specs and reads them into an `Options`
/// value before it calls ``init(options:setup:)``, so the initializer gets typed values, the
/// required ones present. It checks what the types cannot say (a range, a date format) and
/// throws a ``Diagnostic`` (or ``Diagnostics``) at the option (`options.$limit`), worded as
/// ``PluginProblem`` words it. It must not read data; a file that is part of the recipe (an
/// HTML page template) may be read here, once.
public protocol Plugin: Sendable {
    associatedtype Options: PluginOptions
    static var type: String { get }
    /// One line for `reportgen plugins`.
    static var summary: String { get }
    /// Which kind it is: given by ``Source``, ``Extractor`` and ``Output``, so that the registry
    /// files a plugin without trying it as each kind (a cast that fails reads every protocol
    /// conformance in the program; trying forty plugins as three kinds was a fifth of starting
    /// up).
    static var kind: PluginKind { get }

    init(options: Options, setup: PluginSetup) throws
}

extension Plugin {
    /// The options' specs, from the ``Options`` declaration.
    public static var options: [OptionSpec] { Options.specs }

    /// Validates `node` (the plugin's configuration, `type` and the core's keys included)
    /// against the options and makes the plugin, reporting every error of the configuration at
    /// once. The ``PluginConfigurator`` configures every plugin of a recipe this way; tests may
    /// too, with `requiringCoreKeys: false` to leave out what the core needs (an output's `path`).
    public static func configure(_ node: YAMLNode, setup: PluginSetup, requiringCoreKeys: Bool = true) throws -> (plugin: Self, options: Options) {
        var validator = OptionValidator()
        let common = RecipeKeys.commonKeys(of: setup.kind)
        validator.checkRecord(node, specs: (requiringCoreKeys ? Array(common.dropFirst()) : []) + options, owner: setup.owner,
                              extraKeys: requiringCoreKeys ? ["type"] : common.map(\.name), at: setup.location)
        try validator.diagnostics.throwIfAny()
        try Diagnostics(ParamReference.check(node, specs: options, params: setup.params)).throwIfAny()
        let decoded = try Options.decode(node, setup: setup)
        return (try Self(options: decoded, setup: setup), decoded)
    }

    /// ``configure(_:setup:)`` for the core, which holds plugins as existentials.
    static func configuredForRecipe(_ node: YAMLNode, setup: PluginSetup) throws -> (plugin: any Plugin, columnUses: [ColumnUse]) {
        let (plugin, options) = try configure(node, setup: setup)
        return (plugin, options.columnUses)
    }
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
    /// Where the rows come from when not from files (`PostgreSQL: events`), for the lineage
    /// and the "sources and method" block; `nil` for files and rows written in the recipe.
    /// Default: `nil`.
    var origin: String? { get }
}

extension Source {
    public static var kind: PluginKind { .source }
    public func inputFiles(in recipeDirectory: URL) throws -> [URL] { [] }
    public func columns(context: RunContext) throws -> [Column]? { nil }
    public var origin: String? { nil }
}

/// An extractor makes one table from the tables of other sources and extractors.
///
/// Contract: every table it reads is named by an option of type ``TableReference`` (or a list
/// of them); the plan runs those first and passes them in `inputs`, keyed by id. The columns
/// its ``InputColumn`` options name are checked against those tables before it runs.
///
/// Validation (`reportgen validate`, and every run before it reads data) calls
/// ``extract(inputs:context:)`` with empty tables wherever the inputs' columns are known
/// without reading rows: given no rows, an extractor must return the columns it would return
/// with rows, with their types, and throw the errors its options cause (an expression of the
/// wrong type), so that a recipe's mistakes show before any data is read.
public protocol Extractor: Plugin {
    func extract(inputs: [String: Table], context: RunContext) throws -> Table
}

extension Extractor {
    public static var kind: PluginKind { .extractor }
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
    public static var kind: PluginKind { .output }
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
        let path = standardPath(of: url)
        let base = standardPath(of: directory)
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// `url.standardizedFileURL.path`. An absolute path with no `.`, `..` or empty component
    /// (every match of a glob under a standard folder) is standard already; making the URL
    /// again for each of 2,000 files cost a run 7% of its time.
    public static func standardPath(of url: URL) -> String {
        let path = url.path
        return isStandard(path) ? path : url.standardizedFileURL.path
    }

    /// Whether `path` is absolute with no empty, `.` or `..` component (`/` is). Byte by byte:
    /// Foundation's `contains` for strings goes through NSString, as slow as what it spares.
    private static func isStandard(_ path: String) -> Bool {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        guard path.utf8.first == slash else { return false }
        if path.utf8.count == 1 { return true }
        // The length of the component being read, and how many of its bytes are dots.
        var length = 0, dots = 0
        for byte in path.utf8.dropFirst() {
            if byte == slash {
                if length == 0 || (dots == length && length <= 2) { return false }
                (length, dots) = (0, 0)
            } else {
                length += 1
                if byte == dot { dots += 1 }
            }
        }
        return length > 0 && !(dots == length && length <= 2)
    }
}
