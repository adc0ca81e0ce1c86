import ReportKit

/// An aggregate computed whole in PostgreSQL: one row per group with its keys, its count of
/// rows and, per aggregate call, what reportgen needs to finish it exactly
/// (``AggregateState/Computed``): `sum` and `avg` send their exact `numeric` sum and count
/// (reportgen divides, to its 38 digits), `median` the two middle values (`percentile_disc`
/// each way, which picks values and never interpolates), `min` and `max` of text compare in
/// `COLLATE "C"`. `first` and `last` depend on the order of rows, which a table does not keep,
/// and `min`/`max` of true and false have no SQL aggregate: these run in reportgen.
struct GroupStatement {
    let session: PostgresSession
    let request: PushdownRequest
    var translator: SQLTranslator
    let conditions: [String]
    /// The type each returned column is read as: keys (a period key as the date its bucket
    /// starts on), the count of rows, then the calls' columns, each once.
    private var types: [ColumnType] = []
    private var selects: [String] = []
    /// The returned columns each call reads, in the order ``state(_:rows:values:columns:)`` takes them.
    private var callColumns: [[Int]] = []

    struct Reason: Error {
        var text: String
    }

    init(session: PostgresSession, request: PushdownRequest, translator: SQLTranslator, conditions: [String]) {
        self.session = session
        self.request = request
        self.translator = translator
        self.conditions = conditions
    }

    /// The statement, or why the aggregate runs in reportgen.
    mutating func make(keys: [PushdownRequest.GroupKey], calls: [AggregateCall]) -> Result<String, Reason> {
        var filters = conditions
        for key in keys {
            let words = "group_by \(key.part.source)"
            if let argument = PushdownRequest.periodArgument(of: key.part) {
                guard let period = request.scope.period, let date = translator.translate(argument), date.type == .date,
                      let start = translator.bind(.date(period.start)), let end = translator.bind(.date(period.end))
                else { return .failure(Reason(text: "\(words): not on the list of what the database computes as reportgen does")) }
                selects.append(SQLTranslator.bucketStart(of: date.sql, unit: period.every))
                // A row outside the period falls in no bucket.
                filters.append("(\(date.sql) BETWEEN \(start) AND \(end))")
                types.append(.date)
            } else {
                guard let translated = translator.translate(key.part), translated.type != .period else {
                    return .failure(Reason(text: "\(words): not on the list of what the database computes as reportgen does"))
                }
                selects.append(translated.sql)
                types.append(key.type ?? .string)
            }
        }
        selects.append("count(*)")
        types.append(.int)
        for call in calls {
            guard let columns = columns(for: call) else {
                let argument = call.argumentPart.map { $0.source } ?? ""
                return .failure(Reason(text: "\(call.function.rawValue)(\(argument)): "
                    + (call.function == .first || call.function == .last ? "depends on the order of rows, which a table does not keep"
                       : "not on the list of what the database computes as reportgen does")))
            }
            callColumns.append(columns.map { column in
                if let index = selects.firstIndex(of: column.sql) { return index }
                selects.append(column.sql)
                types.append(column.type)
                return selects.count - 1
            })
        }
        var statement = "SELECT \(selects.joined(separator: ", ")) FROM \(session.settings.relation)"
        if !filters.isEmpty { statement += " WHERE " + filters.joined(separator: " AND ") }
        if !keys.isEmpty { statement += " GROUP BY " + (1...keys.count).map(String.init).joined(separator: ", ") }
        return .success(statement)
    }

    /// What one call reads back.
    private mutating func columns(for call: AggregateCall) -> [(sql: String, type: ColumnType)]? {
        guard let part = call.argumentPart else { return call.function == .count ? [] : nil }
        guard let argument = translator.translate(part) else { return nil }
        let type = argument.type ?? .string
        let sortable = translator.collated(argument)
        switch call.function {
        case .count: return [("count(\(argument.sql))", .int)]
        case .count_distinct: return [("count(DISTINCT \(argument.sql))", .int)]
        case .sum, .avg: return [("count(\(argument.sql))", .int), ("sum(\(argument.sql))", .decimal)]
        case .min, .max:
            guard type != .bool else { return nil }
            return [("\(call.function.rawValue)(\(sortable))", type)]
        case .median:
            guard type.isNumeric else { return nil }
            return [("count(\(argument.sql))", .int),
                    ("percentile_disc(0.5) WITHIN GROUP (ORDER BY \(argument.sql))", type),
                    ("percentile_disc(0.5) WITHIN GROUP (ORDER BY \(argument.sql) DESC)", type)]
        case .first, .last: return nil
        }
    }

    /// The plan of a statement made by ``make(keys:calls:)``.
    func plan(_ statement: String, keys: [PushdownRequest.GroupKey], calls: [AggregateCall])
        -> (pushed: [String], local: [String], run: () throws -> PushdownAnswer) {
        var pushed = keys.map { "group_by \($0.part.source)" }
        for call in calls {
            let words = "\(call.function.rawValue)(\(call.argumentPart.map { $0.source } ?? ""))"
            if !pushed.contains(words) { pushed.append(words) }
        }
        var local = ["each measure from its aggregates, buckets without data, warnings"]
        if calls.contains(where: { $0.function == .avg || $0.function == .median }) {
            local.insert("avg and median: divided in exact decimals from the sums, counts and middle values sent", at: 0)
        }
        let facts = PostgresFacts(session: session, request: request)
        let (session, parameters, types, unit, callColumns) = (session, translator.parameters, types, request.scope.period?.every, callColumns)
        return (pushed, local, {
            var groups: [PartialGroup] = []
            try session.run(statement, parameters: parameters, types: types) { values in
                guard case .int(let rows) = values[keys.count], rows > 0 else { return }
                let key = keys.indices.map { index -> Value in
                    guard PushdownRequest.periodArgument(of: keys[index].part) != nil, let unit, case .date(let start) = values[index]
                    else { return values[index] }
                    return .period(PeriodBucket(containing: start, unit: unit))
                }
                let states = zip(calls, callColumns).map { call, columns in Self.state(call, rows: rows, values: values, columns: columns) }
                groups.append(PartialGroup(key: key, rows: rows, states: states))
            }
            return PushdownAnswer(result: .groups(groups), facts: facts.compute)
        })
    }

    private static func state(_ call: AggregateCall, rows: Int, values: [Value], columns: [Int]) -> AggregateState {
        var cursor = 0
        func next() -> Value {
            defer { cursor += 1 }
            return values[columns[cursor]]
        }
        func count() -> Int {
            if case .int(let count) = next() { return count }
            return 0
        }
        let decimalArgument = call.argument?.type == .decimal
        let computed: AggregateState.Computed
        switch call.function {
        case .count: computed = .init(count: call.argumentPart == nil ? rows : count())
        case .count_distinct:
            let distinct = count()
            computed = .init(count: distinct, distinct: distinct)
        case .sum, .avg:
            let count = count()
            var sum = next()
            // An integer sum that fits 64 bits is an integer, as reportgen's own sum is.
            if !decimalArgument, case .decimal(let total) = sum, let integer = Int(total.description) { sum = .int(integer) }
            computed = .init(count: count, value: sum)
        case .min, .max: computed = .init(count: 1, value: next())
        case .median:
            let count = count()
            computed = .init(count: count, middle: [next(), next()])
        case .first, .last: computed = .init(count: 0)
        }
        return AggregateState(call.function, decimalArgument: decimalArgument, computed: computed)
    }
}
