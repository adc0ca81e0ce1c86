/// The parts of expressions that choose and join: `case when`, `||`, `nullif`, and the days
/// of the report's period and of the periods before it.
extension ExpressionCompiler {
    static let periodWords = ["start", "end", "previous.start", "previous.end", "previous_year.start", "previous_year.end"]

    /// The first and last days of the period (`start`, `end`), of the period of the same
    /// length just before it (`previous`: the quarter before, for a quarter) and of the same
    /// period one year earlier (`previous_year`: the same quarter last year).
    static func periodDates(_ period: PeriodSpec) -> [String: CivilDate] {
        let lastYear = period.previousYear
        return ["start": period.start, "end": period.end,
                "previous.start": period.previous.start, "previous.end": period.previous.end,
                "previous_year.start": lastYear.start, "previous_year.end": lastYear.end]
    }

    /// `case when c1 then v1 ... else v end`: the value of the first condition that is true;
    /// the `else` value (null without one) when none is. Values share one type.
    mutating func caseWhen(_ branches: [Expression], otherwise: Expression?) throws -> CompiledExpression {
        var conditions: [CompiledExpression] = [], values: [CompiledExpression] = [], valueNodes: [Expression] = []
        for index in stride(from: 0, to: branches.count, by: 2) {
            let condition = try compile(branches[index])
            try require(condition, of: branches[index], isIn: [.bool], for: "'when'")
            conditions.append(condition)
            values.append(try compile(branches[index + 1]))
            valueNodes.append(branches[index + 1])
        }
        let fallback = try otherwise.map { try compile($0) }
        let type = try commonType(values + (fallback.map { [$0] } ?? []), valueNodes + (otherwise.map { [$0] } ?? []), for: "case")
        let choices = Array(zip(conditions, values))
        return CompiledExpression(type: type) { row in
            for (condition, value) in choices where try condition.isTrue(row) { return try value.evaluate(row) }
            return try fallback?.evaluate(row) ?? .null
        }
    }

    /// `a || b`: the two written as text joined (numbers plain, dates ISO); null when either is.
    mutating func concat(_ leftNode: Expression, _ rightNode: Expression) throws -> CompiledExpression {
        let left = try compile(leftNode), right = try compile(rightNode)
        let writable: Set<ColumnType> = [.string, .int, .decimal, .date, .datetime, .bool, .period]
        try require(left, of: leftNode, isIn: writable, for: "'||'")
        try require(right, of: rightNode, isIn: writable, for: "'||'")
        return CompiledExpression(type: .string) { row in
            let a = try left.evaluate(row), b = try right.evaluate(row)
            if a.isNull || b.isNull { return .null }
            return .string(a.plainText + b.plainText)
        }
    }

    /// `nullif(a, b)`: null when `a` equals `b`, else `a` (a zero that means "no value").
    mutating func nullIf(_ compiled: [CompiledExpression], _ arguments: [Expression]) throws -> CompiledExpression {
        let value = compiled[0]
        _ = try commonType(compiled, arguments, for: "nullif")
        let other = compiled[1]
        return CompiledExpression(type: value.type) { row in
            let a = try value.evaluate(row)
            return Value.compare(a, try other.evaluate(row)) == .orderedSame ? .null : a
        }
    }
}
