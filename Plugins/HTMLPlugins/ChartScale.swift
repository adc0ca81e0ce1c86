import Foundation
import ReportKit

/// A chart's value axis: its bounds and ticks.
struct ChartScale: Equatable {
    var low: Double
    var high: Double
    var step: Double

    /// From zero, on which bars and areas stand, except for a line whose values lie close
    /// together (the lowest above five sixths of the highest, Excel's rule): drawn from zero it
    /// would be flat, so its axis starts below its lowest value. Stacked series are measured
    /// by their sums; a target is kept in view; whole numbers get whole ticks.
    init(for chart: DocumentChart) {
        var values = chart.isStacked ? Self.stackExtents(chart) : chart.series.flatMap { $0.values.compactMap { $0 } }
        values += chart.target?.values.compactMap { $0 } ?? []
        let smallest = values.min() ?? 0, largest = values.max() ?? 1
        var low = min(0, smallest)
        if chart.kind == .line, smallest > 0, largest - smallest < largest / 6 { low = smallest - (largest - smallest) / 2 }
        self = Self.nice(low, max(0, largest), integral: chart.isIntegral)
    }

    init(low: Double, high: Double, step: Double) {
        self.low = low
        self.high = high
        self.step = step
    }

    /// Bounds and a step of 1, 2, 2.5 or 5 times a power of ten, about five ticks; for whole
    /// numbers a whole step of 1, 2 or 5 times a power of ten, never below 1.
    static func nice(_ low: Double, _ high: Double, integral: Bool = false) -> ChartScale {
        let span = high - low > 0 ? high - low : max(abs(high), 1)
        let rough = span / 5
        let magnitude = pow(10, floor(log10(rough)))
        let multiples: [Double] = integral ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10]
        var step = multiples.map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        if integral { step = max(1, step.rounded()) }
        let bottom = floor(low / step) * step
        var top = ceil(high / step) * step
        if top == bottom { top = bottom + step }
        return ChartScale(low: bottom, high: top, step: step)
    }

    /// Every tick from low to high.
    var ticks: [Double] {
        let count = Int(((high - low) / step).rounded())
        return (0...max(count, 0)).map { low + Double($0) * step }
    }

    /// The sum of each x's positive values and of its negative ones.
    static func stackExtents(_ chart: DocumentChart) -> [Double] {
        chart.xLabels.indices.flatMap { index -> [Double] in
            let values = chart.series.compactMap { $0.values[index] }
            return [values.filter { $0 > 0 }.reduce(0, +), values.filter { $0 < 0 }.reduce(0, +)]
        }
    }
}
