/// How a document output writes decimals: its `decimals` and `fixed_decimals` options, shared
/// by the text, HTML and Markdown outputs.
public struct NumberStyle: Sendable {
    public static func options() -> [OptionSpec] {
        [
            OptionSpec("decimals", .integer, default: .int(2), doc: "decimals are rounded to at most this many fraction digits",
                       example: "1"),
            OptionSpec("fixed_decimals", .boolean, default: .bool(false),
                       doc: "every decimal shows exactly `decimals` fraction digits (money: 251,536.50), not at most"),
        ]
    }

    public let decimals: Int
    public let isFixed: Bool

    public init(options: PluginOptions) throws {
        decimals = options.int("decimals") ?? 2
        isFixed = options.bool("fixed_decimals") ?? false
        guard (0...20).contains(decimals) else { throw options.error("decimals must be 0 to 20, not \(decimals)", at: "decimals") }
    }

    /// A formatter for one rendering in `locale`.
    public func formatter(_ locale: ReportLocale) -> ValueFormatter {
        ValueFormatter(locale: locale, maximumFractionDigits: decimals, minimumFractionDigits: isFixed ? decimals : 0)
    }
}
