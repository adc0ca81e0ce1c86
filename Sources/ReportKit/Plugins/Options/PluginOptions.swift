/// A plugin's options, declared once as the properties of a type:
///
///     public struct Options: PluginOptions {
///         @Option(doc: "the table", example: "sales") var input: TableReference
///         @InputColumn(holding: .number, doc: "the column to rank by") var by: ColumnName
///         @Option(doc: "how many rows", example: "5") var limit: Int
///         @Option(doc: "largest first") var descending = true
///         public init() {}
///     }
///
/// From that one declaration come the option specs (validation with did-you-mean,
/// `reportgen plugins`, `reportgen schema`), the typed values the plugin reads (a misspelt
/// name does not compile) and each default, written once.
///
/// Why property wrappers read through `Mirror`, as swift-argument-parser's `@Option` does,
/// and not a macro or a hand-written `Decodable` description: a wrapper keeps the name, the
/// type, the default and the doc in one line of ordinary Swift; `Mirror` over `Options()`
/// lists the declarations in order for the specs, and the compiler's `Decodable` synthesis
/// reads each property by its own name, so no key is ever written as a string. A macro
/// would do the same at compile time but costs a swift-syntax build (minutes on CI) for no
/// gain a user sees; a description beside the properties would be the two descriptions the
/// wrappers replace.
///
/// Contract: every stored property is an ``Option``, an ``InputColumn`` or an
/// ``OptionGroup``, and `init()` gives the declarations.
public protocol OptionRecord: OptionValue, Decodable {
    init()
}

/// The options of a plugin (see ``OptionRecord``).
public protocol PluginOptions: OptionRecord {}

extension OptionRecord {
    /// The options this type declares, in declaration order, a group's in its place.
    public static var specs: [OptionSpec] {
        declarations.flatMap { $0.declaration.specs(key: OptionKeys.recipeKey(forProperty: $0.property)) }
    }

    /// The wrappers of `Self()`, with their property names (without the wrapper's `_`).
    static var declarations: [(property: String, declaration: any OptionDeclaration)] {
        Mirror(reflecting: Self()).children.compactMap { child in
            guard let label = child.label, let declaration = child.value as? any OptionDeclaration else { return nil }
            return (label.hasPrefix("_") ? String(label.dropFirst()) : label, declaration)
        }
    }

    /// Reads the options from `node`, a mapping checked against ``specs``; every error is thrown
    /// at once. `anchor` is where an absent option points.
    public static func decode(_ node: YAMLNode?, setup: PluginSetup, anchor: SourceLocation? = nil, keyPrefix: String = "") throws -> Self {
        let decoder = OptionDecoder(node: node, setup: setup, anchor: anchor ?? setup.location,
                                    declarations: Dictionary(declarations.map { ($0.property, $0.declaration) }) { first, _ in first },
                                    keyPrefix: keyPrefix)
        let options = try Self(from: decoder)
        try decoder.problems.throwIfAnyAsFound()
        return options
    }

    /// The options the recipe writes, with their places: for a check of options that belong
    /// together (`issuer` only with `style: vn-official`).
    public var written: [OptionSite] {
        Mirror(reflecting: self).children.flatMap { ($0.value as? any OptionDeclaration)?.writtenSites ?? [] }
    }

    /// The columns that ``InputColumn`` options name, each with the tables it belongs to.
    public var columnUses: [ColumnUse] {
        let children = Mirror(reflecting: self).children
        let firstTable = children.lazy.compactMap { ($0.value as? any TableReferenceOption)?.reference }.first
        return children.compactMap { child in
            guard let label = child.label, let column = child.value as? any InputColumnOption else { return nil }
            let tables = column.tables.isEmpty ? [firstTable].compactMap { $0 }
                : column.tables.compactMap { path in self[keyPath: path as AnyKeyPath] as? TableReference }
            return ColumnUse(key: OptionKeys.recipeKey(forProperty: label), names: column.names, tables: tables, need: column.need)
        }
    }

    // As the value of an option: a mapping with these keys (`margins: {top: 20, ...}`).
    public static var optionType: OptionType { .record(specs) }

    public init(option node: YAMLNode, at site: OptionSite) throws {
        self = try Self.decode(node, setup: site.setup, anchor: node.location, keyPrefix: site.key + ".")
    }
}

/// Options declared in another type, read from the same mapping as the options beside them,
/// as swift-argument-parser's `@OptionGroup`: the number options every document output takes,
/// the `html` options that `pdf` takes too.
@propertyWrapper
public struct OptionGroup<Group: OptionRecord>: Sendable, Decodable {
    public let wrappedValue: Group

    public init() { wrappedValue = Group() }

    public init(from decoder: any Decoder) throws {
        let field = try OptionField.of(decoder)
        wrappedValue = try Group.decode(field.decoder.node, setup: field.decoder.setup, anchor: field.decoder.anchor,
                                        keyPrefix: field.decoder.keyPrefix)
    }
}

extension OptionGroup: OptionDeclaration {
    func specs(key: String) -> [OptionSpec] { Group.specs }
    var writtenSites: [OptionSite] { wrappedValue.written }
}
