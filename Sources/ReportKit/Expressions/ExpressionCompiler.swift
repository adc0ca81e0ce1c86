import Foundation

/// Type-checks an expression against a scope and turns it into closures over rows. Every error
/// names the expression's part and the recipe position inside the expression text:
/// `recipe.yaml:12:22: error: sum() needs a number, but unit is a string`.
public struct ExpressionCompiler {
    let text: ExpressionText
    let scope: ExpressionScope
    /// In a measure: the aggregate calls found so far, and the group keys a measure may name.
    var aggregates: [AggregateCall] = []
    let groupKeys: [Column]?
    var insideAggregate = false
    /// The input columns the expression reads, so that a streaming source decodes only those.
    private(set) var usedColumns: Set<Int> = []

    /// A row-level expression (`where`, computed columns, group keys).
    public static func compile(_ text: ExpressionText, scope: ExpressionScope) throws -> CompiledExpression {
        var compiler = ExpressionCompiler(text: text, scope: scope, groupKeys: nil)
        var compiled = try compiler.compile(ExpressionParser.parse(text))
        compiled.columns = compiler.usedColumns
        return compiled
    }

    /// A row-level expression that must give a number; `what` names it in the error ("the
    /// target needs a number, but goal is a string").
    public static func compileNumber(_ text: ExpressionText, scope: ExpressionScope, for what: String) throws -> CompiledExpression {
        var compiler = ExpressionCompiler(text: text, scope: scope, groupKeys: nil)
        let expression = try ExpressionParser.parse(text)
        var compiled = try compiler.compile(expression)
        try compiler.require(compiled, of: expression, isIn: [.int, .decimal], for: what)
        compiled.columns = compiler.usedColumns
        return compiled
    }

    /// The parts of a condition joined by its top-level `and`s, each compiled on its own with
    /// the columns it reads: a row satisfies the condition exactly when every part is true, so
    /// a part that reads one column can be judged once per distinct cell of that column.
    public static func compileConjuncts(_ text: ExpressionText, scope: ExpressionScope) throws -> [CompiledExpression] {
        var parts: [Expression] = []
        func split(_ node: Expression) {
            if case .binary(.and, let left, let right) = node.kind {
                split(left)
                split(right)
            } else {
                parts.append(node)
            }
        }
        split(try ExpressionParser.parse(text))
        return try parts.map { part in
            var compiler = ExpressionCompiler(text: text, scope: scope, groupKeys: nil)
            var compiled = try compiler.compile(part)
            compiled.columns = compiler.usedColumns
            return compiled
        }
    }

    /// A measure: aggregates over the rows of a group, combined by an outer expression that
    /// is evaluated on `[aggregate results..., group key values...]`.
    public static func compileMeasure(_ text: ExpressionText, scope: ExpressionScope, groupKeys: [Column]) throws -> Measure {
        var compiler = ExpressionCompiler(text: text, scope: scope, groupKeys: groupKeys)
        let expression = try ExpressionParser.parse(text)
        let outer = try compiler.compile(expression)
        if compiler.aggregates.isEmpty {
            throw Diagnostic("a measure needs an aggregate such as sum(x) or count()", at: text.location(at: 0))
        }
        return Measure(aggregates: compiler.aggregates, outer: outer, columns: compiler.usedColumns)
    }

    public struct Measure: Sendable {
        public var aggregates: [AggregateCall]
        public var outer: CompiledExpression
        /// The input columns its aggregates read.
        public var columns: Set<Int>
    }

