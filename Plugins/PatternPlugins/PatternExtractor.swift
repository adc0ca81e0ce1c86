import Foundation
import ReportKit

/// Facts pulled out of text: for each named regular expression, one row per match with `file`,
/// `name`, `value` and `sentence` (the whole sentence it was found in, for citing), plus a
/// column for each other named group of the patterns.
///
/// `{number}` in a pattern matches a number as the locale writes it (`1.382`, `95,5`, `95,5%`
/// in vi-VN; `1,382.5` in en-US) and becomes `value`, read exactly. A space in a pattern
/// matches any run of white space, line breaks included, so a phrase broken across lines is
/// still found. Rows come by file, then by place in the text, then by pattern.
public struct PatternExtractor: Extractor {
    public static let type = "pattern"
    public static let summary = "facts pulled out of text by named patterns, with the sentence they came from"

    public struct Options: PluginOptions {
        @Option(doc: "a table with a text column (a text source)", example: "ward_reports")
        var input: TableReference
        @InputColumn(holding: .text, doc: "the column holding the text")
        var column: ColumnName = "text"
        @Option(doc: "name -> regular expression; {number} is the value", example: "{admitted: 'kết nạp (được )?{number} đảng viên'}")
        var patterns: OptionMap<String>
        @Option(doc: "how numbers in the text are written; default the recipe's locale", example: "vi-VN")
        var locale: ReportLocale?

        public init() {}
    }

    private struct Pattern {
        var name: String
        var source: String
        var location: SourceLocation
    }

    private let options: Options
    private let patterns: [Pattern]
    private let textLocale: ReportLocale?
    /// The patterns compiled for the numbers of `locale`, in ``patterns``' order: here, so
    /// that `validate` reports a bad pattern before anything runs, and once (compiling took 5%
    /// of a run), unless a run reads numbers in another locale.
    private let compiled: (locale: ReportLocale, programs: [PatternProgram])

    public init(options: Options, setup: PluginSetup) throws {
        self.options = options
        patterns = options.patterns.map { Pattern(name: $0.name, source: $0.value, location: $0.location) }
        textLocale = options.locale
        let locale = textLocale ?? setup.locale
        compiled = (locale, try patterns.map { try Self.compile($0, locale: locale) })
    }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        let table = try options.input.table(in: inputs)
        let column = try options.column.index(in: table)
        let fileColumn = table.columnIndex(named: "file")
        let locale = textLocale ?? context.locale
        let numbers = NumberReader(locale: locale)
        let programs = locale == self.compiled.locale ? self.compiled.programs : try patterns.map { try Self.compile($0, locale: locale) }
        let compiled = zip(patterns, programs).map { (pattern: $0, program: $1) }
        let extraNames = compiled.flatMap { $0.program.groupNames.sorted { $0.key < $1.key }.map(\.value) }.reduce(into: [String]()) { names, name in
            if !names.contains(name), !["value", "file", "name", "sentence"].contains(name) { names.append(name) }
        }
        var rows: [(file: Int, offset: Int, pattern: Int, row: Row)] = []
        for (rowIndex, row) in table.rows.enumerated() {
            guard case .string(let text) = row[column] else { continue }
            let file = fileColumn.map { row[$0] } ?? .null
            // Composed (NFC) as most text is, so that a pattern typed with composed letters finds
            // text written with combining marks too, as Swift's string comparison would.
            var scalars = Array(text.unicodeScalars)
            if !scalars.allSatisfy(Self.isComposedWhatever) { scalars = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars) }
            var sentences = PatternSentences(scalars)
            let folded = scalars.map(ScalarClass.fold)
            for (patternIndex, entry) in compiled.enumerated() {
                var matcher = PatternMatcher(entry.program, text: scalars, folded: folded)
                let matches: [PatternMatcher.Match]
                do { matches = try matcher.matches() } catch {
                    throw Diagnostic("the pattern '\(entry.pattern.source)' needs more than \(PatternMatcher.defaultBudget) steps on \(file.isNull ? "row \(rowIndex + 1)" : "'\(file.plainText)'") (\(scalars.count) characters); a pattern that repeats a repetition over a long text costs that much, so simplify it",
                                     at: entry.pattern.location)
                }
                for match in matches {
                    func text(ofGroup name: String) -> String? {
                        entry.program.groupNames.filter { $0.value == name }.keys.sorted().lazy
                            .compactMap { match.range($0) }.first.map { String(String.UnicodeScalarView(scalars[$0])) }
                    }
                    var value = Value.null
                    if let captured = text(ofGroup: "value") {
                        let digits = captured.hasSuffix("%") ? captured.dropLast().trimmingCharacters(in: .whitespaces) : captured
                        switch numbers.read(digits) {
                        case .int(let number)?: value = .decimal(Decimal(number))
                        case .decimal(let number)?: value = .decimal(number)
                        case nil: value = .null
                        }
                    }
                    let extras = extraNames.map { name in text(ofGroup: name).map(Value.string) ?? .null }
                    let whole = match.range(0)!
                    rows.append((rowIndex, whole.lowerBound, patternIndex,
                                 [file, .string(entry.pattern.name), value, .string(sentences.sentence(around: whole))] + extras))
                }
            }
        }
        rows.sort { ($0.file, $0.offset, $0.pattern) < ($1.file, $1.offset, $1.pattern) }
        let columns = [Column("file", .string), Column("name", .string), Column("value", .decimal), Column("sentence", .string)]
            + extraNames.map { Column($0, .string) }
        return Table(columns: columns, rows: rows.map(\.row))
    }

    /// The pattern as a program: `{number}` made a named group `value` that matches the
    /// locale's numbers, spaces made `\s+`, case ignored.
    private static func compile(_ pattern: Pattern, locale: ReportLocale) throws -> PatternProgram {
        let number = numberPattern(locale)
        var source = pattern.source.replacingOccurrences(of: "{number}", with: "(?<value>\(number))")
        source = source.replacingOccurrences(of: " ", with: "\\s+")
        do {
            return try PatternProgram(source.precomposedStringWithCanonicalMapping, ignoresCase: true)
        } catch let invalid as PatternProgram.Invalid {
            throw Diagnostic("'\(pattern.source)' is not a valid pattern: \(invalid.message)", at: pattern.location)
        }
    }

    /// Whether a text of such scalars is composed already, whatever their order: none
    /// decomposes or combines with the scalar before it (Latin and its Vietnamese letters,
    /// general punctuation), so the normalization, which costs as much as the matching, is
    /// spared. Checked against Python's `unicodedata` (Unicode 14).
    private static func isComposedWhatever(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x300 || (0x1E00..<0x1F00).contains(value) || (0x2002..<0x2070).contains(value)
    }

    /// `1.382`, `95,5`, `95,5%` in vi-VN: digits grouped by the locale's separator or not, an
    /// optional fraction after its decimal mark, an optional percent sign.
    private static func numberPattern(_ locale: ReportLocale) -> String {
        let decimal = NSRegularExpression.escapedPattern(for: locale.decimalSeparator)
        var grouping = NSRegularExpression.escapedPattern(for: locale.groupingSeparator)
        if locale.groupingSeparator.unicodeScalars.contains(where: { $0.properties.isWhitespace }) { grouping = "[\\s\\u00A0\\u202F]" }
        return "[-+]?(?:\\d{1,3}(?:\(grouping)\\d{3})+|\\d+)(?:\(decimal)\\d+)?(?:\\s?%)?(?!\\d)"
    }
}

public enum PatternPlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [PatternExtractor.self]
}
