/// The top-level keys of a recipe (format version 1). `sources`, `extractors`, `outputs` and
/// `layout` hold plugin configurations and blocks, which ``RecipeLoader`` checks against each
/// plugin's and block's own specs.
public enum RecipeKeys {
    public static let formatVersion = 1

    public static let periodKeys: [OptionSpec] = [
        OptionSpec("from", .string, required: true, doc: "first year, month or day covered", example: "2020"),
        OptionSpec("to", .string, required: true, doc: "last year, month or day covered, inclusive", example: "2025"),
        OptionSpec("every", .choice(PeriodUnit.allCases.map(\.rawValue)), default: .string("year"),
                   doc: "bucket size", example: "quarter"),
        OptionSpec("label", .template, doc: "how the period is named in the report", example: "{{period.start}}"),
    ]

    public static let topLevel: [OptionSpec] = [
        OptionSpec("reportgen", .integer, required: true, doc: "recipe format version; 1", example: "1"),
        OptionSpec("title", .template, required: true, doc: "the report's title", example: "Annual review"),
        OptionSpec("subtitle", .template, doc: "a line under the title"),
        OptionSpec("locale", .string, default: .string("en-US"),
                   doc: "BCP 47 tag: how numbers and dates are written and read", example: "vi-VN"),
        OptionSpec("timezone", .string, default: .string("UTC"),
                   doc: "IANA time zone: date-times without an offset are its local time, and every date-time is written and bucketed in it",
                   example: "Asia/Ho_Chi_Minh"),
        OptionSpec("period", .record(periodKeys), doc: "the time the report covers"),
        OptionSpec("params", .map(.anyOf([.string, .number, .boolean])),
                   doc: "named values, overridable with --set name=value", example: "{target: 90}"),
        OptionSpec("sources", .map(.anyValue), required: true, doc: "id -> source plugin configuration"),
        OptionSpec("extractors", .map(.anyValue), doc: "id -> extractor plugin configuration"),
        OptionSpec("layout", .list(.anyValue), doc: "the blocks a document shows, in order"),
        OptionSpec("outputs", .list(.anyValue), required: true, doc: "output plugin configurations"),
    ]

    /// Keys the core reads in every plugin configuration besides the plugin's own options.
    public static func commonKeys(of kind: PluginKind) -> [OptionSpec] {
        var keys = [OptionSpec("type", .string, required: true, doc: "the plugin", example: "csv")]
        switch kind {
        case .source:
            keys.append(OptionSpec("dated_by", .string,
                                   doc: "the column (dates, or years as integers) that places each row in time: extractors then read only the report's period's rows; 'none' for rows that hold for any period",
                                   example: "date"))
        case .extractor:
            keys.append(OptionSpec("span", RowSpan.optionType, default: .string("period"),
                                   doc: "which rows of dated sources it reads: 'period' (the report's), 'all', 'previous' (the period before), 'previous_year' (a year earlier), or {from: 2010, to: 2015}",
                                   example: "{from: 2010}"))
        case .output:
            break
        }
        if kind == .output {
            keys.append(OptionSpec("path", .outputPath, required: true,
                                   doc: "file to write, relative to the output folder", example: "report.txt"))
        }
        return keys
    }
}
