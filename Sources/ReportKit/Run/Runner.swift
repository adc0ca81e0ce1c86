import Foundation

/// Runs a validated recipe: sources and extractors in plan order, then every output, then
/// writes the files all together (see ``OutputWriter``).
public struct Runner: Sendable {
    public var workingDirectory: URL
    /// Handed to outputs as ``Report/environment``.
    public var environment: [String: String]
    /// Whether extractors hand their work to a database-backed source (``QueryableSource``);
    /// off, every row of such a source is streamed, as from a file.
    public var pushdown = true
    /// Whether every input file's SHA-256 goes into the lineage (a manifest, `explain`); the
    /// json output asks for them too.
    public var digestsInputs = false

    public init(workingDirectory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.workingDirectory = workingDirectory
        self.environment = environment
    }

    /// Computes every table of the recipe. A step that fails does not stop the others: every
    /// step that does not depend on it still runs, so that one run reports every error.
    /// Warnings (``RunContext/warn(_:at:notes:)``) travel with the report, or with the
    /// errors when the run fails.
    public func makeReport(_ recipe: Recipe) throws -> Report {
        let plan = try Plan(recipe)
        let context = RunContext(recipe: recipe, workingDirectory: workingDirectory)
        recipe.warnings.forEach(context.warnings.warn)
        var tables: [String: Table] = [:]
        // Dated sources loaded whole, before their period is cut, and how they date rows.
        var wholeTables: [String: Table] = [:]
        var datings: [String: RowDating] = [:]
        var failed: Set<String> = []
        var diagnostics = Diagnostics()
        let shown = Self.tablesShownDirectly(by: recipe)
        let lineageLog = LineageLog()
        let scopes = InputScopes(recipe: recipe, warnings: context.warnings, lineage: lineageLog)
        let sources = Dictionary(recipe.sources.map { ($0.id, $0) }) { first, _ in first }
        var pushdownNotes: [PushdownNote] = []
        for step in plan.steps {
            switch step {
            case .source(let index):
                let source = recipe.sources[index]
                if pushdown, let queryable = source.plugin as? any QueryableSource,
                   let readers = streamReaders(of: source.id, in: recipe, shown: shown) {
                    var pushed = PushdownRun(source, readers: readers, scopes: scopes, context: context)
                    let tablesMade = diagnostics.collect { try pushed.run(queryable) }
                    pushdownNotes += pushed.notes
                    for (id, table) in tablesMade ?? [] { tables[id] = table }
                    if tablesMade == nil { failed.formUnion([source.id] + readers.map(\.id)) }
                } else if let streaming = source.plugin as? any StreamingSource, let readers = streamReaders(of: source.id, in: recipe, shown: shown) {
                    let streamed = diagnostics.collect {
                        try Self.stream(streaming.stream(context: context), of: source, to: readers, scopes: scopes, context: context)
                    }
                    for (id, table) in streamed ?? [] { tables[id] = table }
                    for reader in readers where tables[reader.id] != nil {
                        let place = recipe.extractors.first { $0.id == reader.id }?.location ?? source.location
                        if diagnostics.collect({ try OutOfRangeCheck.check(tables[reader.id]!, madeBy: reader.id, at: place) }) == nil {
                            tables[reader.id] = nil
                            failed.insert(reader.id)
                        }
                    }
                    if streamed == nil { failed.formUnion([source.id] + readers.map(\.id)) }
                } else if let table = diagnostics.collect({
                    let table = try source.plugin.load(context: context)
                    try OutOfRangeCheck.check(table, madeBy: source.id, at: source.location)
                    return table
                }), let dating = diagnostics.collect({ try scopes.dating(of: source, columns: table.columns) }) {
                    if let dating {
                        datings[source.id] = dating
                        wholeTables[source.id] = table
                    }
                    // What the report shows of a dated source is its period's rows.
                    let reportScope = InputScope(sourceID: source.id, sourceLocation: source.location,
                                                 dated: dating.map { .init(dating: $0, days: recipe.period.map { $0.start...$0.end },
                                                                          location: $0.location, name: "the period") },
                                                 warnings: WarningLog())
                    tables[source.id] = dating == nil ? table : reportScope.apply(to: table).table
                } else {
                    failed.insert(source.id)
                }
            case .extractor(let index):
                let extractor = recipe.extractors[index]
                if tables[extractor.id] != nil || failed.contains(extractor.id) { continue }
                if extractor.references.contains(where: { failed.contains($0.id) }) {
                    failed.insert(extractor.id)
                    continue
                }
                var inputs = tables.filter { id, _ in extractor.references.contains { $0.id == id } }
                var readerContext = context
                readerContext.period = scopes.period(of: extractor)
                for id in inputs.keys {
                    guard let source = sources[id] else { continue }
                    let scoped = diagnostics.collect {
                        try scopes.scope(of: extractor, reading: source, dating: datings[id]).apply(to: wholeTables[id] ?? tables[id]!)
                    }
                    guard let scoped else { continue }
                    inputs[id] = scoped.table
                    readerContext.inputDays[id] = scoped.days
                }
                if let table = diagnostics.collect({
                    let table = try extractor.extract(inputs: inputs, context: readerContext)
                    try OutOfRangeCheck.check(table, madeBy: extractor.id, at: extractor.location)
                    return table
                }) {
                    tables[extractor.id] = table
                } else {
                    failed.insert(extractor.id)
                }
            }
        }
        if !diagnostics.isEmpty {
            if diagnostics.all.count == 1, context.warnings.all.isEmpty { throw diagnostics.all[0] }
            context.warnings.all.forEach { diagnostics.append($0) }
            try diagnostics.throwIfAny()
        }
        let ordered = (recipe.sources.map(\.id) + recipe.extractors.map(\.id)).compactMap { id in
            tables[id].map { NamedTable(id: id, table: $0) }
        }
        var report = Report(title: recipe.title, subtitle: recipe.subtitle, locale: recipe.locale, period: recipe.period,
                            params: recipe.params, tables: ordered, extractorIDs: recipe.extractors.map(\.id), layout: recipe.layout)
        report.environment = environment
        report.warnings = context.warnings.all
        report.pushdown = pushdownNotes
        let digests = digestsInputs || recipe.outputs.contains { $0.plugin.needsEveryTable }
        report.lineage = try LineageBuilder(recipe: recipe, log: lineageLog, workingDirectory: workingDirectory, digests: digests)
            .lineages(of: tables)
        for note in pushdownNotes { report.lineage[note.extractor]?.query = note.statement }
        return report
    }

