/// Writes the "sources and method" section: for every table a document shows, in the
/// report's language, how it was computed (the steps and their options as the recipe writes
/// them), from which files and how many of their rows, over which span, and how its numbers
/// are rounded when written. It reads the run's ``TableLineage``.
struct MethodWriter {
    let report: Report
    let formatter: ValueFormatter
    /// The fraction digits documents round decimals to; `nil` for every digit.
    let decimals: Int?

    private var words: MethodWords { MethodWords(language: report.locale.languageCode) }

    /// The section for the tables `ids` (in the order the document shows them), each titled
    /// as the document calls it.
    /// A table that has its own entry is referred to from the others, not told again.
    func method(title: String?, ids: [(id: String, title: String)]) -> DocumentMethod {
        let titles = Dictionary(ids.map { ($0.id, $0.title) }) { first, _ in first }
        return DocumentMethod(title: title ?? words.title, entries: ids.compactMap { shown in
            report.lineage[shown.id].map { DocumentMethod.Entry(id: shown.id, title: shown.title, lines: lines(for: $0, entries: titles)) }
        }, closing: [decimals.map(words.rounding) ?? words.everyDigit])
    }

    private func lines(for lineage: TableLineage, entries: [String: String]) -> [String] {
        var lines: [String] = [], stack = [lineage], seen: Set<String> = []
        while let step = stack.popLast() {
            guard seen.insert(step.id).inserted else { continue }
            if step.kind == .source {
                let files = step.files.map(\.path).joined(separator: ", ")
                lines.append(words.source(step.id, type: step.type, files: files, rows: step.rowCount, line: step.location.line))
                continue
            }
            let options = step.options.filter { !["input", "with", "inputs"].contains($0.key) }
                .map { "\($0.key): \($0.text)" }.joined(separator: "; ")
            lines.append(words.step(step.id, type: step.type, options: options, line: step.location.line))
            for read in step.reads {
                let days = read.days.map { words.span(formatter.string(for: $0.lowerBound), formatter.string(for: $0.upperBound)) }
                lines.append(words.read(read.rowsRead, of: read.rowsOffered, input: read.input, days: days,
                                        seeAlso: read.input != lineage.id ? entries[read.input] : nil))
                if entries[read.input] == nil, let input = report.lineage[read.input] { stack.append(input) }
            }
        }
        return lines
    }
}

/// The sentences of the section, in Vietnamese or English.
struct MethodWords {
    let language: String

    private var vi: Bool { language == "vi" }

    var title: String { vi ? "Nguồn số liệu và cách tính" : "Sources and method" }

    func source(_ id: String, type: String, files: String, rows: Int, line: Int) -> String {
        let from = files.isEmpty ? (vi ? "số liệu ghi trong công thức" : "rows written in the recipe") : files
        return vi ? "Nguồn '\(id)' (\(type), dòng \(line) của công thức): \(from), \(rows) dòng."
            : "Source '\(id)' (\(type), line \(line) of the recipe): \(from), \(rows) row\(rows == 1 ? "" : "s")."
    }

    func step(_ id: String, type: String, options: String, line: Int) -> String {
        vi ? "Tính bằng \(type) '\(id)' (dòng \(line) của công thức): \(options)."
            : "Computed by \(type) '\(id)' (line \(line) of the recipe): \(options)."
    }

    func span(_ from: String, _ to: String) -> String {
        vi ? "từ \(from) đến \(to)" : "from \(from) to \(to)"
    }

    /// `seeAlso`: the title of the input's own entry, when it has one.
    func read(_ read: Int, of offered: Int, input: String, days: String?, seeAlso: String?) -> String {
        let during = days.map { " (\($0))" } ?? ""
        let see = seeAlso.map { vi ? "; xem mục “\($0)”" : "; see “\($0)”" } ?? ""
        return vi ? "Đọc \(read) trên \(offered) dòng của '\(input)'\(during)\(see)."
            : "Read \(read) of the \(offered) rows of '\(input)'\(during)\(see)."
    }

    func rounding(_ digits: Int) -> String {
        vi ? "Số thập phân được làm tròn một lần, khi viết ra, đến \(digits) chữ số sau dấu phẩy; các phép tính giữ đủ mọi chữ số."
            : "Decimals are rounded once, when written, to \(digits) fraction digit\(digits == 1 ? "" : "s"); computations keep every digit."
    }

    var everyDigit: String {
        vi ? "Số được viết đủ mọi chữ số, không làm tròn." : "Numbers are written with every digit, unrounded."
    }
}
