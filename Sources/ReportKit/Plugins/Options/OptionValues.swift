import Foundation

/// The id of a source or extractor whose table the plugin reads. The plan runs that table
/// first and hands it to the extractor in `inputs`.
extension TableReference: OptionValue {
    public static var optionType: OptionType { .reference }

    public init(option node: YAMLNode, at site: OptionSite) throws {
        self.init(id: node.scalarText ?? "", location: node.location)
    }

    /// The table among an extractor's inputs (the runner passes every table it names).
    public func table(in inputs: [String: Table]) throws -> Table {
        guard let table = inputs[id] else { throw Diagnostic("the table '\(id)' is not available", at: location) }
        return table
    }
}

/// An expression (see the recipe format's "Expressions"), placed in the recipe; its syntax is
/// checked when the recipe loads, its types once the input's columns are known.
extension ExpressionText: OptionValue {
    public static var optionType: OptionType { .expression }
    public init(option node: YAMLNode, at site: OptionSite) throws { self.init(node) }
}

/// A Mustache template, as written, with its place for errors.
public struct TemplateText: OptionValue {
    public var text: String
    public var node: YAMLNode
    /// The option it is written at, for messages.
    public var key: String

    public static var optionType: OptionType { .template }

    public init(option node: YAMLNode, at site: OptionSite) throws {
        text = node.scalarText ?? ""
        self.node = node
        key = site.key
    }
}

/// A query (SQL) as the recipe writes it, placed so that an error at an offset of the query
/// points at that character of the recipe.
public struct QueryText: OptionValue {
    public var text: String
    public var node: YAMLNode

    public static var optionType: OptionType { .string }

    public init(option node: YAMLNode, at site: OptionSite) throws {
        text = node.scalarText ?? ""
        self.node = node
    }

    /// Where the query's character at `offset` is written (the query itself when it spans lines).
    public func location(at offset: Int) -> SourceLocation {
        ExpressionText(node).location(at: offset)
    }
}

/// A file or a glob relative to the recipe's folder: `data/*.csv`.
public struct InputPath: OptionValue {
    public var pattern: String
    public var site: OptionSite

    public static var optionType: OptionType { .inputPath }

    public init(option node: YAMLNode, at site: OptionSite) throws {
        pattern = node.scalarText ?? ""
        self.site = site
    }

    /// The files it names, in byte order of their paths, matched once per loaded recipe; none
    /// is an error at the option, with a did-you-mean among the folder's files.
    public func files() throws -> [URL] {
        try site.setup.inputFiles.files(pattern, in: site.setup.recipeDirectory, at: site.location)
    }

    /// The one file it names, for a source that reads one (`what`: "database", "workbook").
    public func oneFile(reading what: String) throws -> URL {
        let files = try files()
        guard files.count == 1 else {
            throw site.error("'\(pattern)' matches \(files.count) files; \(site.setup.type) reads one \(what)")
        }
        return files[0]
    }
}

/// A locale, by its BCP 47 tag (`vi-VN`); an unknown one is an error at the option.
extension ReportLocale: OptionValue {
    public static var optionType: OptionType { .string }

    public init(option node: YAMLNode, at site: OptionSite) throws {
        let tag = node.scalarText ?? ""
        guard let locale = ReportLocale(tag) else { throw site.error(ReportLocale.unknownMessage(tag)) }
        self = locale
    }
}

/// A text encoding by name (`windows-1258`).
extension TextEncoding: OptionValue {
    public static var optionType: OptionType { .choice(names) }

    public init(option node: YAMLNode, at site: OptionSite) throws {
        guard let encoding = node.scalarText.flatMap(TextEncoding.named) else {
            throw PluginProblem.badShape(site, node: node, type: Self.optionType)
        }
        self = encoding
    }
}

/// A span of time: seconds as a number (`90`), or with units, `90s`, `2m`, `1h30m`, `500ms`.
extension Duration: OptionValue {
    public static var optionType: OptionType { .duration }

    public init(option node: YAMLNode, at site: OptionSite) throws {
        if let name = ParamReference.name(in: node) {
            guard case .int(let seconds)? = site.setup.params[name] else {
                throw site.mustBe("a number of seconds", not: "params.\(name), \(site.setup.params[name]?.plainText ?? "which does not exist")")
            }
            self = .seconds(seconds)
            return
        }
        if case .int(let seconds) = node.resolved {
            self = .seconds(seconds)
            return
        }
        guard let text = node.scalarText, let duration = Self.parse(text) else {
            throw site.mustBe("a duration such as 90, 90s, 2m or 1h30m", not: node.kindDescription)
        }
        self = duration
    }

    /// `1h30m`, `90s`, `500ms`: numbers each with a unit, largest first or not.
    static func parse(_ text: String) -> Duration? {
        var total = Duration.zero, digits = "", rest = Substring(text)
        // Short texts only, so that no sum of parts can overflow.
        guard !rest.isEmpty, rest.count <= 24 else { return nil }
        while let first = rest.first {
            if first.isASCII, first.isNumber {
                digits.append(first)
                rest = rest.dropFirst()
                continue
            }
            guard !digits.isEmpty, digits.count <= 10, let amount = Int64(digits) else { return nil }
            if rest.hasPrefix("ms") {
                total += .milliseconds(amount)
                rest = rest.dropFirst(2)
            } else if let unit = ["s": Int64(1), "m": 60, "h": 3600][String(first)] {
                total += .seconds(amount * unit)
                rest = rest.dropFirst()
            } else {
                return nil
            }
            digits = ""
        }
        return digits.isEmpty ? total : nil
    }

    public var documentedDefault: OptionDefault? {
        let seconds = components.seconds
        guard components.attoseconds == 0 else { return .string("\(seconds * 1000 + components.attoseconds / 1_000_000_000_000_000)ms") }
        if seconds % 3600 == 0 { return .string("\(seconds / 3600)h") }
        if seconds % 60 == 0 { return .string("\(seconds / 60)m") }
        return .string("\(seconds)s")
    }

    /// Whole seconds, rounded up: what a timeout needs.
    public var wholeSeconds: Int64 {
        components.seconds + (components.attoseconds > 0 ? 1 : 0)
    }
}
