import Foundation

/// Where a recipe configures a plugin, and what its options are read against: the recipe's
/// folder, locale and params. A plugin's initializer gets it with its options.
public struct PluginSetup: Sendable {
    public let kind: PluginKind
    /// The source or extractor id; `nil` for outputs.
    public let id: String?
    public let type: String
    /// Where the plugin is declared: its id for sources and extractors, its list item for outputs.
    public let location: SourceLocation
    /// Where its `type:` is written (the plugin's declaration when it is not).
    public let typeLocation: SourceLocation
    public let recipeDirectory: URL
    /// The recipe's locale, for options read in the recipe's language (date formats).
    public let locale: ReportLocale
    /// The recipe's params after `--set`, for numeric options written `params.NAME`.
    public let params: [String: Value]
    /// The files the recipe's input paths name, shared by every plugin of one loaded recipe.
    public let inputFiles: InputFileCache

    public init(kind: PluginKind, id: String?, type: String, location: SourceLocation, typeLocation: SourceLocation? = nil,
                recipeDirectory: URL, locale: ReportLocale = .englishUS, params: [String: Value] = [:],
                inputFiles: InputFileCache = InputFileCache()) {
        self.kind = kind
        self.id = id
        self.type = type
        self.location = location
        self.typeLocation = typeLocation ?? location
        self.recipeDirectory = recipeDirectory
        self.locale = locale
        self.params = params
        self.inputFiles = inputFiles
    }

    /// "csv source 'admissions'", "text output", for messages.
    public var owner: String {
        "\(type) \(kind.rawValue)" + (id.map { " '\($0)'" } ?? "")
    }

    /// An error at the plugin's declaration.
    public func error(_ message: String) -> Diagnostic {
        Diagnostic(message, at: location)
    }
}

/// One option as the recipe wrote it, or left it out: its key, its place and its plugin.
/// `$name` on an ``Option`` gives it, so that an error about a value points at the value and
/// is worded as every other one (see ``PluginProblem``).
public struct OptionSite: Sendable {
    /// The key as the recipe writes it: `group_by`.
    public let key: String
    /// Where the value is written; where the plugin is declared when it is absent.
    public let location: SourceLocation
    /// Whether the recipe writes it (a default is not written).
    public let isWritten: Bool
    public let setup: PluginSetup

    public init(key: String, location: SourceLocation, isWritten: Bool, setup: PluginSetup) {
        self.key = key
        self.location = location
        self.isWritten = isWritten
        self.setup = setup
    }

    /// "'limit' in top extractor 'best' must be at least 1, not 0".
    public func mustBe(_ expected: String, not actual: String) -> Diagnostic {
        PluginProblem.badValue(self, expected: expected, actual: actual)
    }

    /// An error at the option's value.
    public func error(_ message: String) -> Diagnostic {
        Diagnostic(message, at: location)
    }

    /// The same option at one of its items (a list item, a map value).
    public func item(at node: YAMLNode) -> OptionSite {
        OptionSite(key: key, location: node.location, isWritten: true, setup: setup)
    }
}
