/// The plugins a run can use, by kind and type name. A value: the command line builds one from
/// its built-in modules, tests build one from the modules they need.
public struct PluginRegistry: Sendable {
    public private(set) var sources: [String: any Source.Type] = [:]
    public private(set) var extractors: [String: any Extractor.Type] = [:]
    public private(set) var outputs: [String: any Output.Type] = [:]

    public init(modules: [any PluginModule.Type]) {
        for module in modules {
            for plugin in module.plugins { register(plugin) }
        }
    }

    public mutating func register(_ plugin: any Plugin.Type) {
        if let source = plugin as? any Source.Type { sources[plugin.type] = source }
        if let extractor = plugin as? any Extractor.Type { extractors[plugin.type] = extractor }
        if let output = plugin as? any Output.Type { outputs[plugin.type] = output }
    }

    public func plugin(kind: PluginKind, type: String) -> (any Plugin.Type)? {
        switch kind {
        case .source: return sources[type]
        case .extractor: return extractors[type]
        case .output: return outputs[type]
        }
    }

    /// Type names of one kind, sorted.
    public func types(of kind: PluginKind) -> [String] {
        switch kind {
        case .source: return sources.keys.sorted()
        case .extractor: return extractors.keys.sorted()
        case .output: return outputs.keys.sorted()
        }
    }

    /// Every plugin with its kind, sorted by kind then type.
    public var all: [(kind: PluginKind, plugin: any Plugin.Type)] {
        PluginKind.allCases.flatMap { kind in
            types(of: kind).compactMap { type in plugin(kind: kind, type: type).map { (kind, $0) } }
        }
    }
}
