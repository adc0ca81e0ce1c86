import Foundation
import ReportKit

/// Where everything of a chart goes, in SVG units (CSS pixels at the chart's full width of
/// 680, the width of an A4 page's text): the plot, the value scale, the category slots, the
/// labels (placed by measured width so that none touch), the legend and the axis titles.
/// Text is 13.5 units, 10 pt when printed at full width.
struct ChartLayout {
    static let width = 680.0
    static let fontSize = CategoryLabels.fontSize
    /// The most height horizontal bars take, so that the chart and its title fit an A4 page's
    /// text (about 990 units high), and the rows that fit in it: beyond, bars stay up.
    static let tallestPlot = 860.0
    static let mostRowsAcross = Int(tallestPlot / (fontSize + 1.5))

    let chart: DocumentChart
    let isHorizontal: Bool
    let scale: ChartScale
    let labels: CategoryLabels
    /// The plot's edges.
    let left: Double, right: Double, top: Double, bottom: Double
    let height: Double
    let legend: [LegendItem]

    struct LegendItem {
        var name: String
        var color: String
        var isLine: Bool
        var isDashed: Bool
        var x: Double, y: Double
    }

    init(_ chart: DocumentChart) {
        self.chart = chart
        let count = max(chart.xLabels.count, 1)
        let widest = chart.xLabels.map { TextMeasure.width(of: $0, size: Self.fontSize) }.max() ?? 0
        switch chart.orientation {
        case .horizontal: isHorizontal = chart.kind == .bar
        case .vertical: isHorizontal = false
        case .auto:
            // Names go across when they are many or long; time stays left to right.
            isHorizontal = chart.kind == .bar && !chart.xIsTime && count <= Self.mostRowsAcross
                && (count > 12 || widest + CategoryLabels.gap > (Self.width - 80) / Double(count))
        }
        scale = ChartScale(for: chart)
        let tickWidth = scale.ticks.map { TextMeasure.width(of: chart.formatNumber($0), size: Self.fontSize) }.max() ?? 0
        let labelWidth = min(widest, Self.width * 0.34)
        let left = isHorizontal ? 8 + (chart.xTitle == nil ? 0 : 22) + labelWidth + 8
                                : 8 + (chart.yTitle == nil ? 0 : 22) + tickWidth + 8
        let legend = Self.placeLegend(Self.legendItems(chart), from: left)
        let top = 8 + legend.height
        self.top = top
        self.legend = legend.items
        if isHorizontal {
            self.left = left
            right = Self.width - max(16, tickWidth / 2 + 4)
            let pitch = Self.rowPitch(count: count, series: chart.isStacked ? 1 : chart.series.count)
            bottom = top + pitch * Double(count)
            height = bottom + 8 + CategoryLabels.lineHeight + (chart.yTitle == nil ? 0 : 22) + 6
            labels = CategoryLabels(style: .across, lines: chart.xLabels.map { [CategoryLabels.cut($0, to: labelWidth)] })
        } else {
            var right = Self.width - 16, plotLeft = left
            var labels = CategoryLabels(chart.xLabels, slot: (right - left) / Double(count), isTime: chart.xIsTime)
            // A label sticking out past an edge moves the plot's edge in, once.
            let boxes = labels.lines.indices.compactMap { labels.box(at: $0, x: left + (right - left) * (Double($0) + 0.5) / Double(count), top: 0) }
            let lowest = boxes.flatMap { $0.corners.map(\.0) }.min() ?? 0, highest = boxes.flatMap { $0.corners.map(\.0) }.max() ?? 0
            if lowest < 4 || highest > Self.width - 4 {
                plotLeft += max(0, 4 - lowest)
                right -= max(0, highest - (Self.width - 4))
                labels = CategoryLabels(chart.xLabels, slot: (right - plotLeft) / Double(count), isTime: chart.xIsTime)
            }
            self.left = plotLeft
            self.right = right
            self.labels = labels
            bottom = top + 240
            height = bottom + 8 + labels.height + (chart.xTitle == nil ? 0 : 24) + 6
        }
    }

    /// The height of one category across: room for its bars and its label (at least a line
    /// and 1.5 units), 28 for a few, and no more than ``tallestPlot`` for them all.
    static func rowPitch(count: Int, series: Int) -> Double {
        let needed = max(CategoryLabels.fontSize + 1.5, 6 + 8 * Double(series))
        let comfortable = count <= 12 ? max(needed, 28) : max(needed, CategoryLabels.fontSize + 3)
        return max(needed, min(comfortable, tallestPlot / Double(max(count, 1))))
    }

    /// Where a value falls along the value axis.
    func position(_ value: Double) -> Double {
        let fraction = (value - scale.low) / (scale.high - scale.low)
        return isHorizontal ? left + (right - left) * fraction : bottom - (bottom - top) * fraction
    }

    /// The centre of category `index` along the category axis, and the slot's extent.
    func slot(_ index: Int) -> (center: Double, extent: Double) {
        let count = Double(max(chart.xLabels.count, 1))
        if isHorizontal {
            let extent = (bottom - top) / count
            return (top + extent * (Double(index) + 0.5), extent)
        }
        let extent = (right - left) / count
        return (left + extent * (Double(index) + 0.5), extent)
    }

    /// Every shown category label's box.
    var labelBoxes: [LabelBox] {
        chart.xLabels.indices.compactMap { labelBox(at: $0) }
    }

    func labelBox(at index: Int) -> LabelBox? {
        guard let text = labels.lines[index]?.first else { return nil }
        if isHorizontal {
            let width = TextMeasure.width(of: text, size: Self.fontSize)
            return LabelBox(centerX: left - 8 - width / 2, centerY: slot(index).center, width: width, height: Self.fontSize)
        }
        return labels.box(at: index, x: slot(index).center, top: bottom + 8)
    }

    private static func legendItems(_ chart: DocumentChart) -> [LegendItem] {
        var items: [LegendItem] = []
        if chart.series.count > 1 || chart.target != nil {
            for (index, series) in chart.series.enumerated() {
                items.append(LegendItem(name: series.name, color: SVGChart.color(of: series, at: index), isLine: chart.kind == .line,
                                        isDashed: false, x: 0, y: 0))
            }
        }
        if let target = chart.target {
            let name = target.isPerCategory ? target.name : target.name + " " + (target.labels.first ?? "")
            items.append(LegendItem(name: name, color: SVGChart.targetColor, isLine: true, isDashed: true, x: 0, y: 0))
        }
        return items
    }

    /// Items from `left`, wrapped to the chart's width; each row 20 high.
    private static func placeLegend(_ items: [LegendItem], from left: Double) -> (items: [LegendItem], height: Double) {
        guard !items.isEmpty else { return ([], 0) }
        var placed: [LegendItem] = [], x = left, row = 0.0
        for var item in items {
            let width = 22 + TextMeasure.width(of: item.name, size: fontSize) + 18
            if x > left, x + width > Self.width - 8 { x = left; row += 1 }
            item.x = x
            item.y = 8 + row * 20 + 7
            placed.append(item)
            x += width
        }
        return (placed, (row + 1) * 20 + 4)
    }
}
