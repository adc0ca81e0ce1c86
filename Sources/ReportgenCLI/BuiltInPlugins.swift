import AggregatePlugins
import CSVPlugins
import HTMLPlugins
import InlinePlugins
import JSONPlugins
import MarkdownPlugins
import PatternPlugins
import SQLPlugins
import SharePlugins
import ReportKit
import TextPlugins
import XLSXPlugins

/// The plugin modules built into the `reportgen` command. Swift cannot discover conformances
/// at run time, so this list is the one place a new plugin module is added.
public enum BuiltInPlugins {
    public static let modules: [any PluginModule.Type] = [
        AggregatePlugins.self,
        CSVPlugins.self,
        HTMLPlugins.self,
        InlinePlugins.self,
        JSONPlugins.self,
        MarkdownPlugins.self,
        PatternPlugins.self,
        SQLPlugins.self,
        SharePlugins.self,
        TextPlugins.self,
        XLSXPlugins.self,
    ]

    public static var registry: PluginRegistry { PluginRegistry(modules: modules) }
}
