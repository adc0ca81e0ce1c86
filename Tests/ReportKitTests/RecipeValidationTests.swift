import Foundation
import Testing
@testable import ReportKit

/// Every error a recipe can have: message, position, did-you-mean, all at once, in order.
@Suite struct RecipeValidationTests {
    func errors(_ recipe: String, files: [String: String] = [:], environment: [String: String] = [:],
                overrides: [(name: String, value: String)] = []) throws -> [String] {
        let folder = try RecipeFolder(recipe, files: files)
        defer { folder.remove() }
        return folder.errors(environment: environment, overrides: overrides)
    }

    static let valid = """
        reportgen: 1
        title: T
        sources:
          nums: {type: numbers, count: 3}
        outputs:
          - {type: dump, path: out.txt}
        """

    @Test func aValidRecipeLoads() throws {
        #expect(try errors(Self.valid) == [])
    }

    @Test func allErrorsAreReportedAtOnceInOrder() throws {
        let found = try errors("""
            reportgen: 1
            title: T
            sorces: {}
            sources:
              nums: {type: numbers, cont: 3}
            outputs:
              - {type: dump, path: out.txt, tabel: nums}
            """)
        #expect(found == [
            "3:1: unknown key 'sorces' in the recipe; did you mean 'sources'?",
            "5:25: unknown key 'cont' in numbers source 'nums'; did you mean 'count'?",
            "7:33: unknown key 'tabel' in dump output; did you mean 'table'?",
        ])
    }

    @Test func wrongTypesNameTheExpectedShape() throws {
        let found = try errors("""
            reportgen: 1
            title: T
            sources:
              nums: {type: numbers, count: many, flag: yes}
              more: {type: numbers, count: [1]}
            outputs: {type: dump}
            """)
        #expect(found == [
            "4:32: 'count' in numbers source 'nums' must be an integer, not the string 'many'",
            "4:44: 'flag' in numbers source 'nums' must be true or false, not the string 'yes' (YAML 1.2 reads 'yes' as a string; write true or false)",
            "5:32: 'count' in numbers source 'more' must be an integer, not a list",
            "6:10: dump output needs 'path' (file to write, relative to the output folder)",
        ])
    }

    @Test func missingRequiredKeysAreNamed() throws {
        let found = try errors("sources: {}\n")
        #expect(found == [
            "1:1: the recipe needs 'reportgen' (recipe format version; 1)",
            "1:1: the recipe needs 'title' (the report's title)",
            "1:1: the recipe needs 'outputs' (output plugin configurations)",
        ])
    }

    @Test func unknownPluginTypesSuggestAndNameTheirKind() throws {
        let found = try errors("""
            reportgen: 1
            title: T
            sources:
              a: {type: numbrs, count: 1}
              b: {type: dump}
            outputs:
              - {type: dumpp, path: x}
            """)
        #expect(found == [
            "4:13: unknown source type 'numbrs'; did you mean 'numbers'?",
            "5:13: unknown source type 'dump' ('dump' is an output) (expected 'numbers')",
            "7:12: unknown output type 'dumpp'; did you mean 'dump'?",
        ])
    }

    @Test func choicesSuggestTheClosestWord() throws {
        let found = try errors(Self.valid + "\nextractors:\n  p: {type: pass, input: nums, mode: fats}\n")
        #expect(found == ["8:38: 'mode' in pass extractor 'p' must be one of 'fast', 'slow', not 'fats'; did you mean 'fast'?"])
    }

    @Test func unknownTablesSuggestKnownIDs() throws {
        let found = try errors(Self.valid + "\nextractors:\n  p: {type: pass, input: nmus}\n")
        #expect(found == ["8:26: unknown table 'nmus'; did you mean 'nums'?"])
    }

    @Test func cyclesNameTheirMembers() throws {
        let found = try errors(Self.valid + """

            extractors:
              a: {type: pass, input: c}
              b: {type: pass, input: a}
              c: {type: pass, input: b}
              d: {type: pass, input: d}
              e: {type: pass, input: a}
            """)
        #expect(found == [
            "8:3: extractors 'a', 'c', 'b' read each other in a cycle: a -> c -> b -> a",
            "11:3: extractor 'd' reads its own table; its input must be another source or extractor",
        ])
    }

    @Test func extractorsRunAfterTheirInputs() throws {
        let folder = try RecipeFolder(Self.valid + """

            extractors:
              late: {type: pass, input: early}
              early: {type: pass, input: nums, also: [nums]}
            """)
        defer { folder.remove() }
        let plan = try Plan(try folder.load())
        #expect(plan.steps == [.source(0), .extractor(1), .extractor(0)])
    }

    @Test func idsAreUniqueAcrossSourcesAndExtractors() throws {
        let found = try errors(Self.valid + "\nextractors:\n  nums: {type: pass, input: nums}\n  9x: {type: pass, input: nums}\n")
        #expect(found == [
            "8:3: the id 'nums' is used twice; sources and extractors share one set of ids",
            "9:3: '9x' is not a valid id; ids are letters, digits and _, starting with a letter or _",
        ])
    }

    @Test func outputPathsStayInsideTheOutputFolder() throws {
        let found = try errors("""
            reportgen: 1
            title: T
            sources: {nums: {type: numbers, count: 1}}
            outputs:
              - {type: dump, path: ../x.txt}
              - {type: dump, path: /etc/x.txt}
              - {type: dump, path: a/../../x.txt}
              - {type: dump, path: a.txt}
              - {type: dump, path: ./a.txt}
            """)
        #expect(found == [
            "5:24: 'path' in dump output: '../x.txt' leaves the output folder",
            "6:24: 'path' in dump output: '/etc/x.txt' must be a relative path inside the output folder",
            "7:24: 'path' in dump output: 'a/../../x.txt' leaves the output folder",
            "9:24: two outputs write './a.txt'",
        ])
    }

    @Test func environmentVariablesAreInterpolated() throws {
        let folder = try RecipeFolder("""
            reportgen: 1
            title: "${ORG} review, $${literal}"
            sources:
              nums:
                type: numbers
                count: ${COUNT:-2}
            outputs: [{type: dump, path: x}]
            """)
        defer { folder.remove() }
        let recipe = try folder.load(environment: ["ORG": "Tây Hồ"])
        #expect(recipe.title == "Tây Hồ review, ${literal}")
        #expect((recipe.sources[0].plugin as? NumbersSource)?.count == 2)
        #expect(folder.errors() == ["2:9: environment variable 'ORG' is not set (write ${ORG:-default} to give a default)"])
    }

    @Test func paramsCanBeOverriddenWithTheirType() throws {
        let recipe = Self.valid + "\nparams: {target: 90, rate: 95.5, name: x, on: true}\n"
        let folder = try RecipeFolder(recipe)
        defer { folder.remove() }
        let loaded = try folder.load(overrides: [("target", "95"), ("rate", "96.25"), ("name", "y")])
        #expect(loaded.params.map(\.value) == [.int(95), .decimal(Decimal(string: "96.25")!), .string("y"), .bool(true)])
        #expect(folder.errors(overrides: [("targte", "1")]) == ["7:9: --set targte=1: the recipe has no param 'targte'; did you mean 'target'?"])
        #expect(folder.errors(overrides: [("target", "high")]) == ["7:18: --set target=high: the param is an integer, and 'high' is not one"])
    }

    @Test func localeAndPeriodAreChecked() throws {
        let found = try errors(Self.valid + """

            locale: en-UK
            period: {from: 2025, to: 2020-13, every: years}
            """)
        #expect(found == [
            "7:9: unknown locale 'en-UK'; write a BCP 47 tag such as vi-VN or en-US; did you mean 'en-GB'?",
            "8:26: '2020-13' is not a year (2020), a month (2020-03) or a date (2020-03-15)",
            "8:42: 'every' in 'period' in the recipe must be one of 'year', 'half', 'quarter', 'month', 'week', 'day', not 'years'; did you mean 'year'?",
        ])
        let folder = try RecipeFolder(Self.valid + "\nlocale: vi-VN\nperiod: {from: 2020, to: 2025-06}\n")
        defer { folder.remove() }
        let recipe = try folder.load()
        #expect(recipe.locale.identifier == "vi-VN")
        #expect(recipe.period == PeriodSpec(start: CivilDate(year: 2020, month: 1, day: 1)!, end: CivilDate(year: 2025, month: 6, day: 30)!, every: .year))
    }

    @Test func layoutBlocksAreChecked() throws {
        let found = try errors(Self.valid + """

            layout:
              - heading: Results
                levle: 2
              - tabel: nums
              - table: numz
              - chart: {type: pie, table: nums, x: n, y: n}
              - page_break
            """)
        #expect(found == [
            "9:5: unknown key 'levle' in this heading block; did you mean 'level'?",
            "10:5: unknown layout block 'tabel'; did you mean 'table'?",
            "11:12: unknown table 'numz'; did you mean 'nums'?",
            "12:19: 'type' in 'chart' in this chart block must be one of 'bar', 'line', 'area', not 'pie'",
        ])
    }

    /// The chart and table keys of issue #18 are checked like every other key.
    @Test func chartAndTableExtensionsAreChecked() throws {
        let found = try errors(Self.valid + """

            layout:
              - chart: {type: bar, table: nums, x: n, y: {n: Count}, stacke: true, orientation: sideways}
              - chart: {type: line, table: nums, x: n, y: [n], stacked: true, colors: [red], target: "1 +"}
              - table: nums
                formats: {n: procent}
                currency: USDD
            """)
        #expect(found == [
            "8:58: unknown key 'stacke' in 'chart' in this chart block; did you mean 'stacked'?",
            "8:85: 'orientation' in 'chart' in this chart block must be one of 'auto', 'vertical', 'horizontal', not 'sideways'",
            "9:61: lines are not stacked; 'stacked: true' is for bar and area charts",
            "9:76: a colour is written #rrggbb or #rgb (such as \"#1f6f9f\"), not 'red'",
            "9:94: expected a value, a column or a function, found the end of the expression",
            "11:18: 'n' in 'formats' in this table block must be one of 'percent', 'signed', 'signed_percent', 'currency', 'signed_currency', 'plain', not 'procent'; did you mean 'percent'?",
            "12:15: unknown currency 'USDD'; write an ISO 4217 code such as USD, EUR or VND; did you mean 'USD'?",
        ])
    }

    @Test func pluginsCheckWhatTheirSpecsCannot() throws {
        let found = try errors("reportgen: 1\ntitle: T\nsources: {n: {type: numbers, count: -1}}\noutputs: []\n")
        #expect(found == ["3:37: 'count' in numbers source 'n' must be at least 0, not -1"])
    }

    @Test func wholeFileProblems() throws {
        #expect(try errors("") == ["1:1: the recipe is empty; `reportgen init` writes a starter recipe"])
        #expect(try errors("a: 1\n---\nb: 2\n") == ["3:1: a recipe is one YAML document, but this file has 2"])
        #expect(try errors("- 1\n") == ["1:1: the recipe must be a mapping, not a list"])
        #expect(try errors(Self.valid.replacingOccurrences(of: "reportgen: 1", with: "reportgen: 2")) == [
            "1:12: this recipe is written for format version 2; this reportgen reads version 1",
        ])
        #expect(try errors("title: [\n") == ["2:1: invalid YAML: did not find expected node content (while parsing a flow node at 2:1)"])
    }
}

@Suite struct TemplateValidationTests {
    @Test func templateErrorsAreFoundBeforeAnythingRuns() throws {
        let folder = try RecipeFolder("""
            reportgen: 1
            title: "Report {{nmus.n}}"
            sources: {nums: {type: numbers, count: 3}}
            layout:
              - text: "{{#nums}}{{n}}"
              - heading: "{{params.x}} {{period.label}} {{#nums}}{{anything}}{{/nums}}"
              - text: |
                  first line
                  {{totals.n}}
            outputs: [{type: dump, path: x}]
            """)
        defer { folder.remove() }
        #expect(folder.errors() == [
            "2:16: the template names 'nmus.n', but there is no table 'nmus'; did you mean 'nums'? (a template names tables by id, params.NAME and period)",
            "5:26: template error: a section is not closed; end {{#name}} with {{/name}}",
            "9:11: the template names 'totals.n', but there is no table 'totals' (a template names tables by id, params.NAME and period)",
        ])
    }
}
