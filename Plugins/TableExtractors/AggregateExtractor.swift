import ReportKit

/// Groups rows and computes measures per group. Grouped by `period(...)`, every bucket of the
/// recipe's period appears in order, empty ones with counts and sums of 0 (and for each
/// combination of the other keys that occurs); rows outside the period are dropped. Without
/// `group_by` the result is one row. Groups come out ordered by their keys.
public struct AggregateExtractor: StreamingExtractor {
    public static let type = "aggregate"
    public static let summary = "measures (sum, count, avg, ...) per group or period bucket"

    public struct Options: PluginOptions {
        @Option(doc: "the table", example: "admissions")
        var input: TableReference
        @Option(doc: "only rows for which this holds", example: "date >= '2010-01-01'")
        var `where`: ExpressionText?
        @Option(doc: "keys: a list of columns or one-column functions, or a map name -> expression", example: "[period(date), ward]")
        var groupBy: GroupKeys?
        @Option(doc: "name -> aggregate expression", example: "{admitted: sum(count), rate: 100.0 * sum(good) / sum(total)}")
        var measures: OptionMap<ExpressionText>

        public init() {}
    }

    struct Key {
        var name: String
        var text: ExpressionText
    }

    let options: Options
    let keys: [Key]
    /// The id the recipe gives it, for messages.
    let id: String

    public init(options: Options, setup: PluginSetup) throws {
        self.options = options
        id = setup.id ?? ""
        var keys: [Key] = []
        var diagnostics = Diagnostics()
        if let named = options.groupBy?.named {
            keys = named.map { Key(name: $0.name, text: $0.value) }
        } else {
            for text in options.groupBy?.listed ?? [] {
                guard let name = diagnostics.collect({ try Self.keyName(text) }) else { continue }
                keys.append(Key(name: name, text: text))
            }
        }
        var seen: [String: SourceLocation] = [:]
        for key in keys {
            if let first = seen[key.name] {
                diagnostics.append(Diagnostic("two group keys are named '\(key.name)'; use the map form to name them",
                                              at: key.text.location(at: 0), notes: [.init("the other", at: first)]))
            }
            seen[key.name] = key.text.location(at: 0)
        }
        try diagnostics.throwIfAny()
        self.keys = keys
    }

    /// In the list form a column keeps its name and a function of one column is named after
    /// the function (`period(date)` -> `period`); anything else needs the map form.
    private static func keyName(_ text: ExpressionText) throws -> String {
        let expression = try ExpressionParser.parse(text)
        switch expression.kind {
        case .name(let parts) where parts.count == 1: return parts[0]
        case .call(let name, let arguments) where arguments.count == 1:
            if case .name(let parts) = arguments[0].kind, parts.count == 1 { return name }
        default: break
        }
        throw Diagnostic("name this group key: write group_by as a map, such as {name: \(text.text)}", at: text.location(at: 0))
    }

    public var streamedInput: String { options.input.id }

    /// The extractor's expressions checked against its input's columns.
    struct Compiled {
        let condition: CompiledExpression?
        let keys: [CompiledExpression]
        let keyColumns: [Column]
        let measures: [(name: String, measure: ExpressionCompiler.Measure)]
        let measureColumns: [Column]
        let needed: Set<Int>
        let periodKeys: [Int]
    }

    func compile(columns: [Column], context: RunContext) throws -> Compiled {
        let scope = context.scope(for: columns)
        // Every expression is checked before any fails the run, so that one message lists them all.
        var diagnostics = Diagnostics()
        let condition = diagnostics.collect { try options.where.map { try Condition.compile($0, scope: scope) } } ?? nil
        let compiledKeys = keys.map { key in diagnostics.collect { try ExpressionCompiler.compile(key.text, scope: scope) } }
        let keyExpressions = compiledKeys.compactMap { $0 }
        if keyExpressions.count < keys.count {
            // Measures may name the group keys: those that name a key in error are left out, the
            // others are checked as well, so that one run reports every mistake.
            let failed = zip(keys, compiledKeys).filter { $0.1 == nil }.map(\.0.name)
            let known = zip(keys, compiledKeys).compactMap { key, compiled in compiled.map { Column(key.name, $0.type ?? .string) } }
            for entry in options.measures where !failed.contains(where: { entry.value.text.contains($0) }) {
                _ = diagnostics.collect { try ExpressionCompiler.compileMeasure(entry.value, scope: scope, groupKeys: known) }
            }
            try diagnostics.throwIfAnyAsFound()
        }
        let keyColumns = try zip(keys, keyExpressions).map { key, compiled in
            Column(key.name, compiled.type ?? .string, plain: try Self.isPlain(key.text, in: columns))
        }
        let measures = options.measures.compactMap { entry in
            diagnostics.collect {
                (name: entry.name, measure: try ExpressionCompiler.compileMeasure(entry.value, scope: scope, groupKeys: keyColumns))
            }
        }
        try diagnostics.throwIfAnyAsFound()
        let measureTexts = Dictionary(options.measures.map { ($0.name, $0.value) }) { first, _ in first }
        let measureColumns = measures.map { measure in
            Column(measure.name, measure.measure.outer.type ?? .decimal,
                   plain: measureTexts[measure.name].map { Self.picksAPlainValue($0, in: columns) } ?? false)
        }
        let needed = keyExpressions.reduce(condition?.columns ?? []) { $0.union($1.columns) }
            .union(measures.reduce(Set<Int>()) { $0.union($1.measure.columns) })
        let periodKeys = keyExpressions.indices.filter { keyExpressions[$0].type == .period }
        return Compiled(condition: condition, keys: keyExpressions, keyColumns: keyColumns, measures: measures,
                        measureColumns: measureColumns, needed: needed, periodKeys: periodKeys)
    }

