/// A type an ``Option`` can hold: it says what shape the recipe writes (for validation, the
/// docs and the schema) and reads itself from a node of that shape.
///
/// Contract: ``init(option:at:)`` is called only with a node that validation has checked
/// against ``optionType``; it throws a ``Diagnostic`` at `site` (or at a place inside the
/// node) for what the shape cannot say, such as an unknown locale.
public protocol OptionValue: Sendable {
    static var optionType: OptionType { get }
    init(option node: YAMLNode, at site: OptionSite) throws
    /// The default as `reportgen plugins` and the schema write it; `nil` when not shown.
    var documentedDefault: OptionDefault? { get }
    /// The value of an absent option without a default: `nil` for an `Optional`; none, which
    /// makes the option required, for every other type.
    static var absent: Self? { get }
    /// A default placed at the option (a default column name points where the plugin is
    /// declared). Default: itself.
    func placed(at site: OptionSite) -> Self
}

extension OptionValue {
    public var documentedDefault: OptionDefault? { nil }
    public static var absent: Self? { nil }
    public func placed(at site: OptionSite) -> Self { self }
}

extension String: OptionValue {
    /// Any scalar, as text: `2025` is the text "2025".
    public static var optionType: OptionType { .string }
    public init(option node: YAMLNode, at site: OptionSite) throws { self = node.scalarText ?? "" }
    public var documentedDefault: OptionDefault? { .string(self) }
}

extension Bool: OptionValue {
    public static var optionType: OptionType { .boolean }
    public init(option node: YAMLNode, at site: OptionSite) throws {
        guard case .bool(let value) = node.resolved else { throw PluginProblem.badShape(site, node: node, type: .boolean) }
        self = value
    }
    public var documentedDefault: OptionDefault? { .bool(self) }
}

/// An integer, or a param that holds one: `limit: params.top_n` (see ``ParamReference``).
extension Int: OptionValue {
    public static var optionType: OptionType { .integer }
    public init(option node: YAMLNode, at site: OptionSite) throws {
        if let name = ParamReference.name(in: node) {
            guard case .int(let value)? = site.setup.params[name] else {
                throw site.mustBe("an integer", not: "params.\(name), \(site.setup.params[name]?.plainText ?? "which does not exist")")
            }
            self = value
            return
        }
        guard case .int(let value) = node.resolved else { throw PluginProblem.badShape(site, node: node, type: .integer) }
        self = value
    }
    public var documentedDefault: OptionDefault? { .int(self) }
}

/// A number (an integer or a decimal), or a param that holds one.
extension Double: OptionValue {
    public static var optionType: OptionType { .number }
    public init(option node: YAMLNode, at site: OptionSite) throws {
        if let name = ParamReference.name(in: node) {
            switch site.setup.params[name] {
            case .int(let value)?: self = Double(value)
            case .decimal(let value)?: self = Double(value.description) ?? 0
            default: throw site.mustBe("a number", not: "params.\(name), \(site.setup.params[name]?.plainText ?? "which does not exist")")
            }
            return
        }
        guard let value = node.resolved.doubleValue, value.isFinite else { throw PluginProblem.badShape(site, node: node, type: .number) }
        self = value
    }
    public var documentedDefault: OptionDefault? {
        self == rounded() && abs(self) < 1e15 ? .int(Int(self)) : .string(String(self))
    }
}

/// An option that may be left out, without a default.
extension Optional: OptionValue where Wrapped: OptionValue {
    public static var optionType: OptionType { Wrapped.optionType }
    public init(option node: YAMLNode, at site: OptionSite) throws { self = try Wrapped(option: node, at: site) }
    public var documentedDefault: OptionDefault? { self?.documentedDefault }
    public static var absent: Self? { .some(nil) }
    public func placed(at site: OptionSite) -> Self { self?.placed(at: site) }
}

/// A list; a single item may be written without the list (`by: year` is `by: [year]`).
/// Every item's error is reported, not only the first.
extension Array: OptionValue where Element: OptionValue {
    public static var optionType: OptionType { .list(Element.optionType) }
    public init(option node: YAMLNode, at site: OptionSite) throws {
        var diagnostics = Diagnostics()
        self = (node.sequence ?? [node]).compactMap { item in diagnostics.collect { try Element(option: item, at: site.item(at: item)) } }
        try diagnostics.throwIfAnyAsFound()
    }
    public func placed(at site: OptionSite) -> Self { map { $0.placed(at: site) } }
}

/// A mapping from names the recipe chooses to values of one type, in the recipe's order:
/// `measures: {admitted: sum(count), rate: ...}`.
public struct OptionMap<Value: OptionValue>: OptionValue, Sequence {
    public struct Entry: Sendable {
        public var name: String
        public var value: Value
        /// Where the name is written.
        public var nameLocation: SourceLocation
        /// Where the value is written.
        public var location: SourceLocation
    }

    public var entries: [Entry]

    public init(_ entries: [Entry] = []) { self.entries = entries }

    public static var optionType: OptionType { .map(Value.optionType) }

    public init(option node: YAMLNode, at site: OptionSite) throws {
        var diagnostics = Diagnostics()
        entries = (node.mapping ?? []).compactMap { pair in
            guard let name = pair.key.scalarText else { return nil }
            return diagnostics.collect {
                Entry(name: name, value: try Value(option: pair.value, at: site.item(at: pair.value)),
                      nameLocation: pair.key.location, location: pair.value.location)
            }
        }
        try diagnostics.throwIfAnyAsFound()
    }

    public var names: [String] { entries.map(\.name) }
    public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }
}

/// An option that is one of a fixed set of words: an enum whose raw values are the words.
///
///     enum Better: String, OptionChoice { case higher, lower }
///     @Option(doc: "...") var better = Better.higher
public protocol OptionChoice: OptionValue, CaseIterable, RawRepresentable where RawValue == String {}

extension OptionChoice {
    public static var optionType: OptionType { .choice(allCases.map(\.rawValue)) }
    public init(option node: YAMLNode, at site: OptionSite) throws {
        guard let value = node.scalarText.flatMap(Self.init(rawValue:)) else {
            throw PluginProblem.badShape(site, node: node, type: Self.optionType)
        }
        self = value
    }
    public var documentedDefault: OptionDefault? { .string(rawValue) }
}
