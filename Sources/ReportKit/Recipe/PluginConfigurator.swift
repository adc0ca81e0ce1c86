import Foundation

/// Turns the `sources`, `extractors` and `outputs` sections into configured plugins, recording
/// every error on the way (unknown types, bad options, duplicate ids and output paths).
struct PluginConfigurator {
    let registry: PluginRegistry
    let recipeDirectory: URL
    let locale: ReportLocale
    /// The recipe's params after `--set`, for numeric options written `params.NAME`.
    var params: [String: Value] = [:]
    var diagnostics = Diagnostics()
    private var idLocations: [String: SourceLocation] = [:]
    /// Every id the recipe declares, in order, whether or not its configuration was valid.
    private(set) var declaredIDs: [String] = []
    /// The files that plugins' `.inputPath` options name.
    private(set) var readFiles: [URL] = []
    /// Where the plugins' input paths are matched, once for the whole recipe.
    private let inputFiles = InputFileCache()

    init(registry: PluginRegistry, recipeDirectory: URL, locale: ReportLocale) {
        self.registry = registry
        self.locale = locale
        self.recipeDirectory = recipeDirectory
    }

    mutating func sources(_ section: YAMLNode?) -> [Configured<any Source>] {
        configuredTables(section, kind: .source).compactMap { item in
            guard let source = item.plugin as? any Source else { return nil }
            var configured = Configured(id: item.id, type: item.type, location: item.location, plugin: source, references: item.references)
            configured.node = item.node
            if let node = item.node["dated_by"], let column = node.scalarText, node.resolved != .null {
                configured.datedBy = SourceDating(column: column == "none" ? nil : column, location: node.location)
            }
            return configured
        }
    }

    mutating func extractors(_ section: YAMLNode?, sourceIDs: [String]) -> [Configured<any Extractor>] {
        configuredTables(section, kind: .extractor).compactMap { item in
            guard let extractor = item.plugin as? any Extractor else { return nil }
            var configured = Configured(id: item.id, type: item.type, location: item.location, plugin: extractor, references: item.references)
            configured.columnUses = item.columnUses
            configured.node = item.node
            if let node = item.node["span"], node.resolved != .null,
               let span = diagnostics.collect({ try RowSpan.read(node) }) {
                configured.span = SpanSetting(span: span, location: node.location)
            }
            return configured
        }
    }

    mutating func outputs(_ section: YAMLNode?) -> [ConfiguredOutput] {
        var outputs: [ConfiguredOutput] = [], paths: [String: SourceLocation] = [:]
        // As everywhere a list is expected, a single output may be written without the list.
        for item in section.map({ $0.sequence ?? [$0] }) ?? [] {
            guard let (type, plugin, references, _) = configure(item, kind: .output, id: nil, location: item.location),
                  let output = plugin as? any Output,
                  let pathNode = item["path"], let path = pathNode.scalarText
            else { continue }
            let normalized = path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
            if let first = paths[normalized] {
                diagnostics.append(Diagnostic("two outputs write '\(path)'", at: pathNode.location, notes: [.init("the other is here", at: first)]))
            }
            paths[normalized] = pathNode.location
            outputs.append(ConfiguredOutput(type: type, path: path, writtenPath: path, pathLocation: pathNode.location, location: item.location,
                                            plugin: output, references: references))
        }
        return outputs
    }

