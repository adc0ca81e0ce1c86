import ReportKit

/// Decides what of an extractor's request PostgreSQL does. An aggregate whose keys and
/// aggregates are all on the allow-list (``SQLTranslator``, ``GroupStatement``) runs whole in
/// the database, which sends one row per group with each aggregate's state; otherwise the
/// database sends the rows of the span that satisfy the `where` parts it can judge, only the
/// columns read, and reportgen does the rest. Either way the answer is reportgen's.
struct PostgresPlanner {
    let session: PostgresSession
    let request: PushdownRequest

    func plan() throws -> PushdownPlan {
        var translator = SQLTranslator(session: session, scope: request.scope)
        var conditions: [String] = []
        var pushed: [String] = [], local: [String] = []
        if let span = spanCondition(&translator) {
            conditions.append(span.sql)
            pushed.append(span.words)
        }
        var applied = Set<Int>()
        // Keys by period learn the data's span from every row they are given (before the
        // `where`); when the database cannot tell that span, it must send every row of the span.
        let judgesWhere = !request.periodKeys.contains { key in
            guard case .groups(let keys, _) = request.work, let argument = PushdownRequest.periodArgument(of: keys[key].part) else { return false }
            var probe = SQLTranslator(session: session, scope: request.scope)
            return probe.translate(argument) == nil
        }
        for (index, part) in request.conditions.enumerated() {
            let words = "where " + part.source
            if judgesWhere, let translated = translator.translate(part), translated.type == .bool || translated.type == nil {
                conditions.append(translated.sql)
                applied.insert(index)
                pushed.append(words)
            } else {
                local.append(words + (judgesWhere ? ": not on the list of what the database computes as reportgen does"
                                                  : ": a key by period() reportgen computes needs every row"))
            }
        }
        if case .groups(let keys, let calls) = request.work {
            if applied.count == request.conditions.count {
                var groups = GroupStatement(session: session, request: request, translator: translator, conditions: conditions)
                switch groups.make(keys: keys, calls: calls) {
                case .success(let statement):
                    let plan = groups.plan(statement, keys: keys, calls: calls)
                    return PushdownPlan(pushed: pushed + plan.pushed, local: plan.local, statement: statement,
                                        parameters: groups.translator.parameters, appliedConditions: applied, run: plan.run)
                case .failure(let reason):
                    local.append(reason.text)
                }
            } else {
                local.append("group_by and measures, since the where is not all in the database")
            }
        }
        return rowsPlan(conditions: conditions, parameters: translator.parameters, applied: applied, pushed: pushed, local: local)
    }

    private func rowsPlan(conditions: [String], parameters: [String?], applied: Set<Int>, pushed: [String], local: [String]) -> PushdownPlan {
        let needed = request.neededColumns
        let names = session.columns.indices.filter { needed?.contains($0) ?? true }.map { session.columns[$0].name }
        let statement = session.rowStatement(needed: needed, conditions: conditions)
        let facts = PostgresFacts(session: session, request: request)
        return PushdownPlan(pushed: pushed + ["only the columns read: " + names.joined(separator: ", ")],
                            local: local + ["the rest, on the rows that come back"], statement: statement, parameters: parameters,
                            appliedConditions: applied) { [session] in
            let stream = RowStream(columns: session.columns) { needed, body in
                try session.streamRows(needed: needed, conditions: conditions, parameters: parameters, body)
            }
            return PushdownAnswer(result: .rows(stream), facts: facts.compute)
        }
    }

    /// The span's cut as SQL, and in words.
    private func spanCondition(_ translator: inout SQLTranslator) -> (sql: String, words: String)? {
        guard let sql = Self.spanSQL(request, &translator), let span = request.span, let days = span.days else { return nil }
        let name = request.scope.columns[span.column].name
        let upper = days.upperBound == .latest ? "the last row" : span.unit == .year ? "\(days.upperBound.year)" : "\(days.upperBound)"
        let lower = span.unit == .year ? "\(days.lowerBound.year)" : "\(days.lowerBound)"
        return (sql, "the span: rows whose \(name) lies in \(lower) to \(upper)")
    }

    /// A dated source's cut: a date column by its day, a column of years by the whole year.
    static func spanSQL(_ request: PushdownRequest, _ translator: inout SQLTranslator) -> String? {
        guard let span = request.span, let days = span.days else { return nil }
        let column = translator.session.sourceColumns[span.column].dateSQL ?? translator.session.sourceColumns[span.column].sql
        let (lower, upper): (Value, Value) = span.unit == .year
            ? (.int(days.lowerBound.year), .int(days.upperBound.year)) : (.date(days.lowerBound), .date(days.upperBound))
        let from = translator.bind(lower) ?? "NULL", to = translator.bind(upper) ?? "NULL"
        return span.unit == .day && days.upperBound == .latest ? "(\(column) >= \(from))" : "(\(column) BETWEEN \(from) AND \(to))"
    }
}