    /// One table of the recipe, computing only what it needs: the sources and extractors it
    /// reads, directly or not (for `reportgen burst --from TABLE.COLUMN`).
    public func makeTable(_ id: String, of recipe: Recipe) throws -> Table? {
        var needed: Set<String> = [id], queue = [id]
        let references = Dictionary((recipe.sources.map { ($0.id, $0.references) } + recipe.extractors.map { ($0.id, $0.references) })) { first, _ in first }
        while let next = queue.popLast() {
            for reference in references[next] ?? [] where needed.insert(reference.id).inserted { queue.append(reference.id) }
        }
        var pruned = recipe
        pruned.sources = recipe.sources.filter { needed.contains($0.id) }
        pruned.extractors = recipe.extractors.filter { needed.contains($0.id) }
        (pruned.outputs, pruned.layout, pruned.templates, pruned.title, pruned.subtitle) = ([], [], [], "", nil)
        return try makeReport(pruned).table(id)
    }

    /// The extractors that read source `id`, when all of them can take it as a stream and
    /// nothing else needs its rows; `nil` when the source must be loaded whole.
    private func streamReaders(of id: String, in recipe: Recipe, shown: Set<String>) -> [(id: String, extractor: any StreamingExtractor)]? {
        let readers = recipe.extractors.filter { $0.references.contains { $0.id == id } }
        guard !readers.isEmpty, !shown.contains(id),
              !recipe.outputs.contains(where: { $0.plugin.needsEveryTable || $0.references.contains { $0.id == id } })
        else { return nil }
        var result: [(String, any StreamingExtractor)] = []
        for reader in readers {
            guard let streaming = reader.plugin as? any StreamingExtractor, streaming.streamedInput == id,
                  reader.references.allSatisfy({ $0.id == id })
            else { return nil }
            result.append((reader.id, streaming))
        }
        return result
    }

