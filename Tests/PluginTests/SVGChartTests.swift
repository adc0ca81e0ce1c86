import Testing
@testable import HTMLPlugins
@testable import ReportKit

/// Where a chart's value axis starts and how it is ticked.
@Suite struct SVGChartTests {
    func chart(_ kind: DocumentChart.Kind, _ values: [Double?]) -> DocumentChart {
        DocumentChart(kind: kind, title: nil, xLabels: values.indices.map(String.init),
                      series: [.init(name: "v", values: values, labels: values.map { $0.map { "\($0)" } ?? "" })],
                      formatNumber: { "\($0)" })
    }

    @Test func barsAndAreasStandOnZero() {
        #expect(ChartScale(for: chart(.bar, [97.7, 98.6])) == ChartScale(low: 0, high: 100, step: 20))
        #expect(ChartScale(for: chart(.area, [97.7, 98.6])) == ChartScale(low: 0, high: 100, step: 20))
        #expect(ChartScale(for: chart(.bar, [-12, 40])) == ChartScale(low: -20, high: 40, step: 20))
    }

    /// Rates between 97.7% and 98.6% drawn from zero would be one flat line.
    @Test func aLineOfCloseValuesGetsRoomToMove() {
        #expect(ChartScale(for: chart(.line, [97.7, 98.6, nil, 98.0])) == ChartScale(low: 97, high: 99, step: 0.5))
        #expect(ChartScale(for: chart(.line, [50, 98])) == ChartScale(low: 0, high: 100, step: 20), "values far apart keep zero")
        #expect(ChartScale(for: chart(.line, [-5, -4])) == ChartScale(low: -5, high: 0, step: 1), "negative values keep zero")
        #expect(ChartScale(for: chart(.line, [7, 7])).low < 7, "one value still has an axis below it")
    }
}
