import ReportKit

/// A chart as horizontal bars of block characters, one line per x value and series.
struct TextChart {
    let text: String

    init(_ chart: DocumentChart, width: Int) {
        let labelWidth = chart.xLabels.map { DisplayWidth.of($0) }.max() ?? 0
        let nameWidth = chart.series.count > 1 ? (chart.series.map { DisplayWidth.of($0.name) }.max() ?? 0) + 1 : 0
        let largest = chart.series.flatMap { $0.values.compactMap { $0 } }.map(abs).max() ?? 0
        let room = max(10, width - labelWidth - nameWidth - 14)
        var lines = chart.title.map { [$0] } ?? []
        for (index, label) in chart.xLabels.enumerated() {
            for (number, series) in chart.series.enumerated() {
                let value = series.values[index]
                let cells = largest > 0 ? Int(((abs(value ?? 0) / largest) * Double(room)).rounded()) : 0
                let name = chart.series.count > 1 ? DisplayWidth.padRight(series.name, to: nameWidth - 1) + " " : ""
                let shown = number == 0 ? label : ""
                let bar = String(repeating: "█", count: cells)
                lines.append(DisplayWidth.padRight(shown, to: labelWidth) + "  " + name + bar
                             + (value == nil ? "" : (bar.isEmpty ? "" : " ") + series.labels[index]))
            }
        }
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
