import Foundation

/// Runs a validated recipe: sources and extractors in plan order, then every output, then
/// writes the files all together (see ``OutputWriter``).
public struct Runner: Sendable {
    public var workingDirectory: URL

    public init(workingDirectory: URL) {
        self.workingDirectory = workingDirectory
    }

    public func makeReport(_ recipe: Recipe) throws -> Report {
        let plan = try Plan(recipe)
        let context = RunContext(recipeDirectory: recipe.directory, workingDirectory: workingDirectory, locale: recipe.locale,
                                 params: Dictionary(recipe.params.map { ($0.name, $0.value) }) { $1 }, period: recipe.period)
        var tables: [String: Table] = [:]
        for step in plan.steps {
            switch step {
            case .source(let index):
                let source = recipe.sources[index]
                tables[source.id] = try source.plugin.load(context: context)
            case .extractor(let index):
                let extractor = recipe.extractors[index]
                let inputs = tables.filter { id, _ in extractor.references.contains { $0.id == id } }
                tables[extractor.id] = try extractor.plugin.extract(inputs: inputs, context: context)
            }
        }
        let ordered = (recipe.sources.map(\.id) + recipe.extractors.map(\.id)).compactMap { id in
            tables[id].map { NamedTable(id: id, table: $0) }
        }
        return Report(title: recipe.title, subtitle: recipe.subtitle, locale: recipe.locale, period: recipe.period,
                      params: recipe.params, tables: ordered, extractorIDs: recipe.extractors.map(\.id), layout: recipe.layout)
    }

    /// Runs the recipe and writes its outputs (those whose type is in `only`, when given) into
    /// `outputDirectory`. Returns the files written, in recipe order.
    public func run(_ recipe: Recipe, outputDirectory: URL, only: Set<String>? = nil) throws -> [URL] {
        let report = try makeReport(recipe)
        var diagnostics = Diagnostics()
        var files: [OutputWriter.File] = []
        for output in recipe.outputs where only?.contains(output.type) ?? true {
            if let bytes = diagnostics.collect({ try output.plugin.render(report) }) {
                files.append(OutputWriter.File(path: output.path, bytes: bytes, location: output.pathLocation))
            }
        }
        try diagnostics.throwIfAny()
        var inputs = [recipe.file]
        for source in recipe.sources { inputs += try source.plugin.inputFiles(in: recipe.directory) }
        return try OutputWriter(directory: outputDirectory).write(files, protecting: inputs)
    }
}
