import ReportKit

/// The built-in stylesheet: clean, printable on A4, no web fonts (no network). Print gets a
/// running header (the title) and footer (page numbers, "Page 2 of 5", "Trang 2/5") from CSS
/// paged media's margin boxes, landscape pages for wide tables, charts kept with their titles.
/// Fonts: Noto Sans, else DejaVu Sans (both carry Vietnamese marks), as ``TextMeasure`` measures.
enum HTMLStyle {
    static func css(title: String, locale: ReportLocale) -> String {
        let words = ReportWords(locale: locale)
        let pageNumber = "\"\(words.page) \" counter(page) \"\(words.pageOf)\" counter(pages)"
        return """
            @page { size: A4; margin: 18mm 15mm 16mm;
                    @top-left { content: \(cssString(title)); font: 8.5pt "Noto Sans", "DejaVu Sans", sans-serif; color: #57606a; }
                    @bottom-right { content: \(pageNumber); font: 8.5pt "Noto Sans", "DejaVu Sans", sans-serif; color: #57606a; } }
            @page :first { @top-left { content: none; } }
            @page landscape { size: A4 landscape; }
            * { box-sizing: border-box; }
            body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif; color: #1b1f24;
                   line-height: 1.5; max-width: 182mm; margin: 0 auto; padding: 12mm 6mm; font-size: 11pt; }
            header { border-bottom: 2px solid #1b1f24; margin-bottom: 1.5em; padding-bottom: .5em; }
            h1 { font-size: 1.7em; margin: 0 0 .2em; line-height: 1.25; }
            h2 { font-size: 1.3em; margin: 1.6em 0 .5em; }
            h3 { font-size: 1.1em; margin: 1.3em 0 .4em; }
            h2, h3, figcaption { break-after: avoid; }
            .subtitle, .period { margin: 0; color: #57606a; }
            p { margin: .6em 0; }
            figure { margin: 1.2em 0; }
            figcaption { font-weight: 600; margin-bottom: .4em; }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: .95em; }
            thead { display: table-header-group; }
            th { text-align: left; border-bottom: 2px solid #1b1f24; padding: .35em .6em; vertical-align: bottom; }
            td { border-bottom: 1px solid #d0d7de; padding: .3em .6em; vertical-align: top; }
            th.number, td.number { text-align: right; white-space: nowrap; }
            td.date { white-space: nowrap; }
            td.status { font-weight: 600; }
            td.status.good { color: #1a6e2e; }
            td.status.bad { color: #b3261e; }
            tr { break-inside: avoid; }
            .metrics { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: .8em; margin: 1.2em 0; }
            .metrics.columns-1 { grid-template-columns: 1fr; }
            .metrics.columns-2 { grid-template-columns: 1fr 1fr; }
            .metrics.columns-4 { grid-template-columns: 1fr 1fr 1fr 1fr; }
            .metric { border: 1px solid #d0d7de; border-radius: 6px; padding: .7em .9em; break-inside: avoid; }
            .metric .label { color: #57606a; font-size: .9em; }
            .metric .value { font-size: 1.6em; font-weight: 600; font-variant-numeric: tabular-nums; }
            .metric .target, .metric .status { font-size: .9em; }
            .chart-figure { break-inside: avoid; }
            .chart { display: block; width: 100%; height: auto; }
            .chart .grid { stroke: #d0d7de; stroke-width: 1; }
            .chart .axis { stroke: #1b1f24; stroke-width: 1; }
            .chart text { font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 13.5px; fill: #1b1f24; }
            .chart .axis-title { font-weight: 600; }
            .page-break { break-after: page; }
            .method-link { font-size: .85em; text-align: right; margin: -.6em 0 1.2em; }
            .method-link a, .metric .value a { color: inherit; }
            .method { border-top: 1px solid #bbb; margin-top: 2em; font-size: .92em; }
            .method-entry { break-inside: avoid; }
            .method-entry ul { margin: .3em 0 1em; padding-left: 1.2em; }
            .print-only { display: none; }
            @media print {
              body { padding: 0; max-width: none; }
              .landscape { page: landscape; }
              .landscape table { font-size: var(--print-size, .95em); }
              .scroll { overflow: visible; }
              .print-only { display: block; }
              .screen-only { display: none; }
            }
            @media (max-width: 40em) { .metrics.metrics { grid-template-columns: 1fr 1fr; } }
            """
    }

    /// `text` as a CSS string: quotes and backslashes escaped, line breaks as spaces, and `<`
    /// escaped so that no text can close the `<style>` element.
    static func cssString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\": result += "\\" + String(scalar)
            case "<": result += "\\3c "
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
