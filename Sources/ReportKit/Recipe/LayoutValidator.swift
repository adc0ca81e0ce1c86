import Foundation

/// Checks `layout` blocks against ``LayoutBlocks`` and gathers the tables they name.
struct LayoutValidator {
    var diagnostics = Diagnostics()
    private(set) var references: [TableReference] = []

    mutating func check(_ layout: YAMLNode?) -> [YAMLNode] {
        guard let layout else { return [] }
        let blocks = layout.sequence ?? [layout]
        for block in blocks { checkBlock(block) }
        return blocks
    }

    private mutating func checkBlock(_ block: YAMLNode) {
        let names = LayoutBlocks.kinds.map(\.name)
        if let word = block.scalarText {
            if !LayoutBlocks.bareWords.contains(word) {
                diagnostics.append(Diagnostic("unknown layout block '\(word)'" + Suggestion.hint(for: word, in: names), at: block.location))
            }
            return
        }
        guard let pairs = block.mapping, let firstKey = pairs.first?.key.scalarText else {
            diagnostics.append(Diagnostic("a layout block must be a mapping such as '- heading: Results', not \(block.kindDescription)",
                                          at: block.location))
            return
        }
        let kinds = pairs.compactMap { $0.key.scalarText.flatMap(LayoutBlocks.kind(named:)) }
        guard let kind = kinds.first else {
            diagnostics.append(Diagnostic("unknown layout block '\(firstKey)'" + Suggestion.hint(for: firstKey, in: names), at: block.location))
            return
        }
        if kinds.count > 1 {
            diagnostics.append(Diagnostic("a layout block has one kind, but this one has '\(kind.name)' and '\(kinds[1].name)'",
                                          at: block.location))
            return
        }
        var validator = OptionValidator()
        validator.checkRecord(block, specs: kind.keys, owner: "this \(kind.name) block")
        validator.diagnostics.all.forEach { diagnostics.append($0) }
        references += ReferenceCollector.references(in: block, specs: kind.keys)
        if let chart = block["chart"], chart.mapping != nil { checkChart(chart) }
        if kind.name == "table", let code = block["currency"], let text = code.scalarText { checkCurrency(text, at: code) }
    }

    /// What the shapes cannot say: colours are `#rgb` or `#rrggbb` (they are written into
    /// SVG and CSS), and only bars and areas stack.
    private mutating func checkChart(_ chart: YAMLNode) {
        let colors = chart["colors"].map { $0.mapping?.map(\.value) ?? $0.sequence ?? [$0] } ?? []
        for color in colors {
            guard let text = color.scalarText else { continue }
            if !Self.isHexColor(text) {
                diagnostics.append(Diagnostic("a colour is written #rrggbb or #rgb (such as \"#1f6f9f\"), not '\(text)'", at: color.location))
            }
        }
        if let stacked = chart["stacked"], stacked.resolved == .bool(true), chart["type"]?.scalarText == "line" {
            diagnostics.append(Diagnostic("lines are not stacked; 'stacked: true' is for bar and area charts", at: stacked.location))
        }
    }

    static func isHexColor(_ text: String) -> Bool {
        let digits = text.dropFirst()
        return text.first == "#" && (digits.count == 3 || digits.count == 6) && digits.allSatisfy(\.isHexDigit)
    }

    private mutating func checkCurrency(_ code: String, at node: YAMLNode) {
        let known = Locale.commonISOCurrencyCodes
        if !known.contains(code) {
            diagnostics.append(Diagnostic("unknown currency '\(code)'; write an ISO 4217 code such as USD, EUR or VND"
                                          + Suggestion.hint(for: code, in: known, listing: false), at: node.location))
        }
    }
}