    /// The tables the layout, the title or the subtitle show or name.
    private static func tablesShownDirectly(by recipe: Recipe) -> Set<String> {
        ([recipe.title] + (recipe.subtitle.map { [$0] } ?? [])).reduce(LayoutBlocks.tableIDs(in: recipe.layout)) {
            $0.union(ReportTemplate.tableIDs(in: $1))
        }
    }

    /// Reads the source once, handing each row to every reader; on both cores when the source
    /// can split its rows and every reader can merge. A source that feeds consumers itself
    /// (``RowStream/parallelProducer``) does so even on one core: it may hand them records
    /// before decoding.
    static func stream(_ first: RowStream, of configured: Configured<any Source>,
                       to readers: [(id: String, extractor: any StreamingExtractor)],
                       scopes: InputScopes, context: RunContext) throws -> [(String, Table)] {
        var stream = first
        while true {
            do {
                return try feed(stream, of: configured, to: readers, scopes: scopes, context: context)
            } catch let revised as ColumnsRevised {
                // The source's guess of a column's type was wrong: its readers start again,
                // made for the columns as every cell types them.
                stream = revised.stream
            } catch is GuessedTypesRefused {
                stream = try stream.settled!()
            }
        }
    }

    /// `consumer` behind its scope, its type opened here once.
    private static func scoped<Consumer: RawRecordConsumer>(_ consumer: Consumer, scope: InputScope, width: Int) -> any RowConsumer {
        ScopedRecordConsumer(consumer, scope: scope, width: width)
    }

    /// An error in making a source's readers when some of its types are guesses: the error
    /// stands only once every cell has typed the columns (``RowStream/settled``).
    private struct GuessedTypesRefused: Error {}

    /// One reading of ``stream(_:of:to:scopes:context:)``.
    private static func feed(_ stream: RowStream, of configured: Configured<any Source>,
                             to readers: [(id: String, extractor: any StreamingExtractor)],
                             scopes: InputScopes, context: RunContext) throws -> [(String, Table)] {
        let configuredReaders = Dictionary(scopes.recipe.extractors.map { ($0.id, $0) }) { first, _ in first }
        func makeConsumers() throws -> [any RowConsumer] {
            let dating = try scopes.dating(of: configured, columns: stream.columns)
            let readerScopes = try readers.map { try scopes.scope(of: configuredReaders[$0.id]!, reading: configured, dating: dating) }
            var diagnostics = Diagnostics()
            let consumers: [any RowConsumer] = readers.indices.compactMap { index in
                diagnostics.collect {
                    try configuredReaders[readers[index].id]?.columnUses.check([configured.id: Table(columns: stream.columns)])
                    var readerContext = context
                    readerContext.period = scopes.period(of: configuredReaders[readers[index].id]!)
                    let consumer = try readers[index].extractor.makeConsumer(columns: stream.columns, context: readerContext)
                    if let raw = consumer as? any RawRecordConsumer {
                        return Self.scoped(raw, scope: readerScopes[index], width: stream.columns.count)
                    }
                    return ScopedConsumer(inner: consumer, scope: readerScopes[index])
                }
            }
            try diagnostics.throwIfAnyAsFound()
            return consumers
        }
        var consumers: [any RowConsumer]
        do {
            consumers = try makeConsumers()
        } catch where stream.settled != nil {
            throw GuessedTypesRefused()
        }
        let needed = consumers.reduce(Set<Int>?.some([])) { union, consumer in
            guard let union, let columns = consumer.neededColumns else { return nil }
            return union.union(columns)
        }
        if let parallel = stream.parallelProducer {
            // Sources split a file in two at most; more consumer sets would go unused.
            let workers = consumers.allSatisfy(\.canMerge) ? min(ProcessInfo.processInfo.activeProcessorCount, 2) : 1
            let partitions = try [consumers] + (1..<workers).map { _ in try makeConsumers() }
            let fed = try parallel(needed, partitions)
            consumers = fed[0]
            for later in fed.dropFirst() {
                for index in consumers.indices { try consumers[index].merge(later[index]) }
            }
        } else {
            try stream.forEach(needing: needed) { row in
                for index in consumers.indices { try consumers[index].consume(row) }
            }
        }
        return try readers.indices.map { (readers[$0].id, try consumers[$0].finish()) }
    }

