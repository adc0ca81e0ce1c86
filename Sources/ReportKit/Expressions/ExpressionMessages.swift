/// How the compiler words what it refuses: the operand's name or text, its type, and for a
/// column read as text, the cell that made it so; and the check that keeps results in range.
extension ExpressionCompiler {
    /// A check of an operation's result that throws at `node` when it left the range
    /// reportgen computes with: a decimal past 10^100 (see ``DecimalNumber/outOfRange``), or
    /// a date that the arithmetic moved out of years 1-9999 (null from non-null operands).
    func rangeCheck(_ node: Expression, type: ColumnType?) -> @Sendable (Value, Value, Value) throws -> Value {
        let location = text.location(at: node.offset), subject = subject(node)
        return { result, a, b in
            if case .decimal(let number) = result, number.isOutOfRange {
                throw Diagnostic("\(subject) is out of range: a number this large (or this small) is past 10^\(DecimalNumber.largestExponent) (or 10^-\(DecimalNumber.largestExponent)); from \(a.plainText)\(b.isNull ? "" : " and \(b.plainText)")",
                                 at: location)
            }
            if type == .date, result.isNull, !a.isNull, !b.isNull {
                throw Diagnostic("\(subject) is out of range: \(a.plainText) and \(b.plainText) give a date outside the years 1 to 9999",
                                 at: location)
            }
            return result
        }
    }

    func require(_ compiled: CompiledExpression, of node: Expression, isIn types: Set<ColumnType>, for what: String) throws {
        guard let type = compiled.type, !types.contains(type) else { return }
        let wanted = types.contains(.int) ? "a number" : types.map(Self.phrase).sorted().joined(separator: " or ")
        let suggested: ColumnType? = types.contains(.decimal) ? .decimal : types.contains(.date) ? .date : types.count == 1 ? types.first : nil
        throw Diagnostic("\(what) needs \(wanted), but \(describe(node, compiled, suggesting: suggested))", at: text.location(at: node.offset))
    }

    /// "unit is a string", "'x + 1' is a date"; for a column read as text because of one cell,
    /// which cell, and how to declare the column (as `suggested`, when known).
    func describe(_ node: Expression, _ compiled: CompiledExpression, suggesting suggested: ColumnType? = nil) -> String {
        "\(subject(node)) is \(compiled.type.map(Self.phrase) ?? "null")" + textReason(node, suggesting: suggested)
    }

    func textReason(_ node: Expression, suggesting suggested: ColumnType? = nil) -> String {
        guard case .name(let parts) = node.kind, parts.count == 1,
              let column = scope.columns.first(where: { $0.name == parts[0] })
        else { return "" }
        return PluginProblem.textReason(column, suggesting: suggested)
    }

    /// A column's name, or the expression's text in quotes.
    func subject(_ node: Expression) -> String {
        if case .name(let parts) = node.kind { return parts.joined(separator: ".") }
        let slice = text.slice(node)
        return slice.hasPrefix("'") ? slice : "'\(slice)'"
    }

    /// Types as every error writes them (see ``PluginProblem``).
    static func phrase(_ type: ColumnType) -> String { PluginProblem.phrase(type) }
}