    mutating func compile(_ node: Expression) throws -> CompiledExpression {
        switch node.kind {
        case .literal(let value):
            return CompiledExpression(type: value.type) { _ in value }.neverFailing
        case .name(let parts):
            let compiled = try name(parts, node)
            if parts.count == 1, groupKeys == nil || insideAggregate, let index = scope.columns.firstIndex(where: { $0.name == parts[0] }) {
                usedColumns.insert(index)
            }
            return compiled
        case .negate(let operand):
            let inner = try compile(operand)
            try require(inner, of: operand, isIn: [.int, .decimal], for: "'-'")
            let checked = rangeCheck(node, type: inner.type)
            return CompiledExpression(type: inner.type) { row in
                let value = try inner.evaluate(row)
                return try checked(Value.negate(value), value, .null)
            }
        case .not(let operand):
            let inner = try compile(operand)
            try require(inner, of: operand, isIn: [.bool], for: "'not'")
            return CompiledExpression(type: .bool) { row in
                if case .bool(let flag) = try inner.evaluate(row) { return .bool(!flag) }
                return .null
            }.cannotFail(when: inner)
        case .binary(let op, let left, let right):
            return try binary(op, left, right, node)
        case .isNull(let operand, let negated):
            let inner = try compile(operand)
            return CompiledExpression(type: .bool) { .bool(try inner.evaluate($0).isNull != negated) }.cannotFail(when: inner)
        case .inList(let operand, let items, let negated):
            let inner = try compile(operand)
            let compiledItems = try items.map { item -> CompiledExpression in
                let compiled = try coerceForComparison(item, against: inner, operandNode: operand)
                return compiled
            }
            // As in SQL: found is true; not found is false, unless an item is null, which
            // might have been the value (`18 in (1, null)` is null, not false).
            return CompiledExpression(type: .bool) { row in
                let value = try inner.evaluate(row)
                if value.isNull { return .null }
                var sawNull = false
                for item in compiledItems {
                    let candidate = try item.evaluate(row)
                    if candidate.isNull { sawNull = true } else if Value.compare(value, candidate) == .orderedSame { return .bool(!negated) }
                }
                return sawNull ? .null : .bool(negated)
            }
        case .call(let name, let arguments):
            return try call(name, arguments, node)
        case .caseWhen(let branches, let otherwise):
            return try caseWhen(branches, otherwise: otherwise)
        }
    }

    // MARK: Names

    private func name(_ parts: [String], _ node: Expression) throws -> CompiledExpression {
        let location = text.location(at: node.offset)
        if parts.count == 1 {
            let column = parts[0]
            if let keys = groupKeys, !insideAggregate {
                guard let index = keys.firstIndex(where: { $0.name == column }) else {
                    throw Diagnostic("'\(column)' must be inside an aggregate such as sum(\(column)), or be a group_by column", at: location)
                }
                let type = keys[index].type
                let keyCount = keys.count
                return CompiledExpression(type: type) { row in row[row.count - keyCount + index] }
            }
            guard let index = scope.columns.firstIndex(where: { $0.name == column }) else {
                let names = scope.columns.map(\.name)
                guard Suggestion.closest(to: column, in: names) == nil else { throw PluginProblem.unknownColumn(column, in: names, at: location) }
                // `sex = female`: a word no column is near is most often a text left unquoted.
                throw Diagnostic("unknown column '\(column)'" + Suggestion.hint(for: column, in: names)
                                 + "; to write the text, quote it: '\(column)'", at: location)
            }
            var compiled = CompiledExpression(type: scope.columns[index].type) { $0[index] }.neverFailing
            compiled.column = index
            return compiled
        }
        switch parts[0] {
        case "params":
            guard parts.count == 2, let value = scope.params[parts[1]] else {
                let name = parts.dropFirst().joined(separator: ".")
                throw Diagnostic("unknown param '\(name)'" + Suggestion.hint(for: name, in: scope.params.keys.sorted()), at: location)
            }
            return CompiledExpression(type: value.type) { _ in value }.neverFailing
        case "period":
            guard let period = scope.period else {
                throw Diagnostic("'\(parts.joined(separator: "."))' needs a 'period' in the recipe", at: location)
            }
            let words = parts.dropFirst().joined(separator: ".")
            guard let date = Self.periodDates(period)[words] else {
                throw Diagnostic("unknown name '\(parts.joined(separator: "."))'" + Suggestion.hint(for: words, in: Self.periodWords, listing: false)
                                 + "; the period offers " + Self.periodWords.map { "period.\($0)" }.joined(separator: ", "), at: location)
            }
            return CompiledExpression(type: .date) { _ in .date(date) }.neverFailing
        default:
            throw Diagnostic("unknown name '\(parts.joined(separator: "."))'; expressions name columns, params.NAME and period.start, period.end, period.previous.start, ...",
                             at: location)
        }
    }

    // MARK: Operators