    public func makeConsumer(columns: [Column], context: RunContext) throws -> any RowConsumer {
        let compiled = try compile(columns: columns, context: context)
        let (condition, keyExpressions, measures, periodKeys) = (compiled.condition, compiled.keys, compiled.measures, compiled.periodKeys)
        let scope = context.scope(for: columns)
        let judge = RecordJudge(
            width: columns.count, conditionParts: try options.where.map { try ExpressionCompiler.compileConjuncts($0, scope: scope) } ?? [],
            keys: keyExpressions, periodKeys: periodKeys, argumentColumns: measures.reduce(Set<Int>()) { $0.union($1.measure.columns) },
            watch: options.where.map { FilterWatch($0, columns: columns) })
        let records = RecordAggregator(judge: judge, keyCount: keyExpressions.count)
        let span = SpanOfData(period: context.period, warnings: context.warnings, location: options.$groupBy.location)
        return Consumer(condition: condition, keys: keyExpressions, periodKeys: periodKeys,
                        grouping: Grouping(measures: measures.map(\.measure)), records: records, span: span, warnings: context.warnings,
                        columns: compiled.keyColumns + compiled.measureColumns, neededColumns: compiled.needed,
                        key: Array(repeating: .null, count: keyExpressions.count))
    }

    struct Consumer: RawRecordConsumer {
        let condition: CompiledExpression?
        let keys: [CompiledExpression]
        let periodKeys: [Int]
        var grouping: Grouping
        var records: RecordAggregator
        var span: SpanOfData
        let warnings: WarningLog
        let columns: [Column]
        let neededColumns: Set<Int>?
        /// Reused for every row, so that looking up a group allocates nothing.
        var key: [Value]

        mutating func consume(_ record: RawRecord, decoder: RawFieldDecoder) throws {
            try records.consume(record, decoder: decoder, into: &grouping)
        }

        var lookedUpColumns: [Int] { records.judge.lookedUpColumns }

        mutating func consume(_ row: Row) throws {
            for index in periodKeys { span.note(try keys[index].periodDate?(row)) }
            if let condition {
                let kept = try condition.isTrue(row)
                records.watchRow(row, kept: kept)
                if !kept { return }
            }
            for index in keys.indices { key[index] = try keys[index].evaluate(row) }
            // A row outside the period falls in no bucket and is dropped.
            for index in periodKeys where key[index].isNull { return }
            try grouping.add(row, key: key)
        }

        var canMerge: Bool { true }

        mutating func merge(_ later: any RowConsumer) throws {
            guard let later = later as? Consumer else { throw Diagnostic("internal: merging different consumers", at: nil) }
            grouping.merge(later.grouping)
            records.merge(later.records)
            span.merge(later.span)
        }

        mutating func note(_ days: InputDays) { span.note(days) }

        mutating func finish() throws -> Table {
            span.note(records.judge.periodDays)
            if keys.isEmpty { grouping.ensure(key: []) }
            if let period = span.period, !periodKeys.isEmpty {
                grouping.fillBuckets(period.buckets.map(Value.period), at: periodKeys, width: keys.count)
            }
            let rows = try grouping.rows { key in
                span.emptyGroup(buckets: periodKeys.compactMap { if case .period(let bucket) = key[$0] { return bucket } else { return nil } },
                                isWhole: keys.isEmpty)
            }
            if !periodKeys.isEmpty || keys.isEmpty { span.warnOfTimeWithoutData(isWhole: keys.isEmpty) }
            records.judge.watch?.warn(into: warnings)
            return Table(columns: columns, rows: rows)
        }
    }
}

extension AggregateExtractor {
    /// `min(year)`, `max(code)`, `first(...)`, `last(...)` of a column written plain is written
    /// plain: the first year of a span is `2010`, not `2.010`.
    fileprivate static func picksAPlainValue(_ text: ExpressionText, in columns: [Column]) -> Bool {
        guard let expression = try? ExpressionParser.parse(text),
              case .call(let name, let arguments) = expression.kind, ["min", "max", "first", "last"].contains(name),
              arguments.count == 1, case .name(let parts) = arguments[0].kind, parts.count == 1
        else { return false }
        return columns.first { $0.name == parts[0] }?.isPlain ?? false
    }

    /// A key by `year(...)`, or by a column written plain, is written plain: `2025`, not `2.025`.
    fileprivate static func isPlain(_ text: ExpressionText, in columns: [Column]) throws -> Bool {
        switch try ExpressionParser.parse(text).kind {
        case .call("year", _): return true
        case .name(let parts) where parts.count == 1:
            return columns.first { $0.name == parts[0] }?.isPlain ?? false
        default: return false
        }
    }
}

/// `group_by`: a list of keys (a column keeps its name, a function of one column is named
/// after the function), or a map name -> expression.
struct GroupKeys: OptionValue {
    var named: OptionMap<ExpressionText>?
    var listed: [ExpressionText] = []

    static var optionType: OptionType { .anyOf([.map(.expression), .list(.expression)]) }

    init(option node: YAMLNode, at site: OptionSite) throws {
        if node.mapping != nil {
            named = try OptionMap(option: node, at: site)
        } else {
            listed = try [ExpressionText](option: node, at: site)
        }
    }
}
