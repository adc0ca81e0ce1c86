import ReportKit

/// The facts of the rows a pushed statement did not send (``PushdownFacts``): the rows of the
/// source and of the span and the days it covers, in one statement per session and span (every
/// extractor's lineage states them); and, only when a warning or the buckets without data need
/// them, in one more statement, the rows the `where` keeps, whether each text it compares with
/// occurs (and, when one does not, the values that do), the days given to `period(...)`.
struct PostgresFacts {
    let session: PostgresSession
    let request: PushdownRequest

    func compute(_ needs: PushdownFacts.Needs) throws -> PushdownFacts {
        var facts = PushdownFacts()
        if !needs.isDisjoint(with: [.counts, .days]) { try sourceFacts(into: &facts) }
        var translator = SQLTranslator(session: session, scope: request.scope)
        // Bound only when a fact is counted in the span: a parameter the statement does not use is an error.
        let span = needs.isDisjoint(with: [.kept, .found, .periodDays]) ? nil : PostgresPlanner.spanSQL(request, &translator)
        let inSpan = span.map { " FILTER (WHERE \($0))" } ?? ""
        var selects: [String] = [], types: [ColumnType] = []
        var readers: [(inout PushdownFacts, [Value], inout Int) -> Void] = []
        func int(_ value: Value) -> Int? { if case .int(let number) = value { return number } else { return nil } }

        if needs.contains(.kept) {
            // Rows kept, when the database can judge the whole `where` (tried on a copy, so that
            // no parameter of a part it cannot judge stays bound).
            var attempt = translator
            var conditions: [String] = span.map { [$0] } ?? []
            for part in request.conditions {
                guard let translated = attempt.translate(part) else { conditions = []; break }
                conditions.append(translated.sql)
            }
            if conditions.count == request.conditions.count + (span == nil ? 0 : 1), !request.conditions.isEmpty {
                translator = attempt
                selects.append("count(*) FILTER (WHERE \(conditions.joined(separator: " AND ")))")
                types.append(.int)
                readers.append { facts, values, cursor in
                    facts.kept = int(values[cursor])
                    cursor += 1
                }
            }
        }
        if needs.contains(.found) {
            for watched in request.watched {
                guard let text = translator.bind(.string(watched.text)) else { continue }
                selects.append("COALESCE(bool_or(\(session.sourceColumns[watched.column].sql) = \(text))\(inSpan), false)")
                types.append(.bool)
            }
            readers.append { facts, values, cursor in
                facts.found = request.watched.indices.map { values[cursor + $0] == .bool(true) }
                cursor += request.watched.count
            }
        }
        if needs.contains(.periodDays) {
            let dates = request.periodKeys.compactMap { key -> String? in
                guard case .groups(let keys, _) = request.work, let argument = PushdownRequest.periodArgument(of: keys[key].part) else { return nil }
                return translator.translate(argument)?.sql
            }
            for date in dates {
                selects += ["min(\(date))\(inSpan)", "max(\(date))\(inSpan)"]
                types += [.date, .date]
            }
            readers.append { facts, values, cursor in
                var days = DaySpanTracker()
                for _ in dates {
                    if let span = Self.days(values[cursor], values[cursor + 1], years: false)?.span { days.note(span) }
                    cursor += 2
                }
                facts.periodDays = days
            }
        }
        guard !selects.isEmpty else { return facts }
        let statement = "SELECT \(selects.joined(separator: ", ")) FROM \(session.settings.relation)"
        try session.run(statement, parameters: translator.parameters, types: types) { values in
            var cursor = 0
            for reader in readers { reader(&facts, values, &cursor) }
        }
        if let found = facts.found {
            for column in Set(zip(request.watched, found).filter { !$0.1 }.map(\.0.column)) {
                facts.values[column] = try values(of: column)
            }
        }
        return facts
    }

    /// The rows of the source and of the span, and the days its dated column covers: what every
    /// extractor's lineage states ("read 128 of 128 rows"), asked once per session and span.
    private func sourceFacts(into facts: inout PushdownFacts) throws {
        var translator = SQLTranslator(session: session, scope: request.scope)
        let span = PostgresPlanner.spanSQL(request, &translator)
        var selects = ["count(*)", "count(*)" + (span.map { " FILTER (WHERE \($0))" } ?? "")], types: [ColumnType] = [.int, .int]
        var isYear = false
        if let dated = request.span {
            let column = session.sourceColumns[dated.column].dateSQL ?? session.sourceColumns[dated.column].sql
            isYear = dated.unit == .year
            let valid = isYear ? " FILTER (WHERE \(column) BETWEEN 1 AND 9999)" : ""
            let undated = isYear ? "\(column) IS NULL OR \(column) NOT BETWEEN 1 AND 9999" : "\(column) IS NULL"
            selects += ["min(\(column))\(valid)", "max(\(column))\(valid)", "count(*) FILTER (WHERE \(undated))"]
            types += isYear ? [.int, .int, .int] : [.date, .date, .int]
        }
        let statement = "SELECT \(selects.joined(separator: ", ")) FROM \(session.settings.relation)"
        let values = try session.remembered(statement, parameters: translator.parameters, types: types)
        if case .int(let offered) = values[0] { facts.offered = offered }
        if case .int(let admitted) = values[1] { facts.admitted = admitted }
        if request.span != nil {
            facts.days = Self.days(values[2], values[3], years: isYear)
            if case .int(let undated) = values[4] { facts.undated = undated }
        }
    }

    /// The distinct values of a text column in the span, for a hint: at most one more than a
    /// ``FilterWatch`` lists, so that it knows there are more.
    private func values(of column: Int) throws -> [String] {
        var translator = SQLTranslator(session: session, scope: request.scope)
        let sql = session.sourceColumns[column].sql
        let conditions = ["\(sql) IS NOT NULL"] + (PostgresPlanner.spanSQL(request, &translator).map { [$0] } ?? [])
        let statement = "SELECT DISTINCT (\(sql) COLLATE \"C\") FROM \(session.settings.relation) WHERE "
            + conditions.joined(separator: " AND ") + " ORDER BY 1 LIMIT \(FilterWatch.valueLimit + 1)"
        var values: [String] = []
        try session.run(statement, parameters: translator.parameters, types: [.string]) { row in
            if case .string(let text) = row[0] { values.append(text) }
        }
        return values
    }

    private static func days(_ first: Value, _ last: Value, years: Bool) -> DaySpanTracker? {
        var days = DaySpanTracker()
        switch (first, last) {
        case (.date(let a), .date(let b)): days.note(a...b)
        case (.int(let a), .int(let b)) where years:
            if let start = CivilDate(year: a, month: 1, day: 1), let end = CivilDate(year: b, month: 12, day: 31) { days.note(start...end) }
        default: break
        }
        return days
    }
}
