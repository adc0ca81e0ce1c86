import Foundation
import ReportKit

/// A chart drawn as inline SVG by our own code (no scripts, no network): bars (grouped or
/// stacked, up or across), lines or areas, one or several series, a target, axes with "nice"
/// ticks written in the locale's numbers, labels placed by ``ChartLayout`` so that none
/// collide, a legend, axis titles, and a text alternative with every value.
struct SVGChart {
    let chart: DocumentChart
    let identifier: String

    static let palette = ["#1f5f99", "#e07b00", "#2e8540", "#c0392b", "#7b4fa0", "#8c564b"]
    static let targetColor = "#1b1f24"

    static func color(of series: DocumentChart.Series, at index: Int) -> String {
        series.color ?? palette[index % palette.count]
    }

    var markup: String {
        let layout = ChartLayout(chart)
        var parts = grid(layout)
        switch chart.kind {
        case .bar: parts += bars(layout)
        case .line, .area: parts += lines(layout)
        }
        parts += target(layout)
        let zero = Self.format(layout.position(max(layout.scale.low, min(0, layout.scale.high))))
        parts.append(layout.isHorizontal
            ? "<line class=\"axis\" x1=\"\(zero)\" x2=\"\(zero)\" y1=\"\(Self.format(layout.top))\" y2=\"\(Self.format(layout.bottom))\"/>"
            : "<line class=\"axis\" x1=\"\(Self.format(layout.left))\" x2=\"\(Self.format(layout.right))\" y1=\"\(zero)\" y2=\"\(zero)\"/>")
        parts += categoryLabels(layout) + titles(layout) + legend(layout)
        let title = HTMLText.escape(chart.title ?? chart.series.map(\.name).joined(separator: ", "))
        return """
            <svg class="chart" viewBox="0 0 \(Int(ChartLayout.width)) \(Int(layout.height.rounded(.up)))" role="img" aria-labelledby="\(identifier)-title \(identifier)-desc" xmlns="http://www.w3.org/2000/svg">
            <title id="\(identifier)-title">\(title)</title>
            <desc id="\(identifier)-desc">\(HTMLText.escape(description))</desc>
            \(parts.joined(separator: "\n"))
            </svg>
            """
    }

    /// The chart in words, for screen readers: every series with every value, and the target.
    private var description: String {
        var sentences = chart.series.map { series in
            series.name + ": " + zip(chart.xLabels, series.labels).map { "\($0) \($1.isEmpty ? "–" : $1)" }.joined(separator: "; ")
        }
        if let target = chart.target {
            sentences.append(target.isPerCategory
                ? target.name + ": " + zip(chart.xLabels, target.labels).map { "\($0) \($1.isEmpty ? "–" : $1)" }.joined(separator: "; ")
                : target.name + ": " + (target.labels.first ?? ""))
        }
        return sentences.joined(separator: ". ")
    }

    private func grid(_ layout: ChartLayout) -> [String] {
        layout.scale.ticks.flatMap { tick -> [String] in
            let at = Self.format(layout.position(tick)), text = HTMLText.escape(chart.formatNumber(tick))
            if layout.isHorizontal {
                let y = Self.format(layout.bottom + 8 + CategoryLabels.lineHeight / 2)
                return ["<line class=\"grid\" x1=\"\(at)\" x2=\"\(at)\" y1=\"\(Self.format(layout.top))\" y2=\"\(Self.format(layout.bottom))\"/>",
                        "<text x=\"\(at)\" y=\"\(y)\" text-anchor=\"middle\" dominant-baseline=\"central\">\(text)</text>"]
            }
            return ["<line class=\"grid\" x1=\"\(Self.format(layout.left))\" x2=\"\(Self.format(layout.right))\" y1=\"\(at)\" y2=\"\(at)\"/>",
                    "<text x=\"\(Self.format(layout.left - 8))\" y=\"\(at)\" text-anchor=\"end\" dominant-baseline=\"central\">\(text)</text>"]
        }
    }

    /// A bar of category `index` from value `from` to `to`, in band `band` of `bands`.
    private func bar(_ layout: ChartLayout, index: Int, band: Int, bands: Int, from: Double, to: Double, color: String, tip: String) -> String {
        let slot = layout.slot(index)
        let group = slot.extent * (layout.isHorizontal ? 0.72 : 0.8), thickness = group / Double(bands)
        let start = slot.center - group / 2 + thickness * Double(band)
        let low = min(layout.position(from), layout.position(to)), length = abs(layout.position(to) - layout.position(from))
        let (x, y, width, height) = layout.isHorizontal ? (low, start, length, thickness) : (start, low, thickness, length)
        return "<rect x=\"\(Self.format(x))\" y=\"\(Self.format(y))\" width=\"\(Self.format(width))\" height=\"\(Self.format(height))\" fill=\"\(color)\"><title>\(HTMLText.escape(tip))</title></rect>"
    }

