/// The recipe format as a JSON Schema (draft 2020-12), built from the same option specs that
/// validation uses, so that editors complete and check what reportgen accepts.
public enum RecipeSchema {
    public static func make(_ registry: PluginRegistry) -> JSONValue {
        var properties: [(String, JSONValue)] = []
        for spec in RecipeKeys.topLevel {
            switch spec.name {
            case "sources": properties.append((spec.name, tableMap(registry, .source, spec)))
            case "extractors": properties.append((spec.name, tableMap(registry, .extractor, spec)))
            case "outputs":
                // As everywhere a list is expected, one output may be written without the list.
                guard case .object(let list) = listOrItem(plugin(registry, .output)) else { continue }
                properties.append((spec.name, .object([("description", .string(spec.doc))] + list)))
            case "layout":
                let blocks = LayoutBlocks.kinds.map { record($0.keys, doc: "a \($0.name) block", required: [$0.name]) }
                properties.append((spec.name, .object([
                    ("description", .string(spec.doc)), ("type", .string("array")),
                    ("items", .object([("anyOf", .array(blocks + [.object([("enum", .array(LayoutBlocks.bareWords.map(JSONValue.string)))])]))])),
                ])))
            default: properties.append((spec.name, schema(for: spec)))
            }
        }
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("title", .string("reportgen recipe, format version \(RecipeKeys.formatVersion)")),
            ("type", .string("object")),
            ("required", .array(RecipeKeys.topLevel.filter(\.isRequired).map { .string($0.name) })),
            ("additionalProperties", .bool(false)),
            ("properties", .object(properties)),
        ])
    }

    private static func tableMap(_ registry: PluginRegistry, _ kind: PluginKind, _ spec: OptionSpec) -> JSONValue {
        .object([
            ("description", .string(spec.doc)), ("type", .string("object")),
            ("propertyNames", .object([("pattern", .string("^[A-Za-z_][A-Za-z0-9_]*$"))])),
            ("additionalProperties", plugin(registry, kind)),
        ])
    }

    /// A plugin configuration of `kind`: `type` is one of the kind's types, and the options are
    /// those of the plugin it names. Each plugin is an `if` on its `type` with its options as
    /// `then`, so that a validator or an editor reports a misspelt key of the plugin the recipe
    /// means ("'pahth' was unexpected"), not that no plugin matches.
    private static func plugin(_ registry: PluginRegistry, _ kind: PluginKind) -> JSONValue {
        let types = registry.types(of: kind)
        let branches: [JSONValue] = types.compactMap { registry.plugin(kind: kind, type: $0) }.map { plugin in
            var keys = RecipeKeys.commonKeys(of: kind)
            keys[0].type = .choice([plugin.type])
            keys[0].example = nil
            return .object([
                ("if", .object([("properties", .object([("type", .object([("const", .string(plugin.type))]))])),
                                ("required", .array([.string("type")]))])),
                ("then", record(keys + plugin.options, doc: "\(plugin.type) \(kind.rawValue): \(plugin.summary)")),
            ])
        }
        return .object([
            ("type", .string("object")),
            ("required", .array([.string("type")])),
            ("properties", .object([("type", .object([("description", .string("the \(kind.rawValue) plugin")),
                                                      ("enum", .array(types.map(JSONValue.string)))]))])),
            ("allOf", .array(branches)),
        ])
    }

    static func record(_ specs: [OptionSpec], doc: String?, required extra: [String] = []) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        if let doc { pairs.append(("description", .string(doc))) }
        pairs.append(("type", .string("object")))
        let required = extra + specs.filter(\.isRequired).map(\.name).filter { !extra.contains($0) }
        if !required.isEmpty { pairs.append(("required", .array(required.map(JSONValue.string)))) }
        pairs.append(("additionalProperties", .bool(false)))
        pairs.append(("properties", .object(specs.map { ($0.name, schema(for: $0)) })))
        return .object(pairs)
    }

    private static func schema(for spec: OptionSpec) -> JSONValue {
        guard case .object(var pairs) = schema(for: spec.type) else { return .null }
        pairs.insert(("description", .string(spec.doc)), at: 0)
        switch spec.defaultValue {
        case .string(let text)?: pairs.append(("default", .string(text)))
        case .int(let value)?: pairs.append(("default", .int(value)))
        case .bool(let flag)?: pairs.append(("default", .bool(flag)))
        case nil: break
        }
        if let example = spec.example { pairs.append(("examples", .array([exampleValue(example)]))) }
        return .object(pairs)
    }

    /// An example as the value a recipe holds: `5` a number, `[year, ward]` a list, so that an
    /// editor offers it as written.
    static func exampleValue(_ text: String) -> JSONValue {
        guard let node = try? YAMLLoader().load(text, file: "example").first else { return .string(text) }
        return json(node, depth: 0)
    }

    /// The JSON of a YAML value (of our own examples; deeper than a few levels is cut).
    static func json(_ node: YAMLNode, depth: Int) -> JSONValue {
        guard depth < 8 else { return .null }
        switch node.content {
        case .sequence(let items): return .array(items.map { json($0, depth: depth + 1) })
        case .mapping(let pairs): return .object(pairs.map { ($0.key.scalarText ?? "", json($0.value, depth: depth + 1)) })
        case .scalar(let text, _):
            switch node.resolved {
            case .null: return .null
            case .bool(let flag): return .bool(flag)
            case .int(let value): return .int(value)
            case .float(let written): return Double(written)?.isFinite == true ? .number(written) : .string(text)
            default: return .string(text)
            }
        }
    }

    /// A list of `item`s, or one item without the list. An `if` on the shape, not an `anyOf`,
    /// so that a validator reports the error inside the item rather than that neither matched.
    static func listOrItem(_ item: JSONValue) -> JSONValue {
        .object([
            ("if", .object([("type", .string("array"))])),
            ("then", .object([("type", .string("array")), ("items", item)])),
            ("else", item),
        ])
    }

    static func schema(for type: OptionType) -> JSONValue {
        switch type {
        case .string, .expression, .template, .inputPath, .outputPath:
            return .object([("type", .array([.string("string"), .string("number"), .string("boolean")]))])
        // A number may be written as a param (`params.n`).
        case .integer, .number:
            let isInteger = if case .integer = type { true } else { false }
            return .object([("anyOf", .array([
                .object([("type", .string(isInteger ? "integer" : "number"))]),
                .object([("type", .string("string")), ("pattern", .string("^params\\.[A-Za-z_][A-Za-z0-9_]*$"))]),
            ]))])
        case .boolean: return .object([("type", .string("boolean"))])
        case .choice(let words) where words.count == 1: return .object([("const", .string(words[0]))])
        case .choice(let words): return .object([("enum", .array(words.map(JSONValue.string)))])
        case .column: return .object([("type", .string("string"))])
        case .duration:
            return .object([("anyOf", .array([
                .object([("type", .string("integer")), ("minimum", .int(0))]),
                .object([("type", .string("string")), ("pattern", .string("^([0-9]+(ms|s|m|h))+$|^params\\.[A-Za-z_][A-Za-z0-9_]*$"))]),
            ]))])
        case .reference: return .object([("type", .string("string")), ("pattern", .string("^[A-Za-z_][A-Za-z0-9_]*$"))])
        case .list(let item): return listOrItem(schema(for: item))
        case .map(let value):
            return .object([("type", .string("object")), ("additionalProperties", schema(for: value))])
        case .record(let specs): return record(specs, doc: nil)
        case .anyOf(let types): return .object([("anyOf", .array(types.map(schema(for:))))])
        case .anyValue: return .object([])
        }
    }
}
