import ArgumentParser

/// `reportgen`: turns data into periodic summary reports from a YAML recipe.
public struct ReportgenCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "reportgen",
        abstract: "Turn data into periodic summary reports, from a YAML recipe.",
        version: "0.1.0",
        subcommands: [RunCommand.self, ValidateCommand.self, ExplainCommand.self, PluginsCommand.self, SchemaCommand.self, InitCommand.self]
    )

    public init() {}
}
