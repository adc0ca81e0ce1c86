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
            if word != "page_break" {
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
    }
}
