import Foundation

/// Builds every table's ``TableLineage`` at the end of a run, from the recipe's configuration,
/// the tables made and what the ``LineageLog`` recorded of each reading.
struct LineageBuilder {
    let recipe: Recipe
    let log: LineageLog
    let workingDirectory: URL
    /// Whether to read every input file again for its SHA-256 (for the json output, a
    /// manifest or `explain`): a cost in proportion to the data, paid only when asked.
    let digests: Bool

    func lineages(of tables: [String: Table]) throws -> [String: TableLineage] {
        var result: [String: TableLineage] = [:]
        for source in recipe.sources {
            var lineage = TableLineage(id: source.id, kind: .source, type: source.type, location: source.location,
                                       options: Self.hidingSecrets(LineageOption.of(source.node), of: source.plugin))
            lineage.files = try files(of: source)
            lineage.origin = source.plugin.origin
            let seen = log.source(source.id)
            lineage.rowCount = seen?.read.rowsOffered ?? tables[source.id]?.rows.count ?? 0
            lineage.datedBy = source.datedBy?.column
            lineage.dataSpan = seen?.dataSpan
            result[source.id] = lineage
        }
        for extractor in recipe.extractors {
            var lineage = TableLineage(id: extractor.id, kind: .extractor, type: extractor.type, location: extractor.location,
                                       options: LineageOption.of(extractor.node))
            var inputs: [String] = []
            for reference in extractor.references where !inputs.contains(reference.id) { inputs.append(reference.id) }
            lineage.reads = inputs.map { input in
                if let entry = log.read(by: extractor.id, of: input) { return entry.read }
                let rows = tables[input]?.rows.count ?? 0
                return InputRead(input: input, rowsOffered: rows, rowsRead: rows)
            }
            lineage.rowCount = tables[extractor.id]?.rows.count ?? 0
            result[extractor.id] = lineage
        }
        return result
    }

    /// The options, with the value of each that may hold a secret (a connection string, often
    /// with its password from `${VAR}`) not shown.
    static func hidingSecrets(_ options: [LineageOption], of plugin: any Source) -> [LineageOption] {
        let secret = Set(type(of: plugin).options.filter(\.isSecret).map(\.name))
        return options.map { option in
            guard secret.contains(option.key) else { return option }
            return LineageOption(key: option.key, text: "(not shown: it may hold a password)", location: option.location)
        }
    }

    private func files(of source: Configured<any Source>) throws -> [InputFile] {
        try source.plugin.inputFiles(in: recipe.directory).map { url in
            let display = DisplayPath.of(url, relativeTo: recipe.directory)
            guard digests else {
                return InputFile(path: display, size: Self.size(of: url), sha256: "")
            }
            return try FileDigest.file(url, display: display)
        }
    }

    /// The size `lstat` gives (a link's own, as `resourceValues(.fileSize)` gave it), 0 when
    /// the file is gone: one call, where Foundation's made a URL and listed the extended
    /// attributes of each of 2,000 files.
    private static func size(of url: URL) -> Int {
        var status = stat()
        return lstat(url.path, &status) == 0 ? Int(status.st_size) : 0
    }
}
