import ReportKit

/// A table's lineage as the json output writes it: the step (kind, type, line and column in
/// the recipe), its options as written, what it read of each input, a source's files with
/// size and SHA-256, the rows it yields.
enum JSONLineage {
    static func json(_ lineage: TableLineage?) -> JSONValue {
        guard let lineage else { return .null }
        var pairs: [(String, JSONValue)] = [
            ("kind", .string(lineage.kind.rawValue)),
            ("type", .string(lineage.type)),
            ("line", .int(lineage.location.line)),
            ("column", .int(lineage.location.column)),
            ("options", .object(lineage.options.map { ($0.key, .string($0.text)) })),
        ]
        if !lineage.reads.isEmpty {
            pairs.append(("reads", .array(lineage.reads.map { read in
                .object([("input", .string(read.input)), ("rows_offered", .int(read.rowsOffered)), ("rows_read", .int(read.rowsRead)),
                         ("span", read.span.map(JSONValue.string) ?? .null)])
            })))
        }
        if !lineage.files.isEmpty {
            pairs.append(("files", .array(lineage.files.map { file in
                .object([("path", .string(file.path)), ("size", .int(file.size)), ("sha256", .string(file.sha256))])
            })))
        }
        if let column = lineage.datedBy {
            pairs.append(("dated_by", .string(column)))
            pairs.append(("data_span", lineage.dataSpan.map { .array([.string($0.lowerBound.description), .string($0.upperBound.description)]) } ?? .null))
        }
        if let query = lineage.query { pairs.append(("query", .string(query))) }
        pairs.append(("rows", .int(lineage.rowCount)))
        return .object(pairs)
    }
}
