/// The options of every document output that say how decimals are written.
public struct NumberOptions: OptionRecord {
    @Option(doc: "decimals are rounded to at most this many fraction digits", example: "1")
    var decimals = 2
    @Option(doc: "every decimal shows exactly `decimals` fraction digits (money: 251,536.50), not at most")
    var fixedDecimals = false

    public init() {}
}

/// How a document output writes decimals: its `decimals` and `fixed_decimals` options, shared
/// by the text, HTML, Markdown, PDF, Word and Excel outputs.
public struct NumberStyle: Sendable {
    public let decimals: Int
    public let isFixed: Bool

    public init(_ options: NumberOptions) throws {
        decimals = options.decimals
        isFixed = options.fixedDecimals
        guard (0...20).contains(decimals) else { throw options.$decimals.mustBe("0 to 20", not: String(decimals)) }
    }

    /// A formatter for one rendering in `locale`.
    public func formatter(_ locale: ReportLocale) -> ValueFormatter {
        ValueFormatter(locale: locale, maximumFractionDigits: decimals, minimumFractionDigits: isFixed ? decimals : 0)
    }
}
