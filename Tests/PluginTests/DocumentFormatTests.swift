import TableExtractors
import InlinePlugins
import ReportKit
import ReportgenTesting
import Testing

/// What tables and charts say once laid out: per-column formats in the locale, status tones,
/// pivot headers in the locale, chart targets and series names.
@Suite struct DocumentFormatTests {
    func document(_ locale: String, _ layout: String, extractors: String = "") throws -> Document {
        let run = try RecipeRun("""
            reportgen: 1
            title: T
            locale: \(locale)
            sources:
              t:
                type: inline
                rows:
                  - {year: 2024, amount: 1503.1, ratio: 103.34, status: exceeded, day: 2024-03-01}
                  - {year: 2025, amount: -9546.675, ratio: 82.95, status: missed, day: 2025-03-01}
                columns: {year: {type: int, format: plain}, amount: decimal, ratio: decimal, day: date}
            \(extractors)
            layout:
            \(layout)
            outputs: []
            """, plugins: [InlinePlugins.self, TableExtractors.self])
        return try DocumentBuilder(report: run.report, formatter: ValueFormatter(locale: run.report.locale, maximumFractionDigits: 2),
                                   html: false).build()
    }

    func table(_ document: Document) -> DocumentTable? {
        for block in document.blocks { if case .table(let table) = block { return table } }
        return nil
    }

    @Test func formatsFollowTheLocale() throws {
        let layout = "  - {table: t, columns: [amount, ratio], formats: {amount: signed_currency, ratio: percent}}"
        let english = try #require(table(try document("en-US", layout)))
        #expect(english.rows.map { $0[0] } == ["+$1,503.10", "-$9,546.68"])
        #expect(english.rows.map { $0[1] } == ["103.34%", "82.95%"])
        let vietnamese = try #require(table(try document("vi-VN", layout)))
        #expect(vietnamese.rows.map { $0[0] } == ["+1.503\u{A0}₫", "-9.547\u{A0}₫"], "the dong has no minor unit")
        #expect(vietnamese.rows.map { $0[1] } == ["103,34%", "82,95%"])
        let german = try #require(table(try document("de-DE", "  - {table: t, columns: [ratio], formats: {ratio: signed_percent}}")))
        #expect(german.rows.map { $0[0] } == ["+103,34\u{A0}%", "+82,95\u{A0}%"])
        let euros = try #require(table(try document("en-US", "  - {table: t, columns: [amount], formats: {amount: currency}, currency: EUR}")))
        #expect(euros.rows.map { $0[0] } == ["€1,503.10", "-€9,546.68"])
        #expect(english.columns[0].format == .signedCurrency)
    }

    @Test func aFormatOfNumbersOnTextIsAnError() throws {
        #expect(throws: Diagnostics.self) { _ = try document("en-US", "  - {table: t, formats: {status: percent}}") }
    }

    @Test func statusWordsGetTonesAndDatesStayWhole() throws {
        let laid = try #require(table(try document("en-US", "  - table: t")))
        let status = laid.columns[3], day = laid.columns[4]
        #expect(status.tones["exceeded"] == .good && status.tones["missed"] == .bad)
        #expect(day.role == .date && laid.columns[1].role == .number && laid.columns[0].tones.isEmpty)
    }

    @Test func pivotHeadersOfDatesAreWrittenInTheLocale() throws {
        let pivot = "extractors:\n  p: {type: pivot, input: t, rows: status, columns: day, value: amount}"
        let laid = try #require(table(try document("vi-VN", "  - table: p", extractors: pivot)))
        #expect(laid.columns.map(\.label) == ["status", "01/03/2024", "01/03/2025"])
    }

    @Test func chartsCarryNamesTargetsAndTitles() throws {
        let layout = """
              - chart: {type: bar, table: t, x: year, y: {amount: Amount}, target: ratio, x_title: Year, stacked: true}
              - chart: {type: line, table: t, x: year, y: [amount, ratio], colors: {ratio: "#123456"}, target: 100}
            """
        let charts = try document("en-US", layout).blocks.compactMap { block -> DocumentChart? in
            if case .chart(let chart) = block { return chart }
            return nil
        }
        #expect(charts[0].series.map(\.name) == ["Amount"])
        #expect(charts[0].target?.values == [103.34, 82.95] && charts[0].target?.name == "Target")
        #expect(charts[0].xTitle == "Year" && charts[0].xIsTime && !charts[0].isStacked, "one series does not stack")
        #expect(charts[1].series.map(\.color) == [nil, "#123456"])
        #expect(charts[1].target?.values == [100] && charts[1].target?.isPerCategory == false)
        #expect(throws: Diagnostics.self) { _ = try document("en-US", "  - chart: {type: bar, table: t, x: year, y: amount, target: status}") }
        #expect(throws: Diagnostics.self) { _ = try document("en-US", "  - chart: {type: bar, table: t, x: year, y: amount, colors: {amout: \"#fff\"}}") }
    }
}
