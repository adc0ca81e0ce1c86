import ReportKit

/// The plugin modules built into the `reportgen` command: those of `pluginModules` in
/// `Package.swift`. Swift cannot discover conformances at run time, so `BuiltInListPlugin`
/// writes the list (`generatedPluginModules`) from that one place at build time.
public enum BuiltInPlugins {
    public static let modules: [any PluginModule.Type] = generatedPluginModules

    public static var registry: PluginRegistry { PluginRegistry(modules: modules) }
}
