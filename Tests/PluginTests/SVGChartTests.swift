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

/// Category labels, placed by ``TextMeasure`` (the measure the layout itself uses), never touch:
/// not for a year of months, two years, fifty-six states or a year of days.
@Suite struct ChartLabelTests {
    static let states = ["Alabama", "Alaska", "American Samoa", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
                         "Delaware", "District of Columbia", "Florida", "Georgia", "Guam", "Hawaii", "Idaho", "Illinois", "Indiana",
                         "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota",
                         "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico",
                         "New York", "North Carolina", "North Dakota", "Northern Mariana Islands", "Ohio", "Oklahoma", "Oregon",
                         "Pennsylvania", "Puerto Rico", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas",
                         "U.S. Virgin Islands", "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming"]

    static func months(_ count: Int) -> [String] {
        (0..<count).map { String(format: "%02d/%d", $0 % 12 + 1, 2015 + $0 / 12) }
    }

    static func days(_ count: Int) -> [String] {
        (0..<count).map { day in String(format: "%02d/%02d/2015", day % 28 + 1, day / 28 % 12 + 1) }
    }

    func chart(_ kind: DocumentChart.Kind, _ labels: [String], isTime: Bool, series: Int = 1) -> DocumentChart {
        var chart = DocumentChart(kind: kind, title: nil, xLabels: labels,
                                  series: (0..<series).map { number in
                                      .init(name: "s\(number)", values: labels.indices.map { Double($0 * 37 % 101) },
                                            labels: labels.indices.map { "\($0 * 37 % 101)" })
                                  },
                                  formatNumber: { SVGChart.format($0) })
        chart.xIsTime = isTime
        return chart
    }

    func expectNoOverlap(_ chart: DocumentChart, shown minimum: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let layout = ChartLayout(chart)
        let boxes = layout.labelBoxes
        #expect(boxes.count >= minimum, "\(boxes.count) labels shown", sourceLocation: sourceLocation)
        for (index, box) in boxes.enumerated() {
            for other in boxes[(index + 1)...] {
                #expect(!box.overlaps(other), "\(box) and \(other) overlap", sourceLocation: sourceLocation)
            }
            for corner in box.corners {
                #expect(corner.0 >= 0 && corner.0 <= ChartLayout.width && corner.1 >= 0 && corner.1 <= layout.height,
                        "a label leaves the chart: \(box)", sourceLocation: sourceLocation)
            }
        }
        // The drawing writes exactly the labels the layout placed.
        let svg = SVGChart(chart: chart, identifier: "c").markup
        let written = svg.components(separatedBy: "dominant-baseline=\"central\"").count - 1
        #expect(written >= boxes.count, sourceLocation: sourceLocation)
    }

    @Test func aYearOfMonthsShowsEveryMonth() {
        expectNoOverlap(chart(.bar, Self.months(12), isTime: true), shown: 12)
        expectNoOverlap(chart(.line, Self.months(12), isTime: true), shown: 12)
    }

    @Test func twoYearsOfMonths() {
        expectNoOverlap(chart(.bar, Self.months(24), isTime: true), shown: 12)
        expectNoOverlap(chart(.line, Self.months(24), isTime: true, series: 2), shown: 12)
    }

    @Test func fiftySixStatesGoAcrossWithEveryName() {
        let bars = chart(.bar, Self.states, isTime: false)
        #expect(ChartLayout(bars).isHorizontal)
        expectNoOverlap(bars, shown: 56)
        #expect(ChartLayout(bars).height < 1000, "fits an A4 page's text (about 1,000 units)")
        var up = bars
        up.orientation = .vertical
        expectNoOverlap(up, shown: 10)
        expectNoOverlap(chart(.line, Self.states, isTime: false), shown: 10)
    }

    @Test func aYearOfDaysIsThinned() {
        let line = chart(.line, Self.days(365), isTime: true)
        expectNoOverlap(line, shown: 8)
        #expect(!SVGChart(chart: line, identifier: "c").markup.contains("<circle"), "no markers on a dense line")
        expectNoOverlap(chart(.bar, Self.days(365), isTime: true), shown: 8)
        expectNoOverlap(chart(.bar, Self.days(365), isTime: false), shown: 8)
    }

    @Test func slantedBoxesAreTestedAsSlanted() {
        let a = LabelBox(centerX: 0, centerY: 0, width: 100, height: 10, angle: -45)
        #expect(a.overlaps(LabelBox(centerX: 5, centerY: 5, width: 100, height: 10, angle: -45)))
        #expect(!a.overlaps(LabelBox(centerX: 20, centerY: 0, width: 100, height: 10, angle: -45)), "20 apart is 14 across the text")
        #expect(!a.overlaps(LabelBox(centerX: 60, centerY: 60, width: 10, height: 10)))
    }

    @Test func wholeNumbersGetWholeTicks() {
        var counts = chart(.bar, ["a", "b", "c"], isTime: false)
        counts.series[0].values = [3, 7, 12]
        counts.isIntegral = true
        #expect(ChartScale(for: counts).ticks.allSatisfy { $0 == $0.rounded() })
        counts.series[0].values = [1, 2, 1]
        #expect(ChartScale(for: counts).step == 1)
    }

    @Test func aTargetStaysInViewAndIsNamed() {
        var bars = chart(.bar, ["2021", "2022"], isTime: true)
        bars.series[0].values = [40, 45]
        bars.target = .init(name: "Target", values: [90], labels: ["90"])
        #expect(ChartScale(for: bars).high >= 90)
        let svg = SVGChart(chart: bars, identifier: "c").markup
        #expect(svg.contains("stroke-dasharray=\"6 4\""))
        #expect(svg.contains(">Target 90</text>"))
        #expect(svg.contains("Target: 90</desc>"))
    }
}
