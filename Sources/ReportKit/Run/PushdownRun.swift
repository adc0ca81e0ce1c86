/// The plan rewrite for a database-backed source (``QueryableSource``): each extractor that
/// reads it and can describe its work (``PushableExtractor``) hands that work to the database,
/// which does what it can; the rest read its rows, streamed once, as from any source. The
/// runner only schedules this step, as it schedules a streamed one.
struct PushdownRun {
    let configured: Configured<any Source>
    let readers: [(id: String, extractor: any StreamingExtractor)]
    let scopes: InputScopes
    let context: RunContext

    /// What was pushed, for `validate --explain`.
    private(set) var notes: [PushdownNote] = []

    init(_ configured: Configured<any Source>, readers: [(id: String, extractor: any StreamingExtractor)], scopes: InputScopes,
         context: RunContext) {
        self.configured = configured
        self.readers = readers
        self.scopes = scopes
        self.context = context
    }

    mutating func run(_ source: any QueryableSource) throws -> [(String, Table)] {
        let session = try source.openSession(context: context)
        let columns = session.columns
        let dating = try scopes.dating(of: configured, columns: columns)
        let configuredReaders = Dictionary(scopes.recipe.extractors.map { ($0.id, $0) }) { first, _ in first }
        var tables: [(String, Table)] = []
        var streamed: [(id: String, extractor: any StreamingExtractor)] = []
        for reader in readers {
            let scope = try scopes.scope(of: configuredReaders[reader.id]!, reading: configured, dating: dating)
            guard let pushable = reader.extractor as? any PushableExtractor else {
                streamed.append(reader)
                notes.append(PushdownNote(extractor: reader.id, source: configured.id, pushed: [],
                                          local: ["every row is read: this extractor cannot hand its work to a database"], statement: nil,
                                          parameters: []))
                continue
            }
            var request = try pushable.pushdownRequest(columns: columns, context: context)
            request.span = dating.map { PushdownRequest.Span(column: $0.column, unit: $0.unit, days: scope.dated?.days) }
            let plan = try session.plan(request)
            notes.append(PushdownNote(extractor: reader.id, source: configured.id, pushed: plan.pushed, local: plan.local,
                                      statement: plan.statement, parameters: plan.parameters))
            do {
                tables.append((reader.id, try Self.pushed(plan, request: request, reader: pushable, scope: scope, columns: columns,
                                                          context: context)))
            } catch is PushdownGroupsCollide {
                streamed.append(reader)
            }
        }
        if !streamed.isEmpty {
            tables += try Runner.stream(session.rows(), of: configured, to: streamed, scopes: scopes, context: context)
        }
        return tables
    }

    /// Runs one plan and finishes the extractor's table from what comes back.
    private static func pushed(_ plan: PushdownPlan, request: PushdownRequest, reader: any PushableExtractor, scope: InputScope,
                               columns: [Column], context: RunContext) throws -> Table {
        guard var consumer = try reader.makeConsumer(columns: columns, context: context) as? any PushdownConsumer else {
            throw Diagnostic("internal: \(type(of: reader)) describes its work but cannot take what a database computed", at: nil)
        }
        let answer = try plan.run()
        var delivered = 0
        let isGroups: Bool
        switch answer.result {
        case .groups(let groups):
            isGroups = true
            for group in groups {
                try consumer.consume(group)
                delivered += group.rows
            }
        case .rows(let stream):
            isGroups = false
            try stream.forEach(needing: consumer.neededColumns) { row in
                try consumer.consume(row)
                delivered += 1
            }
        }
        let needs = needs(request, plan: plan, isGroups: isGroups, delivered: delivered)
        var facts = needs.isEmpty ? PushdownFacts() : try answer.facts(needs)
        // What the rows that came back show: they were read, and (as groups) kept, and hold
        // the texts that a top-level `column = 'text'` asks for.
        if delivered > 0 {
            facts.offered = facts.offered ?? delivered
            facts.admitted = facts.admitted ?? delivered
            if isGroups {
                facts.kept = facts.kept ?? delivered
                let implied = impliedTexts(request)
                if facts.found == nil, !request.watched.isEmpty { facts.found = request.watched.map(implied.contains) }
            }
        }
        consumer.note(facts)
        var tally = InputScope.Tally()
        tally.offered = facts.offered ?? delivered
        tally.admitted = facts.admitted ?? delivered
        if let days = facts.days { tally.seen.note(days) }
        tally.undated = facts.undated ?? 0
        if let days = scope.finish(tally) { consumer.note(days) }
        return try consumer.finish()
    }

    /// The facts the lineage, the warnings and the buckets without data need that the answer
    /// does not show. The lineage states every reading's rows ("read 128 of 128 rows") and a
    /// dated source's days, so those are always asked (the source asks once per span).
    private static func needs(_ request: PushdownRequest, plan: PushdownPlan, isGroups: Bool, delivered: Int) -> PushdownFacts.Needs {
        if delivered == 0 { return .all }
        var needs: PushdownFacts.Needs = request.span == nil ? [.counts] : [.counts, .days]
        // Every date given to `period(...)` widens the data's span, whatever the `where` keeps.
        if !request.periodKeys.isEmpty, isGroups || !plan.appliedConditions.isEmpty { needs.insert(.periodDays) }
        if isGroups {
            if !Set(request.watched).isSubset(of: impliedTexts(request)) { needs.insert(.found) }
        } else if !plan.appliedConditions.isEmpty {
            // Rows the database left out may hold a watched text.
            needs.insert(.found)
        }
        return needs
    }

    /// The watched texts that every kept row holds: those of a top-level `column = 'text'`.
    private static func impliedTexts(_ request: PushdownRequest) -> Set<PushdownRequest.WatchedText> {
        var texts = Set<PushdownRequest.WatchedText>()
        for part in request.conditions {
            var pair: (Expression, Expression)?
            switch part.node.kind {
            case .binary(.equal, let left, let right): pair = (left, right)
            case .inList(let operand, let items, negated: false) where items.count == 1: pair = (operand, items[0])
            default: break
            }
            guard let (left, right) = pair else { continue }
            for (name, literal) in [(left, right), (right, left)] {
                if case .name(let parts) = name.kind, parts.count == 1, case .literal(.string(let text)) = literal.kind,
                   let column = request.scope.columns.firstIndex(where: { $0.name == parts[0] }) {
                    texts.insert(PushdownRequest.WatchedText(column: column, text: text))
                }
            }
        }
        return texts
    }
}

/// What one extractor's reading of a database-backed source hands to the database, and the
/// statement, for `reportgen validate --explain`.
public struct PushdownNote: Sendable {
    public var extractor: String
    public var source: String
    public var pushed: [String]
    public var local: [String]
    public var statement: String?
    /// The values bound to the statement's `$1`, `$2`, ...
    public var parameters: [String?]
}
