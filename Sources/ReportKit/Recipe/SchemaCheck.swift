/// Checks what can be checked before reading any data: each extractor runs on empty tables
/// wherever the columns of its inputs are known without reading rows, so that expression
/// types, column names and SQL are checked by `validate` and before a run reads anything.
enum SchemaCheck {
    static func run(_ recipe: Recipe, plan: Plan) -> Diagnostics {
        var diagnostics = Diagnostics()
        let context = RunContext(recipe: recipe, workingDirectory: recipe.directory)
        var known: [String: Table] = [:]
        for step in plan.steps {
            switch step {
            case .source(let index):
                let source = recipe.sources[index]
                if let columns = diagnostics.collect({ try source.plugin.columns(context: context) }) ?? nil {
                    known[source.id] = Table(columns: columns)
                    diagnostics.collect { _ = try InputScopes(recipe: recipe, warnings: context.warnings).dating(of: source, columns: columns) }
                }
            case .extractor(let index):
                let extractor = recipe.extractors[index]
                let inputs = extractor.references.map(\.id)
                guard inputs.allSatisfy({ known[$0] != nil }) else { continue }
                if let table = diagnostics.collect({ try extractor.extract(inputs: known, context: context) }) {
                    known[extractor.id] = Table(columns: table.columns)
                }
            }
        }
        return diagnostics
    }
}
