/// The last guard against a number no output can write: a decimal that arithmetic outside
/// expressions (a pivot's totals, a trend's change, a sum) took past 10^100 is
/// ``DecimalNumber/outOfRange``. Expressions stop at their operator; these stop here, at the
/// step that made the table, instead of reaching a file as `NaN`.
enum OutOfRangeCheck {
    static func check(_ table: Table, madeBy id: String, at location: SourceLocation) throws {
        for (index, row) in table.rows.enumerated() {
            for (column, value) in row.enumerated() {
                guard case .decimal(let number) = value, number.isOutOfRange else { continue }
                throw Diagnostic("'\(id)': column '\(table.columns[column].name)' of row \(index + 1) is out of range: a number past 10^\(DecimalNumber.largestExponent) in magnitude (or a non-zero one below 10^-\(DecimalNumber.largestExponent)), which reportgen does not compute with",
                                 at: location)
            }
        }
    }
}
