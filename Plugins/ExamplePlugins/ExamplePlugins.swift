import ReportKit

/// The plugins the README's "Adding a plugin" shows, one of each kind, each a file to copy:
/// `lines` (a source), `share` and `rank` (extractors), `tsv` (an output).
public enum ExamplePlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [LinesSource.self, ShareExtractor.self, RankExtractor.self, TSVOutput.self]
}
