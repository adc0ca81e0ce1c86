import ReportKit

/// Running aggregates per group; memory grows with the number of groups, not rows (except
/// `median` and `count_distinct`, which keep the values they must). States live in one flat
/// array, `slots` per group, and are updated in place.
struct Grouping {
    let measures: [ExpressionCompiler.Measure]
    private let slots: Int
    private var groups: [[Value]: Int] = [:]
    private var keys: [[Value]] = []
    /// How many rows each group was given: a group without rows is an empty bucket.
    private var rowCounts: [Int] = []
    private var states: [AggregateState] = []
    private let fresh: [AggregateState]
    private let arguments: [CompiledExpression?]
    /// By slot, the column an argument reads bare, taken from the row without a call.
    private let argumentColumns: [Int?]

    init(measures: [ExpressionCompiler.Measure]) {
        self.measures = measures
        let calls = measures.flatMap(\.aggregates)
        slots = calls.count
        fresh = calls.map { AggregateState($0.function, decimalArgument: $0.argument?.type == .decimal) }
        arguments = calls.map(\.argument)
        argumentColumns = calls.map { $0.argument?.column }
    }

    @discardableResult
    mutating func ensure(key: [Value]) -> Int {
        if let group = groups[key] { return group }
        let group = keys.count
        groups[key] = group
        keys.append(key)
        rowCounts.append(0)
        states.append(contentsOf: fresh)
        return group
    }

    mutating func add(_ row: Row, key: [Value]) throws {
        try add(row, toGroup: ensure(key: key))
    }

    /// Adds a row to a group numbered by ``ensure(key:)``.
    @inline(__always)
    mutating func add(_ row: Row, toGroup group: Int) throws {
        rowCounts[group] += 1
        let first = group * slots
        // The states through one buffer: each `states[i]` written checked the array unique again.
        try states.withUnsafeMutableBufferPointer { states in
            for slot in 0..<slots {
                if let column = argumentColumns[slot] {
                    states[first + slot].add(row[column])
                } else {
                    states[first + slot].add(try arguments[slot]?.evaluate(row) ?? .bool(true))
                }
            }
        }
    }

    /// Adds a group a database computed. Two of them may be one group here (texts the database
    /// tells apart and reportgen does not); their states then merge, or, when they cannot,
    /// ``PushdownGroupsCollide`` is thrown and the rows are read instead.
    mutating func add(_ partial: PartialGroup) throws {
        let group = ensure(key: partial.key)
        let first = group * slots
        for slot in 0..<slots {
            if rowCounts[group] == 0 {
                states[first + slot] = partial.states[slot]
            } else if states[first + slot].isMergeable, partial.states[slot].isMergeable {
                states[first + slot].merge(partial.states[slot])
            } else {
                throw PushdownGroupsCollide()
            }
        }
        rowCounts[group] += partial.rows
    }

    /// Adds the groups of `later`, which saw the rows after this one's.
    mutating func merge(_ later: Grouping) {
        for (group, key) in later.keys.enumerated() {
            let mine = ensure(key: key)
            rowCounts[mine] += later.rowCounts[group]
            let first = mine * slots
            for slot in 0..<slots { states[first + slot].merge(later.states[group * slots + slot]) }
        }
    }

    /// Adds an empty group for every bucket, for each combination of the other keys seen.
    mutating func fillBuckets(_ buckets: [Value], at positions: [Int], width: Int) {
        var others = Set(keys.map { key in key.enumerated().map { positions.contains($0.offset) ? Value.null : $0.element } })
        if others.isEmpty { others = [[Value](repeating: .null, count: width)] }
        for other in others {
            for bucket in buckets {
                var key = other
                for position in positions { key[position] = bucket }
                ensure(key: key)
            }
        }
    }

    /// What a group without rows holds.
    enum Empty {
        /// A bucket outside the span the data covers: every measure is null ("no data").
        case noData
        /// A bucket inside it: nothing happened, so counts and sums are 0.
        case nothingHappened
        /// As SQL has it: counts 0, every other aggregate null.
        case noRows
    }

    /// One row per group, ordered by keys: key values, then each measure's value. `empty`
    /// says what a group without rows holds, from its key.
    func rows(empty: ([Value]) -> Empty) throws -> [[Value]] {
        try keys.indices.sorted { a, b in
            for (x, y) in zip(keys[a], keys[b]) where x != y { return Value.sortsBefore(x, y) }
            return false
        }.map { group in
            var slot = group * slots
            var row = keys[group]
            let kind: Empty? = rowCounts[group] == 0 ? empty(keys[group]) : nil
            for measure in measures {
                if kind == .noData {
                    slot += measure.aggregates.count
                    row.append(.null)
                    continue
                }
                let results = (0..<measure.aggregates.count).map { index -> Value in
                    let state = states[slot + index]
                    return kind == .nothingHappened ? state.resultForEmptyBucket : state.result
                }
                slot += measure.aggregates.count
                row.append(try measure.outer.evaluate(results + keys[group]))
            }
            return row
        }
    }
}
