/// One option of a plugin, declared once: its key is the property's name in snake case
/// (`fixedDecimals` is `fixed_decimals`), its shape the property's type (see ``OptionValue``),
/// its default the property's initial value. A property without one is required, unless its
/// type is an `Optional`.
///
///     @Option(doc: "how many rows", example: "5") var limit: Int
///     @Option(doc: "largest first") var descending = true
///     @Option(doc: "field separator") var delimiter: String?
///
/// The wrapped value is the recipe's value, read and checked; `$limit` is its ``OptionSite``,
/// for an error at the value.
@propertyWrapper
public struct Option<Value: OptionValue>: Sendable, Decodable {
    private enum State: Sendable {
        /// In `Options()`, as declared: the default, if any.
        case declared(Value?)
        case decoded(Value, OptionSite)
    }

    let doc: String
    let example: String?
    private let state: State

    public init(wrappedValue: Value, doc: String, example: String? = nil) {
        self.doc = doc
        self.example = example
        state = .declared(wrappedValue)
    }

    public init(doc: String, example: String? = nil) {
        self.doc = doc
        self.example = example
        state = .declared(nil)
    }

    public var wrappedValue: Value {
        switch state {
        case .decoded(let value, _): return value
        case .declared(let value):
            guard let value = value ?? Value.absent else {
                preconditionFailure("a required option is read in a declaration, Options(), instead of the decoded options")
            }
            return value
        }
    }

    public var projectedValue: OptionSite {
        guard case .decoded(_, let site) = state else {
            preconditionFailure("an option's site is read in a declaration, Options(), instead of the decoded options")
        }
        return site
    }

    public init(from decoder: any Decoder) throws {
        let field = try OptionField.of(decoder)
        guard let declared = field.declaration as? Self, case .declared(let defaultValue) = declared.state else {
            throw OptionField.misuse(decoder)
        }
        doc = declared.doc
        example = declared.example
        let site = field.site
        if let node = field.node {
            state = .decoded(try Value(option: node, at: site), site)
        } else if let value = defaultValue ?? Value.absent {
            state = .decoded(value.placed(at: site), site)
        } else {
            throw PluginProblem.missing(site, doc: doc)
        }
    }
}

extension Option: OptionDeclaration {
    func specs(key: String) -> [OptionSpec] {
        guard case .declared(let defaultValue) = state else { return [] }
        return [OptionSpec(key, Value.optionType, required: defaultValue == nil && Value.absent == nil,
                           default: defaultValue?.documentedDefault, doc: doc, example: example)]
    }

    var writtenSites: [OptionSite] {
        guard case .decoded(_, let site) = state, site.isWritten else { return [] }
        return [site]
    }
}

extension Option: TableReferenceOption where Value == TableReference {
    var reference: TableReference? {
        guard case .decoded(let value, _) = state else { return nil }
        return value
    }
}

/// What every option wrapper tells the core: the specs it declares under its key, and, once
/// decoded, which of its options the recipe writes.
protocol OptionDeclaration: Sendable {
    func specs(key: String) -> [OptionSpec]
    var writtenSites: [OptionSite] { get }
}

/// An option holding a table reference, the default table of ``InputColumn``s.
protocol TableReferenceOption {
    var reference: TableReference? { get }
}
