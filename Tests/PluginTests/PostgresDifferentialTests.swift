import Foundation
import ReportKit
import Testing
@testable import TableExtractors
@testable import CSVPlugins
@testable import InlinePlugins
@testable import PostgresPlugins
@testable import TextPlugins

/// Every aggregate and filter case of the test suite (and those push-down adds: each function
/// on the allow-list and off it, nulls, empty buckets inside and outside the data, spans,
/// warnings), run over a CSV file and over the same rows in PostgreSQL (loaded with COPY),
/// with push-down on and off: the tables, the rendered files and the warnings are identical.
@Suite struct PostgresDifferentialTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// `events` (dated by `date`), `years` (dated by `nam`) or `empty`.
        var data: String = "events"
        var top = ""
        var extractors: String
        /// What the database does with the first extractor: all of it (groups), or sends rows.
        var pushed: Pushed = .groups
        var datedBy: String? = "date"

        var testDescription: String { name }
    }

    enum Pushed: Sendable { case groups, rows }

    static let cases: [Case] = [
        Case(name: "quarters with buckets inside and outside the data", top: "period: {from: 2019, to: 2026, every: quarter}",
             extractors: "t: {type: aggregate, input: d, group_by: [period(date)], measures: {n: count(), s: sum(amount), a: avg(amount), lo: min(amount), hi: max(amount), k: count(n)}}"),
        Case(name: "months by ward", top: "period: {from: 2023-01, to: 2023-12, every: month}",
             extractors: "t: {type: aggregate, input: d, group_by: [period(date), unit], measures: {s: sum(amount), n: sum(n)}}"),
        Case(name: "weeks and halves", top: "period: {from: 2022, to: 2023, every: week}",
             extractors: "t: {type: aggregate, input: d, group_by: [period(date)], measures: {n: count()}}\n  h: {type: aggregate, input: d, span: all, group_by: {y: year(date), q: quarter(date), m: month(date)}, measures: {n: count(), d: min(day(date))}}"),
        Case(name: "halves", top: "period: {from: 2020, to: 2025, every: half}",
             extractors: "t: {type: aggregate, input: d, group_by: [period(date), status], measures: {n: count(), m: median(amount)}}"),
        Case(name: "a text that never occurs", top: "period: {from: 2018, to: 2025}",
             extractors: "t: {type: aggregate, input: d, where: \"status = 'sunny'\", measures: {n: count(), s: sum(amount)}}"),
        Case(name: "a where that keeps nothing", top: "period: {from: 2018, to: 2025}",
             extractors: "t: {type: aggregate, input: d, where: amount > 1000000, group_by: [unit], measures: {n: count()}}"),
        Case(name: "one row of everything", top: "period: {from: 2018, to: 2025}",
             extractors: "t: {type: aggregate, input: d, measures: {n: count(), s: sum(amount), k: count_distinct(unit), lo: min(unit), hi: max(unit), m: median(amount), mn: median(n), c: count_distinct(date), e: min(date)}}"),
        Case(name: "years, quarters, months of a date", top: "period: {from: 2018, to: 2025}",
             extractors: "t: {type: aggregate, input: d, group_by: {y: year(date), q: quarter(date)}, measures: {n: count(), s: sum(amount)}}"),
        Case(name: "the reference query", top: "period: {from: 2010, to: 2030}",
             extractors: "t: {type: aggregate, input: d, where: date >= '2020-01-01' and date <= '2025-12-31', group_by: {year: year(date), unit: unit}, measures: {n: count(), sum_amount: sum(amount), mean: avg(amount), low: min(amount), high: max(amount), kinds: count_distinct(status)}}"),
        Case(name: "nulls as in SQL", top: "period: {from: 2018, to: 2025}",
             extractors: "t: {type: aggregate, input: d, group_by: [unit], measures: {s: sum(n), a: avg(n), z: \"sum(if(flag, n, null))\", c: \"count(if(status = 'done', 1, null))\", w: \"coalesce(sum(n), 0)\"}}\n  k: {type: filter, input: d, where: \"n in (3, null)\"}"),
        Case(name: "arithmetic and logic", top: "period: {from: 2018, to: 2025}\nparams: {limit: 50, unit: ''}",
             extractors: "t: {type: aggregate, input: d, where: \"(amount * 2 + 1 > params.limit or not flag) and (params.unit = '' or unit = params.unit) and -n < 0\", group_by: {big: amount > 100, gap: \"date - date('2020-01-01') > 1000\"}, measures: {n: count(), s: sum(amount * n - 1), a: abs(sum(-amount))}}"),
        Case(name: "texts: order, contains, lists", top: "period: {from: 2018, to: 2025}",
             extractors: "t: {type: aggregate, input: d, where: \"unit in ('Bưởi', 'Nhật Tân', 'Quảng An') or contains(category, 'a, b') or unit >= 'X'\", group_by: [category], measures: {lo: min(unit), hi: max(unit), n: count_distinct(unit)}}"),
        Case(name: "a filter", top: "period: {from: 2018, to: 2025}", extractors: "t: {type: filter, input: d, where: \"amount > 100 and date >= '2020-01-01'\"}",
             pushed: .rows),
        Case(name: "first and last read rows", top: "period: {from: 2018, to: 2025}",
             extractors: "t: {type: aggregate, input: d, where: amount > 10 and n / 2 > 1, group_by: [unit], measures: {f: first(id), l: last(id), n: count()}}", pushed: .rows),
        Case(name: "a division stays in reportgen", top: "period: {from: 2018, to: 2025, every: quarter}",
             extractors: "t: {type: aggregate, input: d, where: amount / 3 > 10, group_by: [period(date)], measures: {n: count(), r: 100.0 * sum(n) / sum(amount)}}",
             pushed: .rows),
        Case(name: "lower and upper", top: "period: {from: 2018, to: 2025}",
             extractors: "t: {type: aggregate, input: d, where: lower(unit) = 'bưởi' or upper(status) = 'DONE', group_by: {u: upper(unit)}, measures: {n: count()}}",
             pushed: .rows),
        Case(name: "spans", top: "period: {from: 2023, to: 2024}",
             extractors: "t: {type: aggregate, input: d, span: {from: 2020}, measures: {n: count(), s: sum(amount)}}\n  p: {type: aggregate, input: d, span: previous, group_by: [unit], measures: {n: count()}}\n  a: {type: aggregate, input: d, span: all, measures: {n: count(), e: max(date)}}"),
        Case(name: "a period past the data", top: "period: {from: 2030, to: 2031, every: quarter}",
             extractors: "t: {type: aggregate, input: d, group_by: [period(date)], measures: {n: count(), s: sum(amount)}}\n  w: {type: aggregate, input: d, measures: {n: count(), s: sum(amount)}}"),
        Case(name: "a period before the data, undated", top: "period: {from: 2001, to: 2002, every: half}",
             extractors: "t: {type: aggregate, input: d, group_by: [period(date)], measures: {n: count(), s: sum(amount)}}", datedBy: nil),
        Case(name: "rows dated by year", data: "years", top: "period: {from: 2015, to: 2024}",
             extractors: "t: {type: aggregate, input: d, span: {from: 2010}, group_by: [nam], measures: {k: sum(ket_nap), p: count_distinct(phuong)}}\n  w: {type: aggregate, input: d, measures: {s: sum(ket_nap), lo: min(nam), hi: max(nam)}}",
             datedBy: "nam"),
        Case(name: "conditions over several columns, a remainder, true", top: "period: {from: 2018, to: 2025}",
             extractors: "t: {type: aggregate, input: d, where: \"amount > 100 and (status = 'done' or unit = 'Bưởi') and id % 3 != 0 and true\", group_by: {year: year(date), unit: unit}, measures: {n: count(), total: sum(amount)}}",
             pushed: .rows),
        Case(name: "a where before the data", top: "period: {from: 2010, to: 2025}",
             extractors: "t: {type: aggregate, input: d, where: date < '2000-01-01', group_by: [unit], measures: {n: sum(amount)}}"),
        Case(name: "a quarter of rows dated by year is an error", data: "years", top: "period: {from: 2020-01, to: 2020-06, every: quarter}",
             extractors: "t: {type: aggregate, input: d, measures: {k: sum(ket_nap)}}", datedBy: "nam"),
        Case(name: "date-times in Hanoi: the span by their day there, buckets in reportgen", data: "moments",
             top: "timezone: Asia/Ho_Chi_Minh\nperiod: {from: 2024-02, to: 2024-07, every: month}",
             extractors: "t: {type: aggregate, input: d, group_by: [period(at)], measures: {n: count(), s: sum(amount)}}\n  w: {type: aggregate, input: d, where: amount > 100, measures: {n: count(), first: min(amount)}}",
             pushed: .rows, datedBy: "at"),
        Case(name: "a source without rows", data: "empty", top: "period: {from: 2020, to: 2021, every: quarter}",
             extractors: "t: {type: aggregate, input: d, group_by: [period(date)], measures: {n: count(), s: sum(amount)}}\n  f: {type: filter, input: d, where: amount > 0}"),
    ]

    @Test(arguments: cases) func sameTablesFilesAndWarnings(_ example: Case) throws {
        guard let connection = PostgresTestDatabase.connection() else { return }
        let schema = try PostgresTestDatabase.load([Self.dataSets[example.data]!.table], connection: connection)
        defer { PostgresTestDatabase.drop(schema, connection: connection) }
        let folder = try PluginHarness.folder(["d.csv": Array(Self.dataSets[example.data]!.csv.utf8)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let fromFile = try Self.outcome(example, source: "type: csv, path: d.csv", in: folder, pushdown: true)
        let postgres = "type: postgres, connection: '${\(PostgresTestDatabase.variable)}', table: \(schema).\(example.data)"
        let pushed = try Self.outcome(example, source: postgres, in: folder, pushdown: true)
        let streamed = try Self.outcome(example, source: postgres, in: folder, pushdown: false)
        #expect(fromFile.errors.isEmpty == !example.name.hasSuffix("is an error"), "\(fromFile.errors)")
        #expect(pushed == fromFile, "pushed: \(Self.difference(pushed, fromFile))")
        #expect(streamed == fromFile, "streamed: \(Self.difference(streamed, fromFile))")
        if example.name.hasSuffix("is an error") { return }
        let first = pushed.notes.first { $0.extractor == "t" }
        #expect(first?.statement?.contains(" FROM ") == true)
        #expect(first?.statement?.hasPrefix("SELECT count(*)") == true || first?.statement?.contains(", count(*)") == true
                || example.pushed == .rows, "\(first?.statement ?? "")")
        if example.pushed == .rows { #expect(first?.local.isEmpty == false) }
    }

    /// What a run of the case gives: each table, each file, each warning and error.
    struct Outcome: Equatable {
        var tables: [String] = []
        var files: [String: [UInt8]] = [:]
        var warnings: [String] = []
        var errors: [String] = []
        var notes: [PushdownNote] = []

        static func == (a: Outcome, b: Outcome) -> Bool {
            a.tables == b.tables && a.files == b.files && a.warnings == b.warnings && a.errors == b.errors
        }
    }

    /// Where two outcomes part, for a message a person can read.
    static func difference(_ a: Outcome, _ b: Outcome) -> String {
        if a.errors != b.errors { return "errors: \(a.errors) vs \(b.errors)" }
        if a.warnings != b.warnings { return "warnings: \(a.warnings) vs \(b.warnings)" }
        for (x, y) in zip(a.tables, b.tables) where x != y { return "table:\n\(x)\nvs\n\(y)" }
        for (path, bytes) in a.files where b.files[path] != bytes {
            return "\(path):\n\(String(decoding: bytes, as: UTF8.self))\nvs\n\(String(decoding: b.files[path] ?? [], as: UTF8.self))"
        }
        return "same"
    }

    static func outcome(_ example: Case, source: String, in folder: URL, pushdown: Bool) throws -> Outcome {
        let ids = example.extractors.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces).prefix { $0 != ":" } }
        let dated = example.datedBy.map { "dated_by: \($0), " } ?? ""
        let recipe = """
            reportgen: 1
            title: T
            \(example.top)
            sources:
              d: {\(dated)\(source), columns: \(dataSets[example.data]!.declared)}
            extractors:
              \(example.extractors)
            outputs:
              - {type: text, path: r.txt, width: 200}
            \(ids.map { "  - {type: csv, table: \($0), path: \($0).csv}" }.joined(separator: "\n"))
            """
        let file = folder.appendingPathComponent("recipe.yaml")
        try recipe.write(to: file, atomically: true, encoding: .utf8)
        var outcome = Outcome()
        do {
            let loaded = try RecipeLoader(registry: PluginRegistry(modules: [TableExtractors.self, CSVPlugins.self, InlinePlugins.self,
                                                                             PostgresPlugins.self, TextPlugins.self]),
                                          environment: ProcessInfo.processInfo.environment)
                .load(file: file, displayPath: "recipe.yaml")
            var runner = Runner(workingDirectory: folder)
            runner.pushdown = pushdown
            let report = try runner.makeReport(loaded)
            outcome.notes = report.pushdown
            outcome.tables = report.tables.filter { report.extractorIDs.contains($0.id) }.map { named in
                "\(named.id): \(named.table.columns.map { "\($0.name) \($0.type.rawValue)\($0.isPlain ? " plain" : "")" }) \(named.table.rows)"
            }
            let rendered = try runner.render(loaded)
            for output in rendered.files { outcome.files[output.path] = output.bytes }
            outcome.warnings = rendered.warnings.map(Self.describe)
        } catch {
            var all = Diagnostics()
            all.append(error)
            outcome.errors = all.sorted.map(Self.describe)
        }
        return outcome
    }

    static func describe(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.location.map { "\($0.line):\($0.column)" } ?? "-"): \(diagnostic.message)"
    }
}
