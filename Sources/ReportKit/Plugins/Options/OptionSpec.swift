/// What one option of a plugin (or one key of the recipe) accepts.
///
/// Option specs are the single description of the recipe format: validation checks recipes
/// against them, `reportgen plugins NAME` prints them and `reportgen schema` turns them into a
/// JSON Schema. A plugin's specs are made from its ``PluginOptions`` declaration; the core's
/// own keys (``RecipeKeys``, ``LayoutBlocks``) are written as specs.
public struct OptionSpec: Sendable {
    public var name: String
    public var type: OptionType
    public var isRequired: Bool
    public var defaultValue: OptionDefault?
    /// One line, as `reportgen plugins` shows it.
    public var doc: String
    /// A value as it would appear in a recipe, for docs and the schema.
    public var example: String?

    public init(
        _ name: String, _ type: OptionType, required: Bool = false, default defaultValue: OptionDefault? = nil,
        doc: String, example: String? = nil
    ) {
        self.name = name
        self.type = type
        isRequired = required
        self.defaultValue = defaultValue
        self.doc = doc
        self.example = example
    }
}

/// A default that applies when an option is absent.
public enum OptionDefault: Sendable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case bool(Bool)

    public var description: String {
        switch self {
        case .string(let text): return text
        case .int(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        }
    }
}

/// The shape of a value a recipe writes for an option.
public indirect enum OptionType: Sendable {
    /// Any scalar, read as text (`2025` is the text "2025").
    case string
    case integer
    /// An integer or a decimal.
    case number
    case boolean
    /// One of a fixed set of words.
    case choice([String])
    /// The id of a source or extractor whose table this option reads.
    case reference
    /// The name of a column of an input table (see ``InputColumn``).
    case column
    /// Seconds (`90`), or a number with units: `90s`, `2m`, `1h30m`, `500ms`.
    case duration
    /// A file or glob relative to the recipe's folder.
    case inputPath
    /// A file path relative to the output folder that must stay inside it.
    case outputPath
    /// An expression (see the recipe format's "Expressions").
    case expression
    /// A Mustache template.
    case template
    /// A YAML list; a single item may be written without the list.
    case list(OptionType)
    /// A mapping from names the recipe chooses to values of one type.
    case map(OptionType)
    /// A mapping with fixed keys.
    case record([OptionSpec])
    /// The first of several shapes that the value has.
    case anyOf([OptionType])
    /// Any YAML value; the plugin checks it.
    case anyValue

    /// Words for error messages and docs: "a list of table ids".
    public var phrase: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .number: return "a number"
        case .boolean: return "true or false"
        case .choice(let words): return "one of " + words.map { "'\($0)'" }.joined(separator: ", ")
        case .reference: return "a table id"
        case .column: return "a column of the input"
        case .duration: return "a duration (90, 90s, 2m, 1h30m)"
        case .inputPath: return "a file path or glob"
        case .outputPath: return "a path inside the output folder"
        case .expression: return "an expression"
        case .template: return "a template"
        case .list(let item): return "a list of \(item.pluralPhrase)"
        case .map(let value): return "a mapping of names to \(value.pluralPhrase)"
        case .record(let specs): return "a mapping with keys " + specs.map(\.name).joined(separator: ", ")
        case .anyOf(let types): return types.map(\.phrase).joined(separator: " or ")
        case .anyValue: return "any value"
        }
    }

    private var pluralPhrase: String {
        switch self {
        case .string: return "strings"
        case .integer: return "integers"
        case .number: return "numbers"
        case .boolean: return "booleans"
        case .reference: return "table ids"
        case .column: return "columns of the input"
        case .inputPath: return "file paths"
        case .expression: return "expressions"
        case .template: return "templates"
        default: return "values (\(phrase))"
        }
    }
}
