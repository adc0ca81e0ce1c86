/// Adding, replacing, renaming and dropping columns by name: the rows follow, so that an
/// extractor never appends to every row by hand.
///
///     var table = try options.input.table(in: inputs)
///     let revenue = try options.value.index(in: table)
///     table.addColumn(Column("share", .decimal, percent: true)) { row in Value.divide(row[revenue], total) }
///     table.dropColumns(["note"])
extension Table {
    /// Where an added column goes when the table has one of its name already.
    public enum Placement: Sendable {
        /// The old column's place.
        case inPlace
        /// After the others, the old column dropped.
        case atTheEnd
    }

    /// Adds `column` after the others (or replaces the one of the same name, see
    /// ``Placement``), each row's value from `value`, given the row as it was.
    public mutating func addColumn(_ column: Column, replacing placement: Placement = .inPlace, _ value: (Row) throws -> Value) rethrows {
        try addColumns([column], replacing: placement) { [try value($0)] }
    }

    /// Adds several columns at once, each row's values from one call of `values` (given the row
    /// as it was), in the order of `added`.
    public mutating func addColumns(_ added: [Column], replacing placement: Placement = .inPlace, _ values: (Row) throws -> [Value]) rethrows {
        let computed = try rows.map(values)
        if placement == .atTheEnd { dropColumns(added.map(\.name)) }
        let places = added.map { columnIndex(named: $0.name) }
        for (index, values) in computed.enumerated() {
            precondition(values.count == added.count, "addColumns: \(values.count) values for \(added.count) columns")
            for (offset, value) in values.enumerated() {
                if let place = places[offset] { rows[index][place] = value } else { rows[index].append(value) }
            }
        }
        for (offset, column) in added.enumerated() {
            if let place = places[offset] { columns[place] = column } else { columns.append(column) }
        }
    }

    /// Removes the columns named `names` that the table has.
    public mutating func dropColumns(_ names: some Sequence<String>) {
        let dropped = Set(names)
        let kept = columns.indices.filter { !dropped.contains(columns[$0].name) }
        guard kept.count < columns.count else { return }
        columns = kept.map { columns[$0] }
        rows = rows.map { row in kept.map { row[$0] } }
    }

    /// Renames the column `name` (nothing when there is none).
    public mutating func renameColumn(_ name: String, to newName: String) {
        guard let index = columnIndex(named: name) else { return }
        columns[index].name = newName
    }

    /// The table with only the columns named, in that order (names it lacks are skipped).
    public func selecting(_ names: [String]) -> Table {
        let kept = names.compactMap(columnIndex(named:))
        return Table(columns: kept.map { columns[$0] }, rows: rows.map { row in kept.map { row[$0] } })
    }

    /// One column's values, top to bottom; empty when there is no such column.
    public func values(of name: String) -> [Value] {
        guard let index = columnIndex(named: name) else { return [] }
        return rows.map { $0[index] }
    }
}
