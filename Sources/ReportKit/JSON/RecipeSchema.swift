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
                properties.append((spec.name, .object([
                    ("description", .string(spec.doc)), ("type", .string("array")),
                    ("items", .object([("oneOf", .array(plugins(registry, .output)))])),
                ])))
            case "layout":
                let blocks = LayoutBlocks.kinds.map { record($0.keys, doc: "a \($0.name) block", required: [$0.name]) }
                properties.append((spec.name, .object([
                    ("description", .string(spec.doc)), ("type", .string("array")),
                    ("items", .object([("anyOf", .array(blocks + [.object([("const", .string("page_break"))])]))])),
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
            ("additionalProperties", .object([("oneOf", .array(plugins(registry, kind)))])),
        ])
    }

    private static func plugins(_ registry: PluginRegistry, _ kind: PluginKind) -> [JSONValue] {
        registry.types(of: kind).compactMap { registry.plugin(kind: kind, type: $0) }.map { plugin in
            var keys = RecipeKeys.commonKeys(of: kind)
            keys[0].type = .choice([plugin.type])
            return record(keys + plugin.options, doc: "\(plugin.type) \(kind.rawValue): \(plugin.summary)")
        }
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
        if let example = spec.example { pairs.append(("examples", .array([.string(example)]))) }
        return .object(pairs)
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
        case .choice(let words): return .object([("enum", .array(words.map(JSONValue.string)))])
        case .reference: return .object([("type", .string("string")), ("pattern", .string("^[A-Za-z_][A-Za-z0-9_]*$"))])
        case .list(let item):
            let itemSchema = schema(for: item)
            return .object([("anyOf", .array([.object([("type", .string("array")), ("items", itemSchema)]), itemSchema]))])
        case .map(let value):
            return .object([("type", .string("object")), ("additionalProperties", schema(for: value))])
        case .record(let specs): return record(specs, doc: nil)
        case .anyOf(let types): return .object([("anyOf", .array(types.map(schema(for:))))])
        case .anyValue: return .object([])
        }
    }
}
