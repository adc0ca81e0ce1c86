/// Checks how the recipe ties figures to its period: a `span` only where an extractor reads a
/// dated source, `previous` only with a period; and, when `--period` moves the period, warns
/// of every source without `dated_by`, whose figures cannot follow it.
struct PeriodScopeCheck {
    let recipe: Recipe
    let periodMoved: Bool

    /// Records errors in `diagnostics`; returns the warnings.
    func check(into diagnostics: inout Diagnostics) -> [Diagnostic] {
        let dated = Set(recipe.sources.filter { $0.datedBy?.column != nil }.map(\.id))
        for extractor in recipe.extractors {
            guard let setting = extractor.span else { continue }
            if !extractor.references.contains(where: { dated.contains($0.id) }) {
                let sources = recipe.sources.map(\.id).filter { id in extractor.references.contains { $0.id == id } }
                let reads = sources.isEmpty ? "it reads no source, only other extractors' tables, which are cut already"
                    : "it reads \(sources.map { "'\($0)'" }.joined(separator: ", ")), which \(sources.count == 1 ? "has" : "have") no dated_by"
                diagnostics.append(Diagnostic("span chooses rows of sources that name their date column with dated_by, but \(reads)",
                                              at: setting.location))
            } else if setting.span == .previous || setting.span == .previousYear, recipe.period == nil {
                diagnostics.append(Diagnostic("span: \(setting.span == .previous ? "previous" : "previous_year") needs the recipe's period", at: setting.location))
            }
        }
        guard periodMoved, let period = recipe.period else { return [] }
        var warnings: [Diagnostic] = []
        for source in recipe.sources where source.datedBy == nil {
            let readers = recipe.extractors.filter { $0.references.contains { $0.id == source.id } }.map(\.id)
            let made = readers.isEmpty ? "its rows" : "the figures made from it (\(readers.map { "'\($0)'" }.joined(separator: ", ")))"
            warnings.append(.warning(
                "source '\(source.id)' has no dated_by, so \(made) cover all its rows, not the period \(period.code) that --period asks for; "
                    + "name its date column with dated_by, or write dated_by: none if its rows hold for any period",
                at: source.location))
        }
        return warnings
    }
}
