import ReportKit

/// Extractors that compute a review's figures from tables.
public enum TableExtractors: PluginModule {
    public static let plugins: [any Plugin.Type] = [
        FilterExtractor.self, ComputeExtractor.self, SortExtractor.self, TopExtractor.self, AggregateExtractor.self,
        CompareExtractor.self, TrendExtractor.self, PivotExtractor.self, JoinExtractor.self,
    ]
}