    private func bars(_ layout: ChartLayout) -> [String] {
        var parts: [String] = []
        var positive = [Double](repeating: 0, count: chart.xLabels.count), negative = positive
        for (number, series) in chart.series.enumerated() {
            let color = Self.color(of: series, at: number)
            for (index, value) in series.values.enumerated() {
                guard let value else { continue }
                let tip = "\(chart.xLabels[index]), \(series.name): \(series.labels[index])"
                if chart.isStacked {
                    let base = value >= 0 ? positive[index] : negative[index]
                    if value >= 0 { positive[index] += value } else { negative[index] += value }
                    parts.append(bar(layout, index: index, band: 0, bands: 1, from: base, to: base + value, color: color, tip: tip))
                } else {
                    parts.append(bar(layout, index: index, band: number, bands: chart.series.count, from: 0, to: value, color: color, tip: tip))
                }
            }
        }
        return parts
    }

    private func lines(_ layout: ChartLayout) -> [String] {
        var parts: [String] = []
        var base = [Double](repeating: 0, count: chart.xLabels.count)
        // Markers only where points stand apart; a dense line is a line.
        let markers = chart.xLabels.count <= 40 && layout.slot(0).extent >= 14
        for (number, series) in chart.series.enumerated() {
            let color = Self.color(of: series, at: number)
            let tops = series.values.indices.map { index in series.values[index].map { $0 + (chart.isStacked ? base[index] : 0) } }
            for run in Self.runs(tops) {
                let points = run.map { (layout.slot($0).center, layout.position(tops[$0]!)) }
                let path = points.map { "\(Self.format($0.0)),\(Self.format($0.1))" }.joined(separator: " ")
                if chart.kind == .area {
                    let floor = run.reversed().map { index in
                        "\(Self.format(layout.slot(index).center)),\(Self.format(layout.position(chart.isStacked ? base[index] : max(layout.scale.low, 0))))"
                    }.joined(separator: " ")
                    parts.append("<polygon points=\"\(path) \(floor)\" fill=\"\(color)\" fill-opacity=\"\(chart.isStacked ? "0.7" : "0.25")\" stroke=\"none\"/>")
                }
                parts.append("<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-linejoin=\"round\"/>")
                if markers {
                    parts += points.map { "<circle cx=\"\(Self.format($0.0))\" cy=\"\(Self.format($0.1))\" r=\"3\" fill=\"\(color)\"/>" }
                }
            }
            if chart.isStacked { base = base.indices.map { base[$0] + (series.values[$0] ?? 0) } }
        }
        return parts
    }

