import Foundation
import ReportgenCLI
import Testing

/// The `reportgen` command as a user runs it: outputs, messages, exit statuses.
@Suite struct CommandLineTests {
    let flagship = "recipes/tay-ho-2020-2025/recipe.yaml"

    func files(in folder: URL) -> [String] {
        ((FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String]) ?? []).sorted()
    }

    static let recipes = ["tay-ho-2020-2025", "sales-review-2021-2025", "city-services-2024", "seattle-weather-2012-2015",
                          "us-airports-by-state", "iowa-electricity-2001-2017", "help-desk-2025"]

    @Test func everyRecipeIsCovered() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: CommandLineRunner.repositoryRoot.appendingPathComponent("recipes").path)
        #expect(folders.sorted() == Self.recipes.sorted(), "every recipe under recipes/ has golden files")
    }

    /// Each recipe's outputs equal its golden files (reviewed by eye once), and a second run
    /// writes the same bytes. Word and Excel files have no golden copies (a zip is no file to
    /// review by eye): `OfficeOutputTests` reads them back, and here they are written twice alike.
    @Test(arguments: recipes)
    func recipeMatchesItsGoldenFiles(_ name: String) throws {
        let out = try CommandLineRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let recipe = "recipes/\(name)/recipe.yaml"
        let first = try CommandLineRunner.run(["run", recipe, "--out", out.path])
        #expect(first.status == 0, "\(first.stderr)")
        let golden = CommandLineRunner.repositoryRoot.appendingPathComponent("Tests/ReportgenTests/Golden/\(name)")
        let expected = try FileManager.default.contentsOfDirectory(atPath: golden.path).sorted()
        #expect(files(in: out).filter { !$0.hasSuffix(".docx") && !$0.hasSuffix(".xlsx") } == expected)
        for file in expected {
            let written = try Data(contentsOf: out.appendingPathComponent(file))
            #expect(written == (try Data(contentsOf: golden.appendingPathComponent(file))), "\(name)/\(file)")
        }
        let before = try files(in: out).map { try Data(contentsOf: out.appendingPathComponent($0)) }
        #expect(try CommandLineRunner.run(["run", recipe, "--out", out.path]).status == 0)
        #expect(try files(in: out).map { try Data(contentsOf: out.appendingPathComponent($0)) } == before)
    }

    @Test func theFlagshipStatesThePublishedFigures() throws {
        let golden = CommandLineRunner.repositoryRoot.appendingPathComponent("Tests/ReportgenTests/Golden/tay-ho-2020-2025")
        let text = try String(contentsOf: golden.appendingPathComponent("tong-ket.txt"), encoding: .utf8)
        let sentences = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(sentences.contains("kết nạp được 1.382 đảng viên"), "1,382 members admitted since 2010")
        // Claims true of the exact rates (lowest years 97.658% and 93.966%), not of their rounding.
        #expect(sentences.contains("có trên 95% đảng viên"), "every year above 95% of members")
        #expect(sentences.contains("(năm thấp nhất 97,7%), vượt chỉ tiêu 90%"), "above the congress's target")
        #expect(sentences.contains("ít nhất 90% tổ chức đảng"), "at least 90% of organisations")
        #expect(sentences.contains("(năm thấp nhất 94%), vượt chỉ tiêu 85%"))
        #expect(sentences.contains("4 học sinh trung học phổ thông và 3 thanh niên chuẩn bị nhập ngũ"))
        #expect(sentences.contains("6 chương trình toàn khóa; 5 nhiệm vụ trọng tâm; 2 khâu đột phá; 5 nhóm chỉ tiêu chủ yếu"))
        #expect(sentences.contains("năm 2023 được xếp loại “hoàn thành xuất sắc nhiệm vụ”"))
        let csv = try Data(contentsOf: golden.appendingPathComponent("dang-vien.csv"))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    @Test func validateReportsEveryMistakeWithPositionsAndSuggestions() throws {
        let folder = try CommandLineRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            reportgen: 1
            title: Sales
            sources:
              sales:
                type: csv
                pahth: sales.csv
            outputs:
              - {type: txt, path: report.txt}
              - {type: csv, table: sale, path: sales.csv}
            """.write(to: folder.appendingPathComponent("recipe.yaml"), atomically: true, encoding: .utf8)
        let result = try CommandLineRunner.run(["validate", "recipe.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            recipe.yaml:6:5: error: unknown key 'pahth' in csv source 'sales'; did you mean 'path'?
                  pahth: sales.csv
                  ^
            recipe.yaml:8:12: error: unknown output type 'txt'; did you mean 'text'?
                - {type: txt, path: report.txt}
                         ^
            recipe.yaml:9:24: error: unknown table 'sale'; did you mean 'sales'?
                - {type: csv, table: sale, path: sales.csv}
                                     ^
            recipe.yaml: 3 errors

            """)
        #expect(files(in: folder) == ["recipe.yaml"])
    }

    @Test func aDataErrorWritesNothingAndTouchesNoInput() throws {
        let folder = try CommandLineRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = "ward,count\nBưởi,12\nNhật Tân,1x\n"
        try data.write(to: folder.appendingPathComponent("wards.csv"), atomically: true, encoding: .utf8)
        try """
            reportgen: 1
            title: Wards
            sources:
              wards: {type: csv, path: wards.csv, columns: {count: int}}
            outputs:
              - {type: text, path: report.txt}
              - {type: csv, table: wards, path: wards.csv}
            """.write(to: folder.appendingPathComponent("recipe.yaml"), atomically: true, encoding: .utf8)
        let failed = try CommandLineRunner.run(["run", "recipe.yaml"], in: folder)
        #expect(failed.status == 1)
        #expect(failed.stderr == "wards.csv:3:10: error: '1x' in column 'count' is not an integer\n  Nhật Tân,1x\n           ^\n")
        #expect(files(in: folder) == ["recipe.yaml", "wards.csv"])

        try data.replacingOccurrences(of: "1x", with: "7").write(to: folder.appendingPathComponent("wards.csv"), atomically: true, encoding: .utf8)
        let overwrite = try CommandLineRunner.run(["run", "recipe.yaml", "--out", "."], in: folder)
        #expect(overwrite.status == 1)
        #expect(overwrite.stderr.hasPrefix("recipe.yaml:7:37: error: 'wards.csv' would overwrite an input of this recipe"))
        #expect(files(in: folder) == ["recipe.yaml", "wards.csv"])
        #expect(try CommandLineRunner.run(["run", "recipe.yaml", "--only", "csv"], in: folder).status == 0)
        #expect(files(in: folder) == ["out", "out/wards.csv", "recipe.yaml", "wards.csv"])
    }

    /// A text source read through a linked folder: an output that would replace one of its
    /// files by its real path is refused, and so is one through the link.
    @Test func anOutputNeverReplacesAnInputReadThroughALink() throws {
        let folder = try CommandLineRunner.folder(["recipe.yaml": """
            reportgen: 1
            title: Wards
            sources:
              reports: {type: text, path: "linked/*.txt"}
            outputs:
              - {type: csv, table: reports, path: "${OUT_PATH}"}
            """])
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("reports"), withIntermediateDirectories: true)
        try "kết nạp 12 đảng viên".write(to: folder.appendingPathComponent("reports/a.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("linked").path, withDestinationPath: "reports")
        for path in ["reports/a.txt", "linked/a.txt"] {
            let overwrite = try CommandLineRunner.run(["run", "recipe.yaml", "--out", "."], in: folder, environment: ["OUT_PATH": path])
            #expect(overwrite.status == 1)
            #expect(overwrite.stderr.contains("'\(path)' would overwrite an input of this recipe"), "\(overwrite.stderr)")
        }
        #expect(try String(contentsOf: folder.appendingPathComponent("reports/a.txt"), encoding: .utf8) == "kết nạp 12 đảng viên")
        #expect(try CommandLineRunner.run(["run", "recipe.yaml", "--out", "out"], in: folder, environment: ["OUT_PATH": "copy.csv"]).status == 0)
    }

    @Test func usageErrorsExitWith64() throws {
        #expect(try CommandLineRunner.run(["run"]).status == 64)
        #expect(try CommandLineRunner.run(["frobnicate"]).status == 64)
        #expect(try CommandLineRunner.run(["run", flagship, "--set", "novalue"]).status == 64)
        let only = try CommandLineRunner.run(["run", flagship, "--only", "htlm"])
        #expect(only.status == 64)
        #expect(only.stderr.contains("--only: there is no output type 'htlm'"))
        let plugin = try CommandLineRunner.run(["plugins", "cvs"])
        #expect(plugin.status == 64)
        #expect(plugin.stderr.contains("there is no plugin 'cvs'; did you mean 'csv'?"))
    }

    @Test func quietRunsPrintNothing() throws {
        let out = try CommandLineRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CommandLineRunner.run(["run", flagship, "--out", out.path, "--quiet"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        #expect(files(in: out).count == 9)
    }

    @Test func aMissingRecipeOrParamIsAnError() throws {
        let missing = try CommandLineRunner.run(["run", "nope.yaml"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: recipe 'nope.yaml' does not exist\n")
        let param = try CommandLineRunner.run(["validate", flagship, "--set", "distrct=x"])
        #expect(param.status == 1, "validate takes the settings a run takes")
        #expect(param.stderr.contains("the recipe has no param 'distrct'; did you mean 'district'?"))
        #expect(try CommandLineRunner.run(["validate", flagship, "--set", "district=Ba Đình", "--period", "2024"]).status == 0)
        let set = try CommandLineRunner.run(["run", flagship, "--set", "distrct=x", "--out", "/tmp/never-written"])
        #expect(set.status == 1)
        #expect(set.stderr.contains("the recipe has no param 'distrct'; did you mean 'district'?"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written"))
    }

    @Test func pluginsAndSchemaDescribeTheFormat() throws {
        let list = try CommandLineRunner.run(["plugins"])
        #expect(list.status == 0)
        for line in ["Sources:", "  csv       a CSV file", "  inline    a small table", "  postgres  a table or a query", "Extractors:", "  aggregate  measures", "Outputs:",
                     "  html      one self-contained", "  markdown  the report as GitHub", "  text      the report as plain"] {
            #expect(list.stdout.contains(line), "\(line)")
        }
        let csv = try CommandLineRunner.run(["plugins", "csv"])
        #expect(csv.stdout.contains("csv source:") && csv.stdout.contains("csv output:") && csv.stdout.contains("delimiter"))
        let schema = try CommandLineRunner.run(["schema"])
        #expect(schema.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(schema.stdout.utf8)) as? [String: Any]
        #expect((json?["properties"] as? [String: Any])?.keys.sorted() == [
            "extractors", "layout", "locale", "outputs", "params", "period", "reportgen", "sources", "subtitle", "timezone", "title",
        ])
    }

    /// Every module folder under `Plugins/` is built in (its line in `Package.swift` is all it
    /// takes), and its plugins are listed by `reportgen plugins`.
    @Test func everyPluginFolderIsBuiltIn() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: CommandLineRunner.repositoryRoot.appendingPathComponent("Plugins").path)
        #expect(folders.count >= 11)
        #expect(Set(BuiltInPlugins.modules.map { String(describing: $0) }) == Set(folders))
        let listed = try CommandLineRunner.run(["plugins"]).stdout
        for module in BuiltInPlugins.modules {
            for plugin in module.plugins { #expect(listed.contains("  \(plugin.type) "), "\(plugin.type)") }
        }
    }

    @Test func initWritesAStarterThatRuns() throws {
        let folder = try CommandLineRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CommandLineRunner.run(["init", "starter"], in: folder).status == 0)
        let run = try CommandLineRunner.run(["run", "starter/recipe.yaml", "--out", "starter/out"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(files(in: folder.appendingPathComponent("starter/out")) == ["report.html", "report.txt", "visits-per-month.csv"])
        let report = try String(contentsOf: folder.appendingPathComponent("starter/out/report.txt"), encoding: .utf8)
        #expect(report.contains("2 branches counted 1,274 visits in Q1 2025."))
        let again = try CommandLineRunner.run(["init", "starter"], in: folder)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
        #expect(try CommandLineRunner.run(["init", "vi", "--locale", "vi-VN"], in: folder).status == 0)
        #expect(try CommandLineRunner.run(["run", "vi/recipe.yaml", "--out", "vi/out"], in: folder).status == 0)
        let vietnamese = try String(contentsOf: folder.appendingPathComponent("vi/out/bao-cao.txt"), encoding: .utf8)
        #expect(vietnamese.contains("2 chi nhánh đã đón 1.274 lượt bạn đọc trong Quý I/2025."))
        #expect(vietnamese.contains("không đạt chỉ tiêu 400"))
        let german = try CommandLineRunner.run(["init", "de", "--locale", "de-DE"], in: folder)
        #expect(german.status == 0)
        #expect(try String(contentsOf: folder.appendingPathComponent("de/recipe.yaml"), encoding: .utf8).contains("locale: de-DE"))
        #expect(try CommandLineRunner.run(["init", "xx", "--locale", "xx-YY"], in: folder).status == 64)
    }
}

@Suite struct EngineCommandLineTests {
    @Test func typeErrorsPointInsideTheExpressionInTheRecipe() throws {
        let folder = try CommandLineRunner.recipeFolder(csv: "unit,count\nBưởi,3\n", extractors: """
              totals:
                type: aggregate
                input: d
                measures: {n: sum(unit) + 1}

            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandLineRunner.run(["run", "recipe.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "recipe.yaml:9:23: error: sum() needs a number, but unit is a string\n      measures: {n: sum(unit) + 1}\n" + String(repeating: " ", count: 24) + "^\n")
        let inferred = try CommandLineRunner.run(["validate", "recipe.yaml"], in: folder)
        #expect(inferred.status == 1, "validate reads the data, so inferred types are checked")
        #expect(inferred.stderr.hasPrefix("recipe.yaml:9:23: error: sum() needs a number, but unit is a string"))
        let recipeOnly = try CommandLineRunner.run(["validate", "--no-data", "recipe.yaml"], in: folder)
        #expect(recipeOnly.status == 0, "without the data, inferred column types are unknown")
        #expect(recipeOnly.stdout.contains("data not read"))
        let recipe = try String(contentsOf: folder.appendingPathComponent("recipe.yaml"), encoding: .utf8)
        try recipe.replacingOccurrences(of: "{type: csv, path: d.csv}", with: "{type: csv, path: d.csv, columns: {unit: string, count: int}}")
            .write(to: folder.appendingPathComponent("recipe.yaml"), atomically: true, encoding: .utf8)
        let declared = try CommandLineRunner.run(["validate", "--no-data", "recipe.yaml"], in: folder)
        #expect(declared.status == 1)
        #expect(declared.stderr.hasPrefix("recipe.yaml:9:23: error: sum() needs a number, but unit is a string"), "declared columns let validate check types")
    }

    /// A run that fails in one extractor still checks the others, and a column that one bad
    /// cell made text says which cell.
    @Test func oneRunReportsTheTypeErrorsOfEveryExtractor() throws {
        let folder = try CommandLineRunner.recipeFolder(csv: "ward,count\nBưởi,5\nNhật Tân,1x\n", extractors: """
              totals:
                type: aggregate
                input: d
                where: ward > 3
                measures: {n: sum(count), m: avg(ward)}
              doubled:
                type: compute
                input: d
                columns: {x: count * 2}
              fine:
                type: filter
                input: d
                where: ward = 'Bưởi'
              after:
                type: sort
                input: totals
                by: n

            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        for command in ["run", "validate"] {
            let result = try CommandLineRunner.run([command, "recipe.yaml"], in: folder)
            #expect(result.status == 1)
            let errors = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
            #expect(errors.map { $0.prefix(while: { $0 != " " }) } == ["recipe.yaml:9:19:", "recipe.yaml:10:23:", "recipe.yaml:10:38:", "recipe.yaml:14:18:"])
            #expect(errors[1].hasSuffix("count is a string (read as text because d.csv:3:10 holds '1x'; declare its type, as in columns: {count: decimal}, to have every such cell reported)"))
            #expect(!errors[2].contains("read as text"), "ward was text from its first cell")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    /// `{{period}}` in an output's path writes one file per period, for a recipe run by cron.
    @Test func outputPathsNameThePeriod() throws {
        let folder = try CommandLineRunner.folder(["recipe.yaml": """
            reportgen: 1
            title: T
            period: {from: 2020, to: 2025}
            sources: {d: {type: inline, rows: [{n: 1}]}}
            outputs: [{type: csv, table: d, path: 'n-{{period}}.csv'}]
            """])
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = try CommandLineRunner.run(["run", "recipe.yaml", "--out", "out"], in: folder)
        #expect(whole.stdout == "wrote out/n-2020..2025.csv\n")
        let quarter = try CommandLineRunner.run(["run", "recipe.yaml", "--out", "out", "--period", "last-quarter", "--as-of", "2026-01-15"], in: folder)
        #expect(quarter.stdout == "wrote out/n-2025-Q4.csv\n")
        try "reportgen: 1\ntitle: T\nsources: {d: {type: inline, rows: [{n: 1}]}}\noutputs: [{type: csv, table: d, path: 'n-{{period}}.csv'}]\n"
            .write(to: folder.appendingPathComponent("recipe.yaml"), atomically: true, encoding: .utf8)
        let none = try CommandLineRunner.run(["validate", "recipe.yaml"], in: folder)
        #expect(none.status == 1)
        #expect(none.stderr.hasPrefix("recipe.yaml:4:39: error: the path names {{period}}, but the recipe has no period"))
    }

    @Test func periodMovesTheReport() throws {
        let folder = try CommandLineRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "date,n\n2024-12-31,1\n2025-01-01,2\n2025-07-01,3\n2025-12-31,4\n".write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        try """
            reportgen: 1
            title: T
            period: {from: 2024, to: 2025, every: quarter}
            sources: {d: {type: csv, path: d.csv}}
            extractors:
              q: {type: aggregate, input: d, group_by: [period(date)], measures: {n: sum(n)}}
            outputs: [{type: csv, table: q, path: q.csv}]
            """.write(to: folder.appendingPathComponent("recipe.yaml"), atomically: true, encoding: .utf8)
        try """
            reportgen: 1
            title: "{{period.label}} after {{period.previous.label}} ({{period.previous.start}} to {{period.previous.end}})"
            period: {from: 2024, to: 2025, every: quarter}
            sources: {d: {type: csv, path: d.csv}}
            extractors:
              q: {type: aggregate, input: d, group_by: [period(date)], measures: {n: sum(n)}}
            outputs: [{type: csv, table: q, path: q.csv}, {type: text, path: t.txt}]
            """.write(to: folder.appendingPathComponent("recipe.yaml"), atomically: true, encoding: .utf8)
        #expect(try CommandLineRunner.run(["run", "recipe.yaml", "--period", "last-year", "--as-of", "2026-03-01"], in: folder).status == 0)
        let title = try String(contentsOf: folder.appendingPathComponent("out/t.txt"), encoding: .utf8).split(separator: "\n")[0]
        #expect(title == "2025 after 2024 (01/01/2024 to 12/31/2024)")
        let csv = try String(contentsOf: folder.appendingPathComponent("out/q.csv"), encoding: .utf8)
        #expect(csv == "period,n\r\n2025-Q1,2\r\n2025-Q2,0\r\n2025-Q3,3\r\n2025-Q4,4\r\n")
        let bad = try CommandLineRunner.run(["run", "recipe.yaml", "--period", "2025-Q5"], in: folder)
        #expect(bad.status == 64 && bad.stderr.contains("--period '2025-Q5' is not a period"))
        #expect(try CommandLineRunner.run(["run", "recipe.yaml", "--as-of", "yesterday"], in: folder).status == 64)
    }
}

@Suite struct DocumentCommandLineTests {
    @Test func markupInDataTitlesAndTemplatesStaysLiteral() throws {
        let folder = try CommandLineRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name,n\n\"<script>alert('x')</script>\",1\nA & B \"quoted\",2\n".write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        try """
            reportgen: 1
            title: "Q&A <script>alert(1)</script> 'it'"
            sources: {d: {type: csv, path: d.csv}}
            extractors:
              total: {type: aggregate, input: d, measures: {n: sum(n), first_name: first(name)}}
              rows: {type: filter, input: d, where: n > 0}
            layout:
              - heading: "<i>heading</i> & more"
              - text: "<b>literal</b> {{total.first_name}} {{{total.first_name}}}"
              - table: rows
                columns: {name: "<th>label</th>"}
              - metrics: [{label: "<em>m</em>", value: total.n}]
              - chart: {type: bar, table: rows, x: name, y: n, title: "<svg>chart</svg>"}
            outputs:
              - {type: text, path: r.txt}
              - {type: markdown, path: r.md}
              - {type: html, path: r.html}
              - {type: json, path: r.json}
            """.write(to: folder.appendingPathComponent("recipe.yaml"), atomically: true, encoding: .utf8)
        let result = try CommandLineRunner.run(["run", "recipe.yaml"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        func read(_ name: String) throws -> String { try String(contentsOf: folder.appendingPathComponent("out/\(name)"), encoding: .utf8) }
        let text = try read("r.txt")
        #expect(text.contains("Q&A <script>alert(1)</script> 'it'") && text.contains("<b>literal</b> <script>alert('x')</script>"))
        let html = try read("r.html")
        // Only the raw {{{...}}} value is written as markup, as the template asked.
        #expect(html.components(separatedBy: "<script>").count == 2)
        #expect(html.contains("<title>Q&amp;A &lt;script&gt;alert(1)&lt;/script&gt; &#39;it&#39;</title>"))
        #expect(html.contains("&lt;b&gt;literal&lt;/b&gt; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("A &amp; B &quot;quoted&quot;") && html.contains("&lt;th&gt;label&lt;/th&gt;") && html.contains("&lt;em&gt;m&lt;/em&gt;"))
        #expect(!html.contains("<i>") && !html.contains("<svg>chart"))
        let markdown = try read("r.md")
        #expect(!markdown.contains("<script>") && markdown.contains("&lt;script&gt;") && markdown.contains("A &amp; B"))
        let json = try read("r.json")
        #expect(json.contains(#""title": "Q&A <script>alert(1)</script> 'it'""#))
    }
}

@Suite struct PageTemplateTests {
    @Test func aPageTemplateAndMermaidCharts() throws {
        let folder = try CommandLineRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "<!DOCTYPE html><html lang=\"{{lang}}\"><title>{{title}}</title><style>{{{stylesheet}}}</style>{{{body}}}<p>{{params.who}}</p></html>\n"
            .write(to: folder.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        try """
            reportgen: 1
            title: "Sales & more"
            locale: de-DE
            params: {who: "<Team>"}
            sources: {s: {type: inline, rows: [{q: Q1, v: 1200.5}, {q: Q2, v: 1300}]}}
            layout:
              - chart: {type: line, table: s, x: q, y: v}
            outputs:
              - {type: html, path: page.html, template: page.mustache}
              - {type: markdown, path: r.md, mermaid: true}
            """.write(to: folder.appendingPathComponent("recipe.yaml"), atomically: true, encoding: .utf8)
        let result = try CommandLineRunner.run(["run", "recipe.yaml"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOf: folder.appendingPathComponent("out/page.html"), encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html><html lang=\"de\"><title>Sales &amp; more</title><style>"))
        #expect(page.contains("<svg class=\"chart\"") && page.contains("<p>&lt;Team&gt;</p>") && page.contains("1.200,5"))
        let markdown = try String(contentsOf: folder.appendingPathComponent("out/r.md"), encoding: .utf8)
        #expect(markdown.contains("```mermaid\nxychart-beta\n    x-axis [\"Q1\", \"Q2\"]\n    line [1200.5, 1300.0]\n```"))
    }
}

/// What `run` says of a report that may not tell the truth: warnings, also under `--quiet`,
/// and `--strict`, which makes them errors.
@Suite struct WarningCommandLineTests {
    @Test func theStarterReportsThePeriodAskedFor() throws {
        let folder = try CommandLineRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CommandLineRunner.run(["init", "starter"], in: folder).status == 0)
        let run = try CommandLineRunner.run(["run", "starter/recipe.yaml", "--out", "starter/out", "--period", "2025-02"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        // February's visits, counted from the sample data itself.
        let data = try String(contentsOf: folder.appendingPathComponent("starter/data/visits.csv"), encoding: .utf8)
        let february = data.split(separator: "\n").dropFirst().filter { $0.hasPrefix("2025-02") }
            .map { Int($0.split(separator: ",")[2])! }.reduce(0, +)
        #expect(february == 432)
        let report = try String(contentsOf: folder.appendingPathComponent("starter/out/report.txt"), encoding: .utf8)
        #expect(report.contains("counted 432 visits in 02/2025"), "\(report)")
    }

    @Test func warningsShowUnderQuietAndStrictMakesThemErrors() throws {
        let folder = try CommandLineRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "date,mm,weather\n2015-01-01,0,sun\n2015-01-02,1.5,rain\n".write(to: folder.appendingPathComponent("w.csv"), atomically: true, encoding: .utf8)
        try """
            reportgen: 1
            title: Rain
            sources: {w: {type: csv, path: w.csv}}
            extractors:
              sunny:
                type: aggregate
                input: w
                where: weather = 'sunny'
                measures: {mm: sum(mm)}
            outputs: [{type: text, path: r.txt}]
            """.write(to: folder.appendingPathComponent("recipe.yaml"), atomically: true, encoding: .utf8)
        let quiet = try CommandLineRunner.run(["run", "recipe.yaml", "--quiet"], in: folder)
        #expect(quiet.status == 0)
        #expect(quiet.stdout.isEmpty)
        #expect(quiet.stderr.contains("recipe.yaml:8:12: warning: this condition keeps none of the 2 rows it is given"), "\(quiet.stderr)")
        #expect(quiet.stderr.contains("recipe.yaml:8:22: warning: 'sunny' is in no row of column 'weather' that this condition is given; did you mean 'sun'?"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("out"))
        let strict = try CommandLineRunner.run(["run", "recipe.yaml", "--strict"], in: folder)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("recipe.yaml:8:12: error: this condition keeps none"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "nothing written")
        let validate = try CommandLineRunner.run(["validate", "recipe.yaml", "--strict"], in: folder)
        #expect(validate.status == 1)
        #expect(validate.stderr.contains("recipe.yaml: 2 errors"))
        let lenient = try CommandLineRunner.run(["validate", "recipe.yaml"], in: folder)
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("warning:"))
    }

    @Test func aFigureThatCannotKnowThePeriodIsNamed() throws {
        let run = try CommandLineRunner.run(["validate", "recipes/us-airports-by-state/recipe.yaml", "--period", "2020"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("warning: source 'airports' has no dated_by, so the figures made from it"), "\(run.stderr)")
    }
}

/// Every figure can say where it came from (`explain`, the manifest).
@Suite struct LineageCommandLineTests {
    let flagship = "recipes/tay-ho-2020-2025/recipe.yaml"

    /// The rows `explain --rows` lists: their file and line, and their cells.
    func listed(_ output: String) -> [(place: String, cells: [String: String])] {
        output.split(separator: "\n").filter { $0.hasPrefix("  recipes/") }.map { line in
            let place = String(line.dropFirst(2).prefix { $0 != " " })
            let cells = line.matches(of: /(\w+)=('([^']*)'|\S+)/).map { match in
                (String(match.output.1), String(match.output.3 ?? match.output.2))
            }
            return (place, Dictionary(cells) { $1 })
        }
    }

    @Test func theTotalSince2010ListsRowsThatAddUpTo1382() throws {
        let result = try CommandLineRunner.run(["explain", flagship, "ket_nap_tu_2010.ket_nap", "--rows"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("ket_nap_tu_2010.ket_nap = 1382\n"))
        #expect(result.stdout.contains("span: {from: 2010}"))
        #expect(result.stdout.contains("file data/admissions.csv, "))
        #expect(result.stdout.contains("sha256 "))
        let rows = listed(result.stdout)
        #expect(rows.count == 128)
        #expect(rows.reduce(0) { $0 + Int($1.cells["ket_nap"] ?? "0")! } == 1382)
        // Each place holds the row it names.
        let file = try String(contentsOf: CommandLineRunner.repositoryRoot.appendingPathComponent("recipes/tay-ho-2020-2025/data/admissions.csv"),
                              encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        for row in rows {
            let line = Int(row.place.split(separator: ":").last!)!
            #expect(file[line - 1] == "\(row.cells["phuong"]!),\(row.cells["nam"]!),\(row.cells["ket_nap"]!)")
        }
    }

    @Test func aGroupedFigureListsExactlyItsGroupsRows() throws {
        let result = try CommandLineRunner.run(["explain", flagship, "xu_huong_ket_nap.ket_nap", "--where", "nam=2023", "--rows"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = listed(result.stdout)
        #expect(rows.count == 8 && rows.allSatisfy { $0.cells["nam"] == "2023" })
        #expect(Set(rows.map { $0.cells["phuong"]! }).count == 8, "one row per ward")
        let figure = result.stdout.split(separator: "\n")[0]
        #expect(figure == "xu_huong_ket_nap.ket_nap where nam = 2023 = \(rows.reduce(0) { $0 + Int($1.cells["ket_nap"]!)! })")
        let ward = try CommandLineRunner.run(["explain", flagship, "ket_nap_theo_phuong.ket_nap", "--where", "phuong=Bưởi", "--rows"])
        #expect(listed(ward.stdout).allSatisfy { $0.cells["phuong"] == "Bưởi" } && listed(ward.stdout).count == 16)
        let wrong = try CommandLineRunner.run(["explain", flagship, "ket_nap_theo_phuong.ket_nap", "--where", "phuon=Bưởi", "--rows"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("'phuon' is no group key of 'ket_nap_theo_phuong'; did you mean 'phuong'?"))
    }

    @Test func theManifestIsTheSameForTheSameDataAndChangesWithOneByte() throws {
        let folder = try CommandLineRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("flagship")
        try FileManager.default.copyItem(at: CommandLineRunner.repositoryRoot.appendingPathComponent("recipes/tay-ho-2020-2025"), to: copy)
        func manifest(_ out: String, in directory: URL) throws -> Data {
            let run = try CommandLineRunner.run(["run", copy.appendingPathComponent("recipe.yaml").path, "--out", out, "--manifest", "-q"], in: directory)
            #expect(run.status == 0, "\(run.stderr)")
            return try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("manifest.json"))
        }
        let first = try manifest(folder.appendingPathComponent("a").path, in: folder)
        let second = try manifest(folder.appendingPathComponent("b").path, in: copy)
        #expect(first == second, "from another folder too")
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.contains("\"path\": \"data/admissions.csv\""))
        #expect(text.contains("\"path\": \"tong-ket.html\""))
        // One byte of one input changed: its digest, and the outputs', change.
        let data = copy.appendingPathComponent("data/ratings.csv")
        var bytes = try Data(contentsOf: data)
        let index = bytes.lastIndex(of: UInt8(ascii: "9")) ?? bytes.index(before: bytes.endIndex)
        bytes[index] = UInt8(ascii: "8")
        try bytes.write(to: data)
        let third = try manifest(folder.appendingPathComponent("c").path, in: folder)
        #expect(third != first)
    }
}
