/// A table from YAML or JSON records (mappings), for the `inline` and `json` sources.
///
/// Columns appear in the order the records first name them; a record without a column has
/// null there. Types come from the values: integers, decimals (kept exact as written),
/// booleans, and text; a text column whose every value is an ISO date (`2025-03-15`) is a
/// date column. `specs` declare types instead, and a value that is not of its declared type is
/// an error at its place in the file.
public enum NodeTable {
    public static func make(rows: [[YAMLPair]], specs: [(name: String, spec: ColumnSpec)], cells: CellReader) throws -> Table {
        var names: [String] = []
        for row in rows {
            for pair in row { if let name = pair.key.scalarText, !names.contains(name) { names.append(name) } }
        }
        var diagnostics = Diagnostics()
        for (name, spec) in specs where !names.contains(name) {
            diagnostics.append(Diagnostic("no record has a column '\(name)'" + Suggestion.hint(for: name, in: names), at: spec.location))
        }
        var columns: [Column] = []
        var values = [[Value]](repeating: [], count: rows.count)
        for name in names {
            let nodes = rows.map { row in row.first { $0.key.scalarText == name }?.value }
            let declared = specs.first { $0.name == name }?.spec
            if let column = diagnostics.collect({ try Self.column(name, nodes, declared: declared, cells: cells) }) {
                columns.append(column.column)
                for index in rows.indices { values[index].append(column.values[index]) }
            }
        }
        try diagnostics.throwIfAny()
        return Table(columns: columns, rows: values)
    }

    private static func column(_ name: String, _ nodes: [YAMLNode?], declared: ColumnSpec?, cells: CellReader) throws
        -> (column: Column, values: [Value]) {
        if let declared {
            let values = try nodes.map { node -> Value in
                guard let node, let text = node.scalarText, node.resolved != .null else { return .null }
                guard let value = cells.read(Substring(text), as: declared.type, pattern: declared.datePattern) else {
                    throw Diagnostic("'\(text)' in column '\(name)' is not \(declared.type.rawValue)", at: node.location)
                }
                return value
            }
            return (Column(name, declared.type, plain: declared.isPlain), values)
        }
        var type: ColumnType?
        for node in nodes.compactMap({ $0 }) {
            let cellType: ColumnType?
            switch node.resolved {
            case .int: cellType = .int
            case .float: cellType = .decimal
            case .bool: cellType = .bool
            case .string: cellType = .string
            case .collection:
                throw Diagnostic("the value of '\(name)' must be a number, a text, true, false or null, not \(node.kindDescription)", at: node.location)
            default: cellType = nil
            }
            guard let cellType else { continue }
            switch (type, cellType) {
            case (nil, _): type = cellType
            case (.int, .decimal), (.decimal, .int): type = .decimal
            case let (current?, new) where current != new:
                guard node.scalarText != nil else {
                    throw Diagnostic("the value of '\(name)' must be a number, a text, true, false or null, not \(node.kindDescription)", at: node.location)
                }
                throw Diagnostic("column '\(name)' mixes \(current.rawValue) and \(new.rawValue) values; quote them all or declare the column in 'columns'",
                                 at: node.location)
            default: break
            }
        }
        let texts = nodes.map { $0?.resolved == .null ? nil : $0?.scalarText }
        if type == .string, texts.allSatisfy({ $0.map { cells.readDate(Substring($0)) != nil && $0.count == 10 } ?? true }) {
            type = .date
        }
        let finalType = type ?? .string
        let values = texts.map { text in text.flatMap { cells.read(Substring($0), as: finalType) } ?? .null }
        return (Column(name, finalType), values)
    }
}