    /// Runs of consecutive indices that have a value: a missing value breaks a line.
    static func runs(_ values: [Double?]) -> [[Int]] {
        var runs: [[Int]] = [], current: [Int] = []
        for (index, value) in values.enumerated() {
            if value == nil { if !current.isEmpty { runs.append(current) }; current = [] } else { current.append(index) }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// A constant target is a dashed line across the plot; one per category is a mark across
    /// each bar group, or a dashed line through the points of a line chart.
    private func target(_ layout: ChartLayout) -> [String] {
        guard let target = chart.target else { return [] }
        let style = "stroke=\"\(Self.targetColor)\" stroke-width=\"2\""
        if !target.isPerCategory {
            guard let value = target.values.first ?? nil else { return [] }
            let at = Self.format(layout.position(value))
            return [layout.isHorizontal
                ? "<line x1=\"\(at)\" x2=\"\(at)\" y1=\"\(Self.format(layout.top))\" y2=\"\(Self.format(layout.bottom))\" \(style) stroke-dasharray=\"6 4\"/>"
                : "<line x1=\"\(Self.format(layout.left))\" x2=\"\(Self.format(layout.right))\" y1=\"\(at)\" y2=\"\(at)\" \(style) stroke-dasharray=\"6 4\"/>"]
        }
        if chart.kind == .bar {
            return target.values.enumerated().compactMap { index, value in
                guard let value else { return nil }
                let slot = layout.slot(index), half = slot.extent * 0.45, at = Self.format(layout.position(value))
                let tip = "<title>\(HTMLText.escape("\(chart.xLabels[index]), \(target.name): \(target.labels[index])"))</title>"
                return layout.isHorizontal
                    ? "<line x1=\"\(at)\" x2=\"\(at)\" y1=\"\(Self.format(slot.center - half))\" y2=\"\(Self.format(slot.center + half))\" \(style)>\(tip)</line>"
                    : "<line x1=\"\(Self.format(slot.center - half))\" x2=\"\(Self.format(slot.center + half))\" y1=\"\(at)\" y2=\"\(at)\" \(style)>\(tip)</line>"
            }
        }
        return Self.runs(target.values).map { run in
            let path = run.map { "\(Self.format(layout.slot($0).center)),\(Self.format(layout.position(target.values[$0]!)))" }.joined(separator: " ")
            return "<polyline points=\"\(path)\" fill=\"none\" \(style) stroke-dasharray=\"6 4\"/>"
        }
    }

    private func categoryLabels(_ layout: ChartLayout) -> [String] {
        chart.xLabels.indices.compactMap { index -> String? in
            guard let box = layout.labelBox(at: index), let lines = layout.labels.lines[index] else { return nil }
            let text = lines.map(HTMLText.escape)
            if layout.isHorizontal {
                return "<text x=\"\(Self.format(layout.left - 8))\" y=\"\(Self.format(box.centerY))\" text-anchor=\"end\" dominant-baseline=\"central\">\(text[0])</text>"
            }
            let tick = "<line class=\"axis\" x1=\"\(Self.format(layout.slot(index).center))\" x2=\"\(Self.format(layout.slot(index).center))\" y1=\"\(Self.format(layout.bottom))\" y2=\"\(Self.format(layout.bottom + 4))\"/>"
            switch layout.labels.style {
            case .slanted:
                let along = box.width / 2 * cos(Double.pi / 4)
                let x = Self.format(box.centerX + along), y = Self.format(box.centerY - along)
                return tick + "<text x=\"\(x)\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"central\" transform=\"rotate(-45 \(x) \(y))\">\(text[0])</text>"
            case .wrapped:
                let first = box.centerY - CategoryLabels.lineHeight / 2
                return tick + "<text x=\"\(Self.format(box.centerX))\" y=\"\(Self.format(first))\" text-anchor=\"middle\" dominant-baseline=\"central\">"
                    + text.enumerated().map { "<tspan x=\"\(Self.format(box.centerX))\" dy=\"\($0.offset == 0 ? "0" : Self.format(CategoryLabels.lineHeight))\">\($0.element)</tspan>" }.joined()
                    + "</text>"
            case .across, .thinned:
                return tick + "<text x=\"\(Self.format(box.centerX))\" y=\"\(Self.format(box.centerY))\" text-anchor=\"middle\" dominant-baseline=\"central\">\(text[0])</text>"
            }
        }
    }

    private func titles(_ layout: ChartLayout) -> [String] {
        // The category axis is x, the value axis y, whichever way the bars run.
        let categoryTitle = chart.xTitle.map(HTMLText.escape), valueTitle = chart.yTitle.map(HTMLText.escape)
        let (leftTitle, bottomTitle) = layout.isHorizontal ? (categoryTitle, valueTitle) : (valueTitle, categoryTitle)
        var parts: [String] = []
        if let leftTitle {
            let y = Self.format((layout.top + layout.bottom) / 2)
            parts.append("<text class=\"axis-title\" x=\"15\" y=\"\(y)\" text-anchor=\"middle\" dominant-baseline=\"central\" transform=\"rotate(-90 15 \(y))\">\(leftTitle)</text>")
        }
        if let bottomTitle {
            parts.append("<text class=\"axis-title\" x=\"\(Self.format((layout.left + layout.right) / 2))\" y=\"\(Self.format(layout.height - 14))\" text-anchor=\"middle\" dominant-baseline=\"central\">\(bottomTitle)</text>")
        }
        return parts
    }

    private func legend(_ layout: ChartLayout) -> [String] {
        layout.legend.flatMap { item -> [String] in
            let swatch = item.isLine
                ? "<line x1=\"\(Self.format(item.x))\" x2=\"\(Self.format(item.x + 16))\" y1=\"\(Self.format(item.y))\" y2=\"\(Self.format(item.y))\" stroke=\"\(item.color)\" stroke-width=\"\(item.isDashed ? 2 : 3)\"\(item.isDashed ? " stroke-dasharray=\"5 3\"" : "")/>"
                : "<rect x=\"\(Self.format(item.x))\" y=\"\(Self.format(item.y - 6))\" width=\"12\" height=\"12\" fill=\"\(item.color)\"/>"
            return [swatch, "<text x=\"\(Self.format(item.x + 22))\" y=\"\(Self.format(item.y))\" dominant-baseline=\"central\">\(HTMLText.escape(item.name))</text>"]
        }
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
