/// Decodes an ``OptionRecord`` from its YAML mapping, as swift-argument-parser decodes a
/// command: the compiler's `Decodable` synthesis calls each property wrapper's
/// `init(from:)` with the property's name as key; this decoder hands the wrapper an
/// ``OptionField``: the value's node, its ``OptionSite`` and the wrapper as declared in
/// `Options()` (which holds the doc and the default). A wrapper that fails records its
/// error and stands in as declared, so that every option's error is reported at once.
final class OptionDecoder: Decoder {
    let node: YAMLNode?
    let setup: PluginSetup
    /// Where an absent option points: the plugin, or the mapping that would hold it.
    let anchor: SourceLocation
    /// The wrappers of `Options()`, by property name.
    let declarations: [String: any OptionDeclaration]
    /// Put before keys in messages: `margins.` for the keys of `margins`.
    let keyPrefix: String
    var problems = Diagnostics()
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(node: YAMLNode?, setup: PluginSetup, anchor: SourceLocation, declarations: [String: any OptionDeclaration], keyPrefix: String) {
        self.keyPrefix = keyPrefix
        self.node = node
        self.setup = setup
        self.anchor = anchor
        self.declarations = declarations
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(OptionContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw OptionField.misuse(self) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw OptionField.misuse(self) }
}

/// What one property wrapper is decoded from.
final class OptionField: Decoder {
    let decoder: OptionDecoder
    let key: String
    let declaration: any OptionDeclaration
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(decoder: OptionDecoder, key: String, declaration: any OptionDeclaration) {
        self.decoder = decoder
        self.key = key
        self.declaration = declaration
    }

    /// The value's node; `nil` when the recipe leaves the option out (or writes null).
    var node: YAMLNode? {
        guard let value = decoder.node?[key], value.resolved != .null else { return nil }
        return value
    }

    var site: OptionSite {
        OptionSite(key: decoder.keyPrefix + key, location: node?.location ?? decoder.anchor, isWritten: node != nil, setup: decoder.setup)
    }

    /// The same field, for a wrapper that holds another (``InputColumn`` holds an ``Option``).
    func redeclared(_ inner: any OptionDeclaration) -> OptionField {
        OptionField(decoder: decoder, key: key, declaration: inner)
    }

    static func of(_ decoder: any Decoder) throws -> OptionField {
        guard let field = decoder as? OptionField else { throw misuse(decoder) }
        return field
    }

    /// A wrapper decoded by another decoder, or a stored property that is not an option: a
    /// mistake in a plugin, not in a recipe.
    static func misuse(_ decoder: any Decoder) -> Diagnostic {
        Diagnostic("internal: options are read only through @Option, @InputColumn and @OptionGroup properties "
                   + "decoded by reportgen (\(decoder.codingPath.map(\.stringValue).joined(separator: ".")))", at: nil)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> { throw Self.misuse(self) }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw Self.misuse(self) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw Self.misuse(self) }
}

private struct OptionContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: OptionDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let declaration = decoder.declarations[key.stringValue] else { throw OptionField.misuse(decoder) }
        let field = OptionField(decoder: decoder, key: OptionKeys.recipeKey(forProperty: key.stringValue), declaration: declaration)
        do {
            return try T(from: field)
        } catch {
            // Recorded, and the declaration stands in, so that the other options are read too.
            decoder.problems.append(error)
            guard let standIn = declaration as? T else { throw error }
            return standIn
        }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw OptionField.misuse(decoder)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw OptionField.misuse(decoder) }
    func superDecoder() throws -> any Decoder { throw OptionField.misuse(decoder) }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw OptionField.misuse(decoder) }
}

/// How a property's name becomes a recipe key: `groupBy` is `group_by`, `` `as` `` is `as`.
enum OptionKeys {
    static func recipeKey(forProperty name: String) -> String {
        let bare = name.hasPrefix("_") ? String(name.dropFirst()) : name
        var key = ""
        for character in bare {
            if character.isUppercase {
                key += "_" + character.lowercased()
            } else {
                key.append(character)
            }
        }
        return key
    }
}
