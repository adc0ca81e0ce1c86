import Foundation
import ReportKit

/// A chart drawn as inline SVG by our own code (no scripts, no network): bars, lines or
/// areas, one or several series, axes with "nice" ticks written in the locale's numbers, a
/// legend for several series, a title, and a text alternative for screen readers.
struct SVGChart {
    let chart: DocumentChart
    let identifier: String

    private let width = 640.0, height = 320.0
    private let left = 64.0, right = 16.0, top = 16.0, bottom = 56.0
    static let palette = ["#1f77b4", "#e8710a", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]

    var markup: String {
        let (low, high, step) = Self.axis(for: chart)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func y(_ value: Double) -> Double { top + plotHeight * (1 - (value - low) / (high - low)) }
        let count = max(chart.xLabels.count, 1)
        let slot = plotWidth / Double(count)
        var parts: [String] = []
        // Grid and y ticks.
        var tick = low
        while tick <= high + step / 2 {
            let position = Self.format(y(tick))
            parts.append("<line class=\"grid\" x1=\"\(Self.format(left))\" x2=\"\(Self.format(width - right))\" y1=\"\(position)\" y2=\"\(position)\"/>")
            parts.append("<text class=\"tick\" x=\"\(Self.format(left - 6))\" y=\"\(position)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(HTMLText.escape(chart.formatNumber(tick)))</text>")
            tick += step
        }
        // Series.
        for (index, series) in chart.series.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            switch chart.kind {
            case .bar:
                let barWidth = slot * 0.8 / Double(chart.series.count)
                for (position, value) in series.values.enumerated() {
                    guard let value else { continue }
                    let x = left + slot * Double(position) + slot * 0.1 + barWidth * Double(index)
                    let top = min(y(value), y(0)), extent = abs(y(value) - y(0))
                    parts.append("<rect x=\"\(Self.format(x))\" y=\"\(Self.format(top))\" width=\"\(Self.format(barWidth))\" height=\"\(Self.format(extent))\" fill=\"\(color)\"><title>\(HTMLText.escape(chart.xLabels[position])): \(HTMLText.escape(series.labels[position]))</title></rect>")
                }
            case .line, .area:
                let points = series.values.enumerated().compactMap { position, value in
                    value.map { (left + slot * (Double(position) + 0.5), y($0)) }
                }
                let path = points.map { "\(Self.format($0.0)),\(Self.format($0.1))" }.joined(separator: " ")
                if chart.kind == .area, let first = points.first, let last = points.last {
                    let base = Self.format(y(max(low, 0)))
                    parts.append("<polygon points=\"\(Self.format(first.0)),\(base) \(path) \(Self.format(last.0)),\(base)\" fill=\"\(color)\" fill-opacity=\"0.25\" stroke=\"none\"/>")
                }
                parts.append("<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>")
                for point in points {
                    parts.append("<circle cx=\"\(Self.format(point.0))\" cy=\"\(Self.format(point.1))\" r=\"3\" fill=\"\(color)\"/>")
                }
            }
        }
        // X axis and labels; with many labels only every k-th is written.
        parts.append("<line class=\"axis\" x1=\"\(Self.format(left))\" x2=\"\(Self.format(width - right))\" y1=\"\(Self.format(y(max(low, 0))))\" y2=\"\(Self.format(y(max(low, 0))))\"/>")
        let every = max(1, Int((Double(count) / 12).rounded(.up)))
        for (position, label) in chart.xLabels.enumerated() where position % every == 0 {
            let x = Self.format(left + slot * (Double(position) + 0.5))
            parts.append("<text class=\"label\" x=\"\(x)\" y=\"\(Self.format(height - bottom + 18))\" text-anchor=\"middle\">\(HTMLText.escape(label))</text>")
        }
        if chart.series.count > 1 {
            var x = left
            for (index, series) in chart.series.enumerated() {
                parts.append("<rect x=\"\(Self.format(x))\" y=\"\(Self.format(height - 18))\" width=\"10\" height=\"10\" fill=\"\(Self.palette[index % Self.palette.count])\"/>")
                parts.append("<text class=\"legend\" x=\"\(Self.format(x + 14))\" y=\"\(Self.format(height - 9))\">\(HTMLText.escape(series.name))</text>")
                x += 24 + Double(DisplayWidth.of(series.name)) * 7
            }
        }
        let title = HTMLText.escape(chart.title ?? chart.series.map(\.name).joined(separator: ", "))
        return """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="\(identifier)-title \(identifier)-desc" xmlns="http://www.w3.org/2000/svg">
            <title id="\(identifier)-title">\(title)</title>
            <desc id="\(identifier)-desc">\(HTMLText.escape(description))</desc>
            \(parts.joined(separator: "\n"))
            </svg>
            """
    }

    /// The chart in words, for screen readers: every series with every value.
    private var description: String {
        chart.series.map { series in
            series.name + ": " + zip(chart.xLabels, series.labels).map { "\($0) \($1.isEmpty ? "–" : $1)" }.joined(separator: "; ")
        }.joined(separator: ". ")
    }

    /// The value axis: from zero, on which bars and areas stand, except for a line whose values
    /// lie close together (the lowest above five sixths of the highest, Excel's rule): drawn
    /// from zero it would be flat, so its axis starts below its lowest value.
    static func axis(for chart: DocumentChart) -> (low: Double, high: Double, step: Double) {
        let values = chart.series.flatMap { $0.values.compactMap { $0 } }
        let smallest = values.min() ?? 0, largest = values.max() ?? 1
        var low = min(0, smallest)
        if chart.kind == .line, smallest > 0, largest - smallest < largest / 6 { low = smallest - (largest - smallest) / 2 }
        return niceScale(low, max(0, largest))
    }

    /// Axis bounds and a step of 1, 2, 2.5 or 5 times a power of ten, about five ticks.
    static func niceScale(_ low: Double, _ high: Double) -> (Double, Double, Double) {
        let span = high - low > 0 ? high - low : max(abs(high), 1)
        let rough = span / 5
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        return (floor(low / step) * step, ceil(high / step) * step == floor(low / step) * step ? floor(low / step) * step + step : ceil(high / step) * step, step)
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
