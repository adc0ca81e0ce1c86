import Foundation

/// The functions and aggregates of expressions.
extension ExpressionCompiler {
    static let functionNames = dateFunctionNames + ["round", "floor", "ceil", "abs", "coalesce", "nullif",
                                                    "lower", "upper", "contains", "if"]

    mutating func call(_ name: String, _ arguments: [Expression], _ node: Expression) throws -> CompiledExpression {
        let location = text.location(at: node.offset)
        if let function = AggregateFunction(rawValue: name) {
            return try aggregate(function, arguments, node)
        }
        let compiled = try arguments.map { try compile($0) }
        func arity(_ counts: ClosedRange<Int>) throws {
            guard counts.contains(arguments.count) else {
                let expected = counts.lowerBound == counts.upperBound ? "\(counts.lowerBound)"
                    : counts.upperBound == Int.max ? "at least \(counts.lowerBound)" : "\(counts.lowerBound) to \(counts.upperBound)"
                throw Diagnostic("\(name)() takes \(expected) argument\(counts.upperBound == 1 ? "" : "s"), not \(arguments.count)", at: location)
            }
        }
        func argument(_ index: Int, isIn types: Set<ColumnType>) throws {
            try require(compiled[index], of: arguments[index], isIn: types, for: "\(name)()")
        }
        if Self.dateFunctionNames.contains(name) { return try dateCall(name, compiled, arguments, at: location, arity: arity) }
        switch name {
        case "nullif":
            try arity(2...2)
            return try nullIf(compiled, arguments)
        case "round", "floor", "ceil":
            let rule: FloatingPointRoundingRule = switch name {
            case "floor": .down
            case "ceil": .up
            default: .toNearestOrAwayFromZero
            }
            try arity(1...2)
            try argument(0, isIn: [.int, .decimal])
            if arguments.count == 2 { try argument(1, isIn: [.int]) }
            let value = compiled[0], digits = arguments.count == 2 ? compiled[1] : nil
            let checked = rangeCheck(node, type: value.type)
            return CompiledExpression(type: value.type) { row in
                var scale = 0
                if let digits {
                    guard case .int(let count) = try digits.evaluate(row) else { return .null }
                    scale = count
                }
                let number = try value.evaluate(row)
                let result: Value
                switch number {
                case .int(let integer) where scale >= 0: result = .int(integer)
                case .int(let integer):
                    // Rounded to tens, hundreds...: still an integer, unless past Int's range.
                    let rounded = DecimalNumber(integer).rounded(scale, rule)
                    result = rounded.isOutOfRange ? .decimal(rounded) : Int(rounded.description).map(Value.int) ?? .decimal(.outOfRange)
                case .decimal(let decimal): result = .decimal(decimal.rounded(scale, rule))
                default: result = .null
                }
                return try checked(result, number, .int(scale))
            }
        case "abs":
            try arity(1...1)
            try argument(0, isIn: [.int, .decimal])
            let value = compiled[0]
            return CompiledExpression(type: value.type) { row in
                let result = try value.evaluate(row)
                return Value.compare(result, .int(0)) == .orderedAscending ? Value.negate(result) : result
            }
        case "coalesce":
            try arity(1...Int.max)
            let type = try commonType(compiled, arguments, for: name)
            return CompiledExpression(type: type) { row in
                for argument in compiled {
                    let value = try argument.evaluate(row)
                    if !value.isNull { return value }
                }
                return .null
            }
        case "lower", "upper":
            try arity(1...1)
            try argument(0, isIn: [.string])
            let value = compiled[0], isLower = name == "lower"
            return CompiledExpression(type: .string) { row in
                guard case .string(let text) = try value.evaluate(row) else { return .null }
                return .string(isLower ? text.lowercased() : text.uppercased())
            }
        case "contains":
            try arity(2...2)
            try argument(0, isIn: [.string])
            try argument(1, isIn: [.string])
            let haystack = compiled[0], needle = compiled[1]
            return CompiledExpression(type: .bool) { row in
                guard case .string(let text) = try haystack.evaluate(row), case .string(let part) = try needle.evaluate(row) else { return .null }
                return .bool(text.contains(part))
            }
        case "if":
            try arity(3...3)
            try argument(0, isIn: [.bool])
            let type = try commonType(Array(compiled.dropFirst()), Array(arguments.dropFirst()), for: name)
            let condition = compiled[0], then = compiled[1], otherwise = compiled[2]
            return CompiledExpression(type: type) { row in
                try condition.isTrue(row) ? try then.evaluate(row) : try otherwise.evaluate(row)
            }
        default:
            let known = Self.functionNames + AggregateFunction.allCases.map(\.rawValue)
            throw Diagnostic("unknown function '\(name)()'" + Suggestion.hint(for: name, in: known, listing: false), at: location)
        }
    }

    /// The type all `compiled` share; int and decimal make decimal; null fits any.
    func commonType(_ compiled: [CompiledExpression], _ nodes: [Expression], for name: String) throws -> ColumnType? {
        var type: ColumnType?
        for (argument, node) in zip(compiled, nodes) {
            guard let next = argument.type else { continue }
            switch (type, next) {
            case (nil, _): type = next
            case (.int, .decimal), (.decimal, .int): type = .decimal
            case let (current?, next) where current != next:
                throw Diagnostic("\(name)() needs arguments of one type, but \(describe(node, argument)) and an earlier one is \(current.rawValue)",
                                 at: text.location(at: node.offset))
            default: break
            }
        }
        return type
    }

    private mutating func aggregate(_ function: AggregateFunction, _ arguments: [Expression], _ node: Expression) throws -> CompiledExpression {
        let location = text.location(at: node.offset)
        guard groupKeys != nil else {
            throw Diagnostic("\(function.rawValue)() is an aggregate; use it in the measures of an aggregate extractor", at: location)
        }
        guard !insideAggregate else {
            throw Diagnostic("an aggregate cannot contain another aggregate", at: location)
        }
        let allowsNoArgument = function == .count
        guard arguments.count == 1 || (allowsNoArgument && arguments.isEmpty) else {
            throw Diagnostic("\(function.rawValue)() takes \(allowsNoArgument ? "no argument or " : "")one argument, not \(arguments.count)",
                             at: location)
        }
        var argument: CompiledExpression?
        if let node = arguments.first {
            insideAggregate = true
            defer { insideAggregate = false }
            let compiled = try compile(node)
            if [.sum, .avg, .median].contains(function) {
                try require(compiled, of: node, isIn: [.int, .decimal], for: "\(function.rawValue)()")
            }
            argument = compiled
        }
        let slot = aggregates.count
        aggregates.append(AggregateCall(function: function, argument: argument))
        return CompiledExpression(type: function.resultType(argument?.type)) { row in row[slot] }
    }
}
