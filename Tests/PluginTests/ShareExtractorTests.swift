import Foundation
import ReportgenTesting
import ReportKit
import Testing
@testable import InlinePlugins
@testable import SharePlugins

/// The example plugin, tested the way the README shows a plugin's author.
@Suite struct ShareExtractorTests {
    @Test func sharesAddUpToAHundred() throws {
        let run = try RecipeRun("""
            reportgen: 1
            title: T
            sources: {sales: {type: inline, rows: [{region: North, revenue: 30}, {region: South, revenue: 10}, {region: East}]}}
            extractors: {shares: {type: share, input: sales, value: revenue}}
            outputs: []
            """, plugins: [InlinePlugins.self, SharePlugins.self])
        #expect(run.values("share", of: "shares") == [.decimal(75), .decimal(25), .null])
    }

    @Test func aTextColumnIsAnError() {
        #expect(throws: Diagnostics.self, "found while the recipe loads, before any data is read") {
            _ = try RecipeRun("""
                reportgen: 1
                title: T
                sources: {sales: {type: inline, rows: [{region: North}]}}
                extractors: {shares: {type: share, input: sales, value: region}}
                outputs: []
                """, plugins: [InlinePlugins.self, SharePlugins.self])
        }
    }
}
