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

    public init(options: Options, setup: PluginSetup) throws {
        self.options = options
        patterns = options.patterns.map { Pattern(name: $0.name, source: $0.value, location: $0.location) }
        textLocale = options.locale
        // Compiled here too, so that `validate` reports a bad pattern before anything runs.
        for pattern in patterns { _ = try Self.compile(pattern, locale: textLocale ?? setup.locale) }
    }

    public func extract(inputs: [String: Table], context: RunContext) throws -> Table {
        let table = try options.input.table(in: inputs)
        let column = try options.column.index(in: table)
        let fileColumn = table.columnIndex(named: "file")
        let locale = textLocale ?? context.locale
        let numbers = NumberReader(locale: locale)
        let compiled = try patterns.map { (pattern: $0, regex: try Self.compile($0, locale: locale)) }
        let extraNames = compiled.flatMap { Self.groupNames(in: $0.pattern.source) }.reduce(into: [String]()) { names, name in
            if !names.contains(name), !["value", "file", "name", "sentence"].contains(name) { names.append(name) }
        }
        var rows: [(file: Int, offset: Int, pattern: Int, row: Row)] = []
        for (rowIndex, row) in table.rows.enumerated() {
            guard case .string(let text) = row[column] else { continue }
            let file = fileColumn.map { row[$0] } ?? .null
            for (patternIndex, entry) in compiled.enumerated() {
                for match in text.matches(of: entry.regex) {
                    var value = Value.null
                    if let captured = match.output["value"]?.substring {
                        let digits = captured.hasSuffix("%") ? captured.dropLast().trimmingCharacters(in: .whitespaces) : String(captured)
                        switch numbers.read(digits) {
                        case .int(let number)?: value = .decimal(Decimal(number))
                        case .decimal(let number)?: value = .decimal(number)
                        case nil: value = .null
                        }
                    }
                    let extras = extraNames.map { name in match.output[name]?.substring.map { Value.string(String($0)) } ?? .null }
                    let sentence = Self.sentence(around: match.range, in: text)
                    let offset = text.distance(from: text.startIndex, to: match.range.lowerBound)
                    rows.append((rowIndex, offset, patternIndex, [file, .string(entry.pattern.name), value, .string(sentence)] + extras))
                }
            }
        }
        rows.sort { ($0.file, $0.offset, $0.pattern) < ($1.file, $1.offset, $1.pattern) }
        let columns = [Column("file", .string), Column("name", .string), Column("value", .decimal), Column("sentence", .string)]
            + extraNames.map { Column($0, .string) }
        return Table(columns: columns, rows: rows.map(\.row))
    }

    /// The pattern as a regular expression: `{number}` made a named group `value` that matches
    /// the locale's numbers, spaces made `\s+`.
    private static func compile(_ pattern: Pattern, locale: ReportLocale) throws -> Regex<AnyRegexOutput> {
        let number = numberPattern(locale)
        var source = pattern.source.replacingOccurrences(of: "{number}", with: "(?<value>\(number))")
        source = source.replacingOccurrences(of: " ", with: "\\s+")
        do {
            return try Regex(source).ignoresCase()
        } catch {
            throw Diagnostic("'\(pattern.source)' is not a valid regular expression: \(error)", at: pattern.location)
        }
    }

    /// `1.382`, `95,5`, `95,5%` in vi-VN: digits grouped by the locale's separator or not, an
    /// optional fraction after its decimal mark, an optional percent sign.
    private static func numberPattern(_ locale: ReportLocale) -> String {
        let decimal = NSRegularExpression.escapedPattern(for: locale.decimalSeparator)
        var grouping = NSRegularExpression.escapedPattern(for: locale.groupingSeparator)
        if locale.groupingSeparator.unicodeScalars.contains(where: { $0.properties.isWhitespace }) { grouping = "[\\s\\u00A0\\u202F]" }
        return "[-+]?(?:\\d{1,3}(?:\(grouping)\\d{3})+|\\d+)(?:\(decimal)\\d+)?(?:\\s?%)?(?!\\d)"
    }

    private static func groupNames(in source: String) -> [String] {
        guard let regex = try? Regex("\\(\\?<([A-Za-z_][A-Za-z0-9_]*)>") else { return [] }
        return source.matches(of: regex).compactMap { $0.output[1].substring.map(String.init) }
    }

    /// The sentence containing `range`: from after the previous sentence end (`.`, `!`, `?` or
    /// `;` before white space, or a blank line) to the next, white space collapsed. A `.`
    /// between digits (`1.382`) ends nothing.
    static func sentence(around range: Range<String.Index>, in text: String) -> String {
        let characters = Array(text)
        let start = text.distance(from: text.startIndex, to: range.lowerBound)
        let end = text.distance(from: text.startIndex, to: range.upperBound)
        func endsSentence(_ index: Int) -> Bool {
            guard index >= 0, index < characters.count else { return false }
            let character = characters[index]
            if character == "\n", index + 1 < characters.count, characters[index + 1] == "\n" { return true }
            guard ".!?;".contains(character) else { return false }
            return index + 1 >= characters.count || characters[index + 1].isWhitespace
        }
        var first = start
        while first > 0, !endsSentence(first - 1) { first -= 1 }
        var last = max(end - 1, start)
        while last < characters.count - 1, !endsSentence(last) { last += 1 }
        let sentence = String(characters[first...min(last, characters.count - 1)])
        return sentence.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

public enum PatternPlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [PatternExtractor.self]
}
