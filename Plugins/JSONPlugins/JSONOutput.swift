import Foundation
import ReportKit

/// The whole report for other programs: title, subtitle, locale, period, params, every table
/// (sources and extractors) with its column types and its lineage (where it came from: step,
/// options, rows read, files with SHA-256), and the laid-out document. Numbers are
/// JSON numbers with every digit, dates ISO strings, period buckets their codes (`2025-Q3`).
public struct JSONOutput: Output {
    public static let type = "json"
    public static let summary = "the whole report as JSON: metadata, every table with column types, the layout"

    public struct Options: PluginOptions {
        public init() {}
    }

    public init(options: Options, setup: PluginSetup) {}

    public var needsEveryTable: Bool { true }

    public func render(_ report: Report) throws -> [UInt8] {
        let formatter = ValueFormatter(locale: report.locale, maximumFractionDigits: 2)
        let document = try DocumentBuilder(report: report, formatter: formatter, html: false).build()
        var pairs: [(String, JSONValue)] = [
            ("title", .string(document.title)),
            ("subtitle", document.subtitle.map(JSONValue.string) ?? .null),
            ("locale", .string(report.locale.identifier)),
        ]
        if let period = report.period {
            pairs.append(("period", .object([
                ("start", .string(period.start.description)), ("end", .string(period.end.description)),
                ("every", .string(period.every.rawValue)), ("label", document.periodLabel.map(JSONValue.string) ?? .null),
            ])))
        }
        pairs.append(("params", .object(report.params.map { ($0.name, Self.json($0.value)) })))
        pairs.append(("tables", .array(report.tables.map { named in
            .object([
                ("id", .string(named.id)),
                ("columns", .array(named.table.columns.map { .object([("name", .string($0.name)), ("type", .string($0.type.rawValue))]) })),
                ("rows", .array(named.table.rows.map { .array($0.map(Self.json)) })),
                ("lineage", JSONLineage.json(report.lineage[named.id])),
            ])
        })))
        pairs.append(("layout", .array(document.blocks.map(Self.json))))
        return Array(JSONValue.object(pairs).text().utf8)
    }

    static func json(_ value: Value) -> JSONValue {
        switch value {
        case .null: return .null
        case .int(let number): return .int(number)
        case .decimal(let number): return .number(number.plainText)
        case .bool(let flag): return .bool(flag)
        default: return .string(value.plainText)
        }
    }

    private static func json(_ block: DocumentBlock) -> JSONValue {
        switch block {
        case .method(let method):
            return .object([("sources_and_method", .string(method.title)), ("entries", .array(method.entries.map { entry in
                .object([("table", .string(entry.id)), ("title", .string(entry.title)), ("lines", .array(entry.lines.map(JSONValue.string)))])
            })), ("closing", .array(method.closing.map(JSONValue.string)))])
        case .heading(let text, let level): return .object([("heading", .string(text)), ("level", .int(level))])
        case .paragraph(let text): return .object([("text", .string(text))])
        case .table(let table):
            return .object([
                ("table", table.title.map(JSONValue.string) ?? .null),
                ("columns", .array(table.columns.map { .string($0.label) })),
                ("rows", .array(table.rows.map { .array($0.map(JSONValue.string)) })),
            ])
        case .metrics(let metrics):
            return .object([("metrics", .array(metrics.map { metric in
                .object([("label", .string(metric.label)), ("value", .string(metric.value)),
                         ("target", metric.target.map(JSONValue.string) ?? .null), ("status", metric.status.map(JSONValue.string) ?? .null)])
            }))])
        case .chart(let chart):
            return .object([
                ("chart", .string(chart.kind.rawValue)), ("title", chart.title.map(JSONValue.string) ?? .null),
                ("x", .array(chart.xLabels.map(JSONValue.string))),
                ("series", .array(chart.series.map { series in
                    .object([("name", .string(series.name)),
                             ("values", .array(series.values.map { $0.map { .number(String($0)) } ?? .null }))])
                })),
            ])
        case .pageBreak: return .object([("page_break", .bool(true))])
        }
    }
}