    private mutating func binary(_ op: Expression.BinaryOperator, _ leftNode: Expression, _ rightNode: Expression,
                                 _ node: Expression) throws -> CompiledExpression {
        switch op {
        case .and, .or:
            let left = try compile(leftNode), right = try compile(rightNode)
            try require(left, of: leftNode, isIn: [.bool], for: "'\(op.rawValue)'")
            try require(right, of: rightNode, isIn: [.bool], for: "'\(op.rawValue)'")
            let isAnd = op == .and
            return CompiledExpression(type: .bool) { row in
                let a = try left.evaluate(row)
                if a == .bool(!isAnd) { return a }
                let b = try right.evaluate(row)
                if b == .bool(!isAnd) { return b }
                return a.isNull || b.isNull ? .null : .bool(isAnd)
            }.cannotFail(when: left, right)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            let left = try compile(leftNode)
            let right = try coerceForComparison(rightNode, against: left, operandNode: leftNode)
            // Which orders satisfy the operator, as a switch: a set lookup per row shows in profiles.
            let accepts: @Sendable (ComparisonResult) -> Bool = switch op {
            case .equal: { $0 == .orderedSame }
            case .notEqual: { $0 != .orderedSame }
            case .less: { $0 == .orderedAscending }
            case .lessOrEqual: { $0 != .orderedDescending }
            case .greater: { $0 == .orderedDescending }
            default: { $0 != .orderedAscending }
            }
            return CompiledExpression(type: .bool) { row in
                guard let order = Value.compare(try left.evaluate(row), try right.evaluate(row)) else { return .null }
                return .bool(accepts(order))
            }.cannotFail(when: left, right)
        case .concat:
            return try concat(leftNode, rightNode)
        case .add, .subtract, .multiply, .divide, .remainder:
            let left = try compile(leftNode), right = try compile(rightNode)
            let type = try arithmeticType(op, left, leftNode, right, rightNode)
            let operation: @Sendable (Value, Value) -> Value = switch op {
            case .add: Value.add
            case .subtract: Value.subtract
            case .multiply: Value.multiply
            case .divide: Value.divide
            default: Value.remainder
            }
            let checked = rangeCheck(node, type: type)
            return CompiledExpression(type: type) { row in
                let a = try left.evaluate(row), b = try right.evaluate(row)
                return try checked(operation(a, b), a, b)
            }
        }
    }

    private func arithmeticType(_ op: Expression.BinaryOperator, _ left: CompiledExpression, _ leftNode: Expression,
                                _ right: CompiledExpression, _ rightNode: Expression) throws -> ColumnType? {
        switch (op, left.type, right.type) {
        case (.add, .date, .int), (.add, .int, .date), (.subtract, .date, .int): return .date
        case (.subtract, .date, .date): return .int
        case (.add, .date, _), (.subtract, .date, _):
            let allowed: Set<ColumnType> = op == .add ? [.int] : [.int, .date]
            try require(right, of: rightNode, isIn: allowed, for: "'\(op.rawValue)' on a date")
            return .date
        default: break
        }
        try require(left, of: leftNode, isIn: [.int, .decimal], for: "'\(op.rawValue)'")
        try require(right, of: rightNode, isIn: [.int, .decimal], for: "'\(op.rawValue)'")
        if op == .divide { return .decimal }
        if left.type == nil || right.type == nil { return left.type ?? right.type }
        return left.type == .int && right.type == .int ? .int : .decimal
    }

    /// Compiles the other side of a comparison with `left`; a text literal compared with a
    /// date (or a period) is read as one here, once, and must be one.
    mutating func coerceForComparison(_ node: Expression, against left: CompiledExpression, operandNode: Expression) throws
        -> CompiledExpression {
        let right = try compile(node)
        if case .literal(.string(let literal)) = node.kind {
            if left.type == .date {
                guard let date = CivilDate(iso: literal) else {
                    throw Diagnostic("'\(literal)' is not a date; write dates as 'YYYY-MM-DD'", at: text.location(at: node.offset))
                }
                return CompiledExpression(type: .date) { _ in .date(date) }.neverFailing
            }
            if left.type == .datetime {
                // A moment written as text: ISO 8601, with an offset or in the recipe's time zone; a date alone is its midnight.
                let reader = CellReader(numbers: .plain, dateLocale: ReportLocale.englishUS.in(scope.timeZone))
                guard CivilDate(iso: literal.prefix(10)) != nil, let instant = reader.readDateTime(Substring(literal)) else {
                    throw Diagnostic("'\(literal)' is not a date-time; write 'YYYY-MM-DD HH:MM', with an offset if it is not the recipe's time zone",
                                     at: text.location(at: node.offset))
                }
                return CompiledExpression(type: .datetime) { _ in .datetime(instant) }.neverFailing
            }
            if left.type == .period {
                guard let bucket = PeriodBucket(code: literal) else {
                    throw Diagnostic("'\(literal)' is not a period such as '2025', '2025-Q3' or '2025-03'", at: text.location(at: node.offset))
                }
                return CompiledExpression(type: .period) { _ in .period(bucket) }.neverFailing
            }
        }
        guard let a = left.type, let b = right.type else { return right }
        let numbers: Set<ColumnType> = [.int, .decimal]
        if a == b || (numbers.contains(a) && numbers.contains(b)) { return right }
        throw Diagnostic("cannot compare \(subject(operandNode)), \(Self.phrase(a))\(textReason(operandNode)), with \(subject(node)), \(Self.phrase(b))\(textReason(node))",
                         at: text.location(at: node.offset))
    }
}
