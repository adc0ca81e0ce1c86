import Testing
@testable import ReportKit

/// The tag scanner behind template checks and HTML escaping: which names a template reads,
/// and which of its text is literal.
@Suite struct ReportTemplateTests {
    @Test func namesOutsideSectionsAreTables() {
        let text = "{{a.x}} {{{ b.y }}} {{# rows }}{{inner}}{{/rows}} {{! note}} {{^empty}}{{z}}{{/empty}} {{&c}} {{ d }}"
        #expect(ReportTemplate.tableIDs(in: text) == ["a", "b", "rows", "empty", "c", "d"])
    }

    @Test func textThatIsNotATagIsNotOne() {
        #expect(ReportTemplate.tableIDs(in: "{{a}b}} and {{ x }}") == ["x"])
        #expect(ReportTemplate.tableIDs(in: "no tags { } }} {{") == [])
    }

    @Test func htmlEscapesTheTextBetweenTagsOnly() throws {
        let template = try ReportTemplate("<b>{{a.x}}</b> & {{{a.y}}}")
        let context: [String: Any] = ["a": ["x": "<i>", "y": "<u>"]]
        #expect(template.render(context, html: true) == "&lt;b&gt;&lt;i&gt;&lt;/b&gt; &amp; <u>")
        #expect(template.render(context, html: false) == "<b><i></b> & <u>")
    }
}

/// The names of templates checked against the computed tables: a misspelt column is an error
/// where it is written, not an empty place in the report.
@Suite struct TemplateNamesTests {
    let names = TemplateNames(report: Report(
        title: "T", subtitle: nil, locale: ReportLocale("en-US")!, period: nil,
        params: [Param(name: "target", value: .int(90), location: SourceLocation(file: "r.yaml", line: 1, column: 1))],
        tables: [NamedTable(id: "total", table: Table(columns: [Column("admitted", .int)], rows: [[.int(1382)]])),
                 NamedTable(id: "wards", table: Table(columns: [Column("ward", .string), Column("admitted", .int)],
                                                      rows: [[.string("Bưởi"), .int(3)], [.string("Yên Phụ"), .int(4)]])),
                 NamedTable(id: "empty", table: Table(columns: [Column("ward", .string)]))],
        extractorIDs: ["total", "wards"], layout: []))

    func problems(_ template: String) throws -> [String] {
        let node = try YAMLLoader().load("text: '\(template)'\n", file: "r.yaml")[0]["text"]!
        return names.check(node).map { "\($0.location!.column): \($0.message)" }
    }

    @Test func knownNamesPass() throws {
        #expect(try problems("{{total.admitted}} {{params.target}} {{#wards}}{{ward}} {{admitted}} {{total.admitted}}{{/wards}}") == [])
        #expect(try problems("{{#wards}}{{wards.ward}}{{/wards}} {{^wards}}none{{/wards}} {{! a comment}} {{#total}}{{.}}{{/total}}") == [])
    }

    @Test func unknownNamesSayWhatIsThere() throws {
        #expect(try problems("{{total.admited}}") == ["8: the template names 'total.admited', but the table 'total' has no column 'admited'; did you mean 'admitted'?"])
        #expect(try problems("{{#wards}}{{wrd}}{{/wards}}") == ["18: the template names 'wrd', but it is neither a column of 'wards' nor a table; did you mean 'ward'?"])
        #expect(try problems("{{params.targt}}") == ["8: the template names 'params.targt', but the recipe has no param 'targt'; did you mean 'target'?"])
        #expect(try problems("{{period.label}}") == ["8: the template names 'period.label', but the recipe has no period"])
        #expect(try problems("{{empty.ward}}") == [], "a table without rows (a period without data) prints nothing")
        #expect(try problems("{{wards.ward}}") == ["8: the template names 'wards.ward', but 'wards' has 2 rows, and {{wards.ward}} needs one; repeat over them with {{#wards}}...{{/wards}}"])
    }
}
