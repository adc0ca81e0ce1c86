import Foundation

/// What templates see: the tables they name, by id (a one-row table as a mapping of its
/// columns, so that `{{id.column}}` works; any other as a list of rows for
/// `{{#id}}...{{/id}}`), `params` and `period`, every value already written in the recipe's
/// locale. Tables no template names are not written out: a large one would cost every row.
public enum TemplateContext {
    /// The ids that the report's own templates (title, subtitle, layout) name.
    public static func namedTables(in report: Report) -> Set<String> {
        let texts = [report.title] + (report.subtitle.map { [$0] } ?? [])
            + LayoutBlocks.templateNodes(in: report.layout).compactMap(\.scalarText)
        return texts.reduce(into: Set<String>()) { $0.formUnion(ReportTemplate.tableIDs(in: $1)) }
    }

    public static func make(_ report: Report, formatter: ValueFormatter, tables ids: Set<String>) -> [String: Any] {
        var context: [String: Any] = [:]
        let helpers = TemplateHelpers(formatter: formatter)
        for named in report.tables where ids.contains(named.id) {
            let texts = DocumentValues.rows(named.table, formatter: formatter)
            let rows = zip(named.table.rows, texts).map { values, cells in
                Dictionary(zip(named.table.columnNames, zip(values, cells).map { TemplateValue($0, $1, helpers: helpers) })) { first, _ in first }
            }
            context[named.id] = rows.count == 1 ? rows[0] : rows
        }
        var params: [String: TemplateValue] = [:]
        for param in report.params { params[param.name] = TemplateValue(param.value, formatter.string(for: param.value), helpers: helpers) }
        context["params"] = params
        if let period = report.period {
            var values = words(for: period, formatter: formatter)
            values["previous"] = words(for: period.previous, formatter: formatter)
            values["previous_year"] = words(for: period.previousYear, formatter: formatter)
            context["period"] = values
        }
        return context
    }

    /// `label`, `start` and `end` of a period, written in the locale; a recipe's `label`
    /// template, when it has one, makes the label.
    private static func words(for period: PeriodSpec, formatter: ValueFormatter) -> [String: Any] {
        let start = formatter.string(for: period.start), end = formatter.string(for: period.end)
        var label = formatter.label(for: period)
        if let template = period.label, let rendered = try? ReportTemplate(template).render(["period": ["start": start, "end": end]], html: false) {
            label = rendered
        }
        return ["label": label, "start": start, "end": end]
    }
}

/// Values written for documents: every cell of a decimal column with the same number of
/// fraction digits (`98,0` beside `97,8`), plain columns without grouping.
public enum DocumentValues {
    public static func rows(_ table: Table, formatter: ValueFormatter) -> [[String]] {
        let fractionDigits = table.columns.indices.map { column in
            table.rows.map { row -> Int in
                if case .decimal(let number) = row[column] { return formatter.fractionDigits(of: number) }
                return 0
            }.max() ?? 0
        }
        return table.rows.map { row in
            zip(row, table.columns).enumerated().map { index, cell in
                if case .decimal(let number) = cell.0, !cell.1.isPlain {
                    return formatter.string(for: number, minimumFractionDigits: fractionDigits[index])
                }
                return formatter.string(for: cell.0, in: cell.1)
            }
        }
    }
}
