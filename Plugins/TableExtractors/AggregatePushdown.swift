import ReportKit

/// An aggregate hands a database its `where`, its keys and its aggregate calls; what comes back
/// (groups with their states) is finished here, with the same measures, buckets and warnings as
/// when every row is read.
extension AggregateExtractor: PushableExtractor {
    public func pushdownRequest(columns: [Column], context: RunContext) throws -> PushdownRequest {
        let compiled = try compile(columns: columns, context: context)
        let condition = options.where
        let keys = try zip(self.keys, compiled.keys).map { key, expression in
            PushdownRequest.GroupKey(name: key.name, part: ExpressionPart(node: try ExpressionParser.parse(key.text), text: key.text),
                                     type: expression.type)
        }
        return PushdownRequest(scope: context.scope(for: columns), conditions: try condition.map(ExpressionPart.conjuncts) ?? [],
                               watched: condition.map { FilterWatch($0, columns: columns).watchedTexts } ?? [],
                               work: .groups(keys: keys, calls: compiled.measures.flatMap(\.measure.aggregates)),
                               neededColumns: compiled.needed)
    }
}

extension AggregateExtractor.Consumer: PushdownConsumer {
    mutating func consume(_ group: PartialGroup) throws {
        try grouping.add(group)
    }

    mutating func note(_ facts: PushdownFacts) {
        if let days = facts.periodDays { span.note(days) }
        records.adopt(facts)
    }
}

extension FilterExtractor: PushableExtractor {
    public func pushdownRequest(columns: [Column], context: RunContext) throws -> PushdownRequest {
        let text = options.where
        // Checked as when rows are read, so that errors are the same.
        _ = try Condition.compile(text, scope: context.scope(for: columns))
        return PushdownRequest(scope: context.scope(for: columns), conditions: try ExpressionPart.conjuncts(of: text),
                               watched: FilterWatch(text, columns: columns).watchedTexts, work: .rows, neededColumns: nil)
    }
}

extension FilterExtractor.Consumer: PushdownConsumer {
    mutating func consume(_ group: PartialGroup) throws {
        throw Diagnostic("internal: a filter was given groups", at: nil)
    }

    mutating func note(_ facts: PushdownFacts) {
        judge.adopt(facts)
    }
}
