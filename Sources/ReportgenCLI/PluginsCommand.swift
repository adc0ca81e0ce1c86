import ArgumentParser
import ReportKit

/// `reportgen plugins [NAME]`: the built-in plugins, or one plugin's options.
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List the plugins, or show one plugin's options.")

    @Argument(help: "A plugin type, such as csv.")
    var name: String?

    func run() throws {
        let registry = BuiltInPlugins.registry
        guard let name else {
            Console.print(PluginDocs.list(registry))
            return
        }
        let matches = PluginKind.allCases.compactMap { kind in registry.plugin(kind: kind, type: name).map { (kind, $0) } }
        guard !matches.isEmpty else {
            let all = Set(PluginKind.allCases.flatMap { registry.types(of: $0) }).sorted()
            throw ValidationError("there is no plugin '\(name)'" + Suggestion.hint(for: name, in: all))
        }
        Console.print(matches.map { PluginDocs.describe($1, kind: $0) }.joined(separator: "\n"))
    }
}

/// Plugin documentation as text, from the option specs.
enum PluginDocs {
    static func list(_ registry: PluginRegistry) -> String {
        var lines: [String] = []
        for kind in PluginKind.allCases {
            lines.append("\(kind.rawValue.capitalized)s:")
            let types = registry.types(of: kind)
            let width = types.map(\.count).max() ?? 0
            for type in types {
                let plugin = registry.plugin(kind: kind, type: type)!
                lines.append("  " + type.padding(to: width) + "  " + plugin.summary)
            }
            if types.isEmpty { lines.append("  (none)") }
            lines.append("")
        }
        lines.append("`reportgen plugins NAME` shows a plugin's options.")
        return lines.joined(separator: "\n")
    }

    static func describe(_ plugin: any Plugin.Type, kind: PluginKind) -> String {
        var lines = ["\(plugin.type) \(kind.rawValue): \(plugin.summary)", "", "Options:"]
        var common = RecipeKeys.commonKeys(of: kind)
        common[0].type = .choice([plugin.type])
        common[0].example = nil
        let specs = common + plugin.options
        let width = specs.map(\.name.count).max() ?? 0
        for spec in specs {
            var detail = spec.isRequired ? "required" : "optional"
            if let value = spec.defaultValue { detail += ", default \(value)" }
            lines.append("  " + spec.name.padding(to: width) + "  " + spec.doc + " (\(detail))")
            let indent = String(repeating: " ", count: width + 4)
            lines.append(indent + "takes " + spec.type.phrase)
            if let example = spec.example { lines.append(indent + "e.g. \(spec.name): \(example)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func padding(to width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}

/// `reportgen schema`: the JSON Schema of the recipe format.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of recipes, with every plugin's options, for editors.")

    func run() throws {
        print(RecipeSchema.make(BuiltInPlugins.registry).text(), terminator: "")
    }
}