    /// What a run wrote, and the warnings it gave.
    public struct Written: Sendable {
        public var files: [URL]
        public var warnings: [Diagnostic]
    }

    /// Runs the recipe and writes its outputs (those whose type is in `only`, when given) into
    /// `outputDirectory`. Returns the files written, in recipe order. `strict`: any warning is
    /// an error, and nothing is written.
    /// `manifest`: also write ``Manifest/fileName`` with the outputs (set ``digestsInputs``).
    public func run(_ recipe: Recipe, outputDirectory: URL, only: Set<String>? = nil, strict: Bool = false,
                    manifest: Manifest? = nil) throws -> Written {
        let rendered = try render(recipe, only: only, strict: strict)
        var inputs = [recipe.file] + recipe.readFiles
        for source in recipe.sources { inputs += try source.plugin.inputFiles(in: recipe.directory) }
        var files = rendered.files
        if let manifest {
            if let clash = recipe.outputs.first(where: { $0.path == Manifest.fileName }) {
                throw Diagnostic("this output writes \(Manifest.fileName), which --manifest writes; choose another path", at: clash.pathLocation)
            }
            files.append(OutputWriter.File(path: Manifest.fileName, bytes: try manifest.bytes(recipe: recipe, report: rendered.report, outputs: files),
                                           location: SourceLocation(file: recipe.displayPath, line: 1, column: 1)))
        }
        let written = try OutputWriter(directory: outputDirectory).write(files, protecting: inputs)
        return Written(files: written, warnings: rendered.warnings)
    }

    /// Outputs rendered in memory, the warnings of the run, and the report they render.
    public struct Rendered: Sendable {
        public var files: [OutputWriter.File]
        public var warnings: [Diagnostic]
        public var report: Report
    }

    /// Runs the recipe and renders its outputs in memory, writing nothing: what `validate`
    /// does to check a recipe against its data. `strict`: any warning is thrown as an error.
    public func render(_ recipe: Recipe, only: Set<String>? = nil, strict: Bool = false) throws -> Rendered {
        let report: Report
        do {
            report = try makeReport(recipe)
        } catch let found where strict {
            var all = Diagnostics()
            all.append(found)
            throw Diagnostics(all.all.map(\.asError))
        }
        let names = TemplateNames(report: report)
        var diagnostics = Diagnostics(recipe.templates.flatMap(names.check))
        var files: [OutputWriter.File] = []
        for output in recipe.outputs where only?.contains(output.type) ?? true {
            if let bytes = diagnostics.collect({ try output.plugin.render(report) }) {
                files.append(OutputWriter.File(path: output.path, bytes: bytes, location: output.pathLocation))
            }
        }
        report.warnings.forEach { diagnostics.append(strict ? $0.asError : $0) }
        try diagnostics.throwIfAny()
        return Rendered(files: files, warnings: report.warnings, report: report)
    }
}
