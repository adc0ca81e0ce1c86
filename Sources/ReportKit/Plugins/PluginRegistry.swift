/// The plugins a run can use, by kind and type name. A value: the command line builds one from
/// its built-in modules, tests build one from the modules they need.
public struct PluginRegistry: Sendable {
    /// By kind, by type name. Filed by ``Plugin/kind``, not cast to each kind: a cast reads the
    /// program's protocol conformances, and casting forty plugins was a fifth of starting up.
    private var plugins: [PluginKind: [String: any Plugin.Type]] = [:]

    public init(modules: [any PluginModule.Type]) {
        for module in modules {
            for plugin in module.plugins { register(plugin) }
        }
    }

    public mutating func register(_ plugin: any Plugin.Type) {
        plugins[plugin.kind, default: [:]][plugin.type] = plugin
    }

    public func plugin(kind: PluginKind, type: String) -> (any Plugin.Type)? {
        plugins[kind]?[type]
    }

    /// Type names of one kind, sorted.
    public func types(of kind: PluginKind) -> [String] {
        (plugins[kind] ?? [:]).keys.sorted()
    }

    /// Every plugin with its kind, sorted by kind then type.
    public var all: [(kind: PluginKind, plugin: any Plugin.Type)] {
        PluginKind.allCases.flatMap { kind in
            types(of: kind).compactMap { type in plugin(kind: kind, type: type).map { (kind, $0) } }
        }
    }
}
