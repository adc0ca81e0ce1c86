/// The built-in stylesheet: clean, printable on A4, no web fonts (no network).
enum HTMLStyle {
    static let css = """
        @page { size: A4; margin: 16mm 15mm; }
        * { box-sizing: border-box; }
        body { font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: #1b1f24;
               line-height: 1.5; max-width: 182mm; margin: 0 auto; padding: 12mm 6mm; font-size: 11pt; }
        header { border-bottom: 2px solid #1b1f24; margin-bottom: 1.5em; padding-bottom: .5em; }
        h1 { font-size: 1.7em; margin: 0 0 .2em; line-height: 1.25; }
        h2 { font-size: 1.3em; margin: 1.6em 0 .5em; }
        h3 { font-size: 1.1em; margin: 1.3em 0 .4em; }
        h2, h3 { break-after: avoid; }
        .subtitle, .period { margin: 0; color: #57606a; }
        p { margin: .6em 0; }
        figure { margin: 1.2em 0; }
        figcaption { font-weight: 600; margin-bottom: .4em; }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: .95em; }
        thead { display: table-header-group; }
        th { text-align: left; border-bottom: 2px solid #1b1f24; padding: .35em .6em; vertical-align: bottom; }
        td { border-bottom: 1px solid #d0d7de; padding: .3em .6em; vertical-align: top; }
        th.number, td.number { text-align: right; }
        tr { break-inside: avoid; }
        .metrics { display: flex; flex-wrap: wrap; gap: .8em; margin: 1.2em 0; }
        .metric { flex: 1 1 12em; border: 1px solid #d0d7de; border-radius: 6px; padding: .7em .9em; break-inside: avoid; }
        .metric .label { color: #57606a; font-size: .9em; }
        .metric .value { font-size: 1.6em; font-weight: 600; font-variant-numeric: tabular-nums; }
        .metric .target, .metric .status { font-size: .9em; }
        .chart { width: 100%; height: auto; break-inside: avoid; }
        .chart .grid { stroke: #d0d7de; stroke-width: 1; }
        .chart .axis { stroke: #1b1f24; stroke-width: 1; }
        .chart text { font-size: 11px; fill: #1b1f24; }
        .page-break { break-after: page; }
        @media print { body { padding: 0; max-width: none; } }
        """
}