    private mutating func configuredTables(_ section: YAMLNode?, kind: PluginKind)
        -> [(id: String, type: String, location: SourceLocation, plugin: any Plugin, references: [TableReference], node: YAMLNode,
             columnUses: [ColumnUse])] {
        var result: [(String, String, SourceLocation, any Plugin, [TableReference], YAMLNode, [ColumnUse])] = []
        for pair in section?.mapping ?? [] {
            guard let id = pair.key.scalarText else { continue }
            guard RecipeID.isValid(id) else {
                diagnostics.append(Diagnostic("'\(id)' is not a valid id; ids are letters, digits and _, starting with a letter or _",
                                              at: pair.key.location))
                continue
            }
            if let first = idLocations[id] {
                diagnostics.append(Diagnostic("the id '\(id)' is used twice; sources and extractors share one set of ids",
                                              at: pair.key.location, notes: [.init("first used here", at: first)]))
                continue
            }
            idLocations[id] = pair.key.location
            declaredIDs.append(id)
            if let (type, plugin, references, columnUses) = configure(pair.value, kind: kind, id: id, location: pair.key.location) {
                result.append((id, type, pair.key.location, plugin, references, pair.value, columnUses))
            }
        }
        return result
    }

    /// Checks one plugin configuration and makes the plugin; `nil` after recording errors.
    private mutating func configure(_ node: YAMLNode, kind: PluginKind, id: String?, location: SourceLocation)
        -> (type: String, plugin: any Plugin, references: [TableReference], columnUses: [ColumnUse])? {
        let owner = id.map { "\(kind.rawValue) '\($0)'" } ?? kind.rawValue
        guard node.mapping != nil else {
            diagnostics.append(Diagnostic("\(owner) must be a mapping with a 'type', not \(node.kindDescription)", at: node.location))
            return nil
        }
        guard let typeNode = node["type"], let type = typeNode.scalarText, typeNode.resolved != .null else {
            diagnostics.append(Diagnostic("\(owner) needs a 'type' (one of \(registry.types(of: kind).joined(separator: ", ")))", at: location))
            return nil
        }
        guard let pluginType = registry.plugin(kind: kind, type: type) else {
            diagnostics.append(Diagnostic(unknownTypeMessage(type, kind: kind), at: typeNode.location))
            return nil
        }
        let setup = PluginSetup(kind: kind, id: id, type: type, location: location, typeLocation: typeNode.location,
                                recipeDirectory: recipeDirectory, locale: locale, params: params, inputFiles: inputFiles)
        guard let (plugin, columnUses) = diagnostics.collect({ try pluginType.configuredForRecipe(node, setup: setup) }) else { return nil }
        for spec in pluginType.options {
            guard case .inputPath = spec.type, let pattern = node[spec.name]?.scalarText else { continue }
            readFiles += (try? inputFiles.files(pattern, in: recipeDirectory, at: location)) ?? []
        }
        let references = ReferenceCollector.references(in: node, specs: pluginType.options)
        return (type, plugin, references, columnUses)
    }

    private func unknownTypeMessage(_ type: String, kind: PluginKind) -> String {
        let known = registry.types(of: kind)
        var message = "unknown \(kind.rawValue) type '\(type)'"
        if let other = PluginKind.allCases.first(where: { $0 != kind && registry.plugin(kind: $0, type: type) != nil }) {
            message += " ('\(type)' is \(other == .source ? "a" : "an") \(other.rawValue))"
        }
        return message + Suggestion.hint(for: type, in: known)
    }
}

/// Finds the table ids that a configuration names, by walking it along its option specs.
enum ReferenceCollector {
    static func references(in node: YAMLNode, specs: [OptionSpec]) -> [TableReference] {
        specs.flatMap { spec in node[spec.name].map { references(in: $0, type: spec.type) } ?? [] }
    }

    static func references(in node: YAMLNode, type: OptionType) -> [TableReference] {
        switch type {
        case .reference:
            return node.scalarText.map { [TableReference(id: $0, location: node.location)] } ?? []
        case .list(let item):
            return (node.sequence ?? [node]).flatMap { references(in: $0, type: item) }
        case .map(let value):
            return (node.mapping ?? []).flatMap { references(in: $0.value, type: value) }
        case .record(let specs):
            return references(in: node, specs: specs)
        case .anyOf(let types):
            return types.lazy.map { references(in: node, type: $0) }.first { !$0.isEmpty } ?? []
        default:
            return []
        }
    }
}
