import Foundation

/// Runs a validated recipe: sources and extractors in plan order, then every output, then
/// writes the files all together (see ``OutputWriter``).
public struct Runner: Sendable {
    public var workingDirectory: URL

    public init(workingDirectory: URL) {
        self.workingDirectory = workingDirectory
    }

    /// Computes every table of the recipe. A step that fails does not stop the others: every
    /// step that does not depend on it still runs, so that one run reports every error.
    public func makeReport(_ recipe: Recipe) throws -> Report {
        let plan = try Plan(recipe)
        let context = RunContext(recipe: recipe, workingDirectory: workingDirectory)
        var tables: [String: Table] = [:]
        var failed: Set<String> = []
        var diagnostics = Diagnostics()
        let shown = Self.tablesShownDirectly(by: recipe)
        for step in plan.steps {
            switch step {
            case .source(let index):
                let source = recipe.sources[index]
                if let streaming = source.plugin as? any StreamingSource, let readers = streamReaders(of: source.id, in: recipe, shown: shown) {
                    let streamed = diagnostics.collect { try Self.stream(streaming, to: readers, context: context) }
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
                }) {
                    tables[source.id] = table
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
                let inputs = tables.filter { id, _ in extractor.references.contains { $0.id == id } }
                if let table = diagnostics.collect({
                    let table = try extractor.plugin.extract(inputs: inputs, context: context)
                    try OutOfRangeCheck.check(table, madeBy: extractor.id, at: extractor.location)
                    return table
                }) {
                    tables[extractor.id] = table
                } else {
                    failed.insert(extractor.id)
                }
            }
        }
        try diagnostics.throwIfAnyAsFound()
        let ordered = (recipe.sources.map(\.id) + recipe.extractors.map(\.id)).compactMap { id in
            tables[id].map { NamedTable(id: id, table: $0) }
        }
        return Report(title: recipe.title, subtitle: recipe.subtitle, locale: recipe.locale, period: recipe.period,
                      params: recipe.params, tables: ordered, extractorIDs: recipe.extractors.map(\.id), layout: recipe.layout)
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
    private static func stream(_ source: any StreamingSource, to readers: [(id: String, extractor: any StreamingExtractor)],
                               context: RunContext) throws -> [(String, Table)] {
        let stream = try source.stream(context: context)
        func makeConsumers() throws -> [any RowConsumer] {
            var diagnostics = Diagnostics()
            let consumers = readers.compactMap { reader in
                diagnostics.collect { try reader.extractor.makeConsumer(columns: stream.columns, context: context) }
            }
            try diagnostics.throwIfAnyAsFound()
            return consumers
        }
        var consumers = try makeConsumers()
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

    /// Runs the recipe and writes its outputs (those whose type is in `only`, when given) into
    /// `outputDirectory`. Returns the files written, in recipe order.
    public func run(_ recipe: Recipe, outputDirectory: URL, only: Set<String>? = nil) throws -> [URL] {
        let files = try render(recipe, only: only)
        var inputs = [recipe.file] + recipe.readFiles
        for source in recipe.sources { inputs += try source.plugin.inputFiles(in: recipe.directory) }
        return try OutputWriter(directory: outputDirectory).write(files, protecting: inputs)
    }

    /// Runs the recipe and renders its outputs in memory, writing nothing: what `validate`
    /// does to check a recipe against its data.
    public func render(_ recipe: Recipe, only: Set<String>? = nil) throws -> [OutputWriter.File] {
        let report = try makeReport(recipe)
        let names = TemplateNames(report: report)
        var diagnostics = Diagnostics(recipe.templates.flatMap(names.check))
        var files: [OutputWriter.File] = []
        for output in recipe.outputs where only?.contains(output.type) ?? true {
            if let bytes = diagnostics.collect({ try output.plugin.render(report) }) {
                files.append(OutputWriter.File(path: output.path, bytes: bytes, location: output.pathLocation))
            }
        }
        try diagnostics.throwIfAny()
        return files
    }
}
