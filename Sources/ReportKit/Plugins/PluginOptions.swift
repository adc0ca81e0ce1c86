import Foundation

/// A plugin's validated options, with the place each was written.
///
/// Accessors return the recipe's value, else the spec's default, else `nil`. Every value has
/// already been checked against the plugin's ``OptionSpec``s, so a plugin reads them plainly
/// and throws ``error(_:at:)`` only for what the specs cannot say.
public struct PluginOptions: Sendable {
    public let kind: PluginKind
    /// The source or extractor id; `nil` for outputs.
    public let id: String?
    public let type: String
    /// Where the plugin is declared: its id for sources and extractors, its list item for outputs.
    public let location: SourceLocation
    public let recipeDirectory: URL
    /// The recipe's locale, for options read in the recipe's language (date formats).
    public let locale: ReportLocale
    private let node: YAMLNode
    private let specs: [OptionSpec]
    /// The recipe's params after `--set`, for numeric options written `params.NAME`.
    public let params: [String: Value]

    public init(
        kind: PluginKind, id: String?, type: String, node: YAMLNode, specs: [OptionSpec],
        location: SourceLocation, recipeDirectory: URL, locale: ReportLocale = .englishUS, params: [String: Value] = [:]
    ) {
        self.locale = locale
        self.params = params
        self.kind = kind
        self.id = id
        self.type = type
        self.node = node
        self.specs = specs
        self.location = location
        self.recipeDirectory = recipeDirectory
    }

    /// "csv source 'admissions'", "text output", for messages.
    public var owner: String {
        "\(type) \(kind.rawValue)" + (id.map { " '\($0)'" } ?? "")
    }

    public func node(_ name: String) -> YAMLNode? {
        guard let value = node[name], value.resolved != .null else { return nil }
        return value
    }

    public func has(_ name: String) -> Bool { node(name) != nil }

    private func defaultValue(_ name: String) -> OptionDefault? {
        specs.first { $0.name == name }?.defaultValue
    }

    public func string(_ name: String) -> String? {
        if let text = node(name)?.scalarText { return text }
        return defaultValue(name)?.description
    }

    public func bool(_ name: String) -> Bool? {
        if case .bool(let value)? = node(name)?.resolved { return value }
        if case .bool(let value)? = defaultValue(name) { return value }
        return nil
    }

    public func int(_ name: String) -> Int? {
        if let param = node(name).flatMap(ParamReference.name(in:)), case .int(let value)? = params[param] { return value }
        if case .int(let value)? = node(name)?.resolved { return value }
        if case .int(let value)? = defaultValue(name) { return value }
        return nil
    }

    /// The items of a list option; a single value written without a list is one item.
    public func list(_ name: String) -> [YAMLNode] {
        guard let value = node(name) else { return [] }
        return value.sequence ?? [value]
    }

    /// An expression option's text, placed in the recipe.
    public func expression(_ name: String) -> ExpressionText? {
        node(name).map(ExpressionText.init)
    }

    /// The input table named by a reference option, as the runner passes it.
    public func table(_ name: String, in inputs: [String: Table]) throws -> Table {
        guard let id = string(name), let table = inputs[id] else {
            throw error("the table '\(string(name) ?? "")' is not available", at: name)
        }
        return table
    }

    /// Where an option's value was written, or where the plugin is declared when it is absent.
    public func location(of name: String) -> SourceLocation {
        node(name)?.location ?? location
    }

    /// An error at an option's value.
    public func error(_ message: String, at name: String) -> Diagnostic {
        Diagnostic(message, at: location(of: name))
    }
}
