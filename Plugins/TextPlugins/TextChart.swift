import ReportKit

/// A chart as horizontal bars of block characters, one line per x value and series.
struct TextChart {
    let text: String

    init(_ chart: DocumentChart, width: Int) {
        let labelWidth = chart.xLabels.map { DisplayWidth.of($0) }.max() ?? 0
        let nameWidth = chart.series.count > 1 ? (chart.series.map { DisplayWidth.of($0.name) }.max() ?? 0) + 1 : 0
        let largest = chart.series.flatMap { $0.values.compactMap { $0 } }.map(abs).max() ?? 0
        // Room for the value after the bar, and for a target per x value after it.
        let targetWidth = chart.target.map { goal in
            goal.isPerCategory ? (goal.labels.map { DisplayWidth.of(" (\(goal.name): \($0))") }.max() ?? 0) : 0
        } ?? 0
        let room = max(10, width - labelWidth - nameWidth - 14 - targetWidth)
        var lines = chart.title.map { [$0] } ?? []
        for (index, label) in chart.xLabels.enumerated() {
            for (number, series) in chart.series.enumerated() {
                let value = series.values[index]
                let cells = largest > 0 ? Int(((abs(value ?? 0) / largest) * Double(room)).rounded()) : 0
                let name = chart.series.count > 1 ? DisplayWidth.padRight(series.name, to: nameWidth - 1) + " " : ""
                let shown = number == 0 ? label : ""
                let bar = String(repeating: "█", count: cells)
                // A target per x value follows the first series' value.
                var target = ""
                if number == 0, let goal = chart.target, goal.isPerCategory, !goal.labels[index].isEmpty {
                    target = " (\(goal.name): \(goal.labels[index]))"
                }
                lines.append(DisplayWidth.padRight(shown, to: labelWidth) + "  " + name + bar
                             + (value == nil ? "" : (bar.isEmpty ? "" : " ") + series.labels[index]) + target)
            }
        }
        if let goal = chart.target, !goal.isPerCategory { lines.append("\(goal.name): \(goal.labels.first ?? "")") }
        text = lines.map { line in
            var trimmed = line
            while trimmed.last == " " { trimmed.removeLast() }
            return trimmed
        }.joined(separator: "\n")
    }
}

public enum TextPlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [TextSource.self, TextOutput.self]
}
