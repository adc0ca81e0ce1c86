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
