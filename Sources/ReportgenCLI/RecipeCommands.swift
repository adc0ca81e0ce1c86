import ArgumentParser
import Foundation
import ReportKit

/// What both `run` and `validate` take to load a recipe as a run would: params overridden, the
/// period moved, "today" set.
struct RecipeSettings: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a param of the recipe.", valueName: "name=value"))
    var overrides: [String] = []

    @Option(help: ArgumentHelp("Report on another period: 2025, 2025-Q3, 2025-03, 2021..2026, last-year, ytd, ...",
                               valueName: "period"))
    var period: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Take this date as today for relative periods.", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Flag(help: "Treat every warning as an error: exit 1 and write nothing.")
    var strict = false

    func validate() throws {
        _ = try parsedOverrides()
        let today = try parsedAsOf()
        if let period {
            do { _ = try PeriodArgument.parse(period, asOf: today, every: nil) } catch { throw ValidationError(String(describing: error)) }
        }
    }

    func parsedAsOf() throws -> CivilDate {
        guard let asOf else { return .today }
        guard let date = CivilDate(iso: asOf) else { throw ValidationError("--as-of needs a date written YYYY-MM-DD, not '\(asOf)'") }
        return date
    }

    func parsedOverrides() throws -> [(name: String, value: String)] {
        try overrides.map { pair in
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw ValidationError("--set needs name=value, not '\(pair)'")
            }
            return (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
        }
    }

    @Option(help: ArgumentHelp("The Chromium program that prints pdf outputs (else REPORTGEN_CHROMIUM, else chromium on the PATH).",
                               valueName: "path"))
    var chromium: String?

    /// The environment outputs see: the process's, with `--chromium` as `REPORTGEN_CHROMIUM`.
    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        if let chromium {
            environment["REPORTGEN_CHROMIUM"] = URL(fileURLWithPath: chromium, relativeTo: RecipeSession.workingDirectory).standardizedFileURL.path
        }
        return environment
    }

    /// The recipe at `path`, loaded with these settings (see ``RecipeSession/load``).
    func load(_ path: String, reportErrors: Bool = true) throws -> Recipe {
        try RecipeSession.load(path, overrides: parsedOverrides(), period: period, asOf: parsedAsOf(), reportErrors: reportErrors)
    }
}

/// `reportgen run RECIPE`: runs a recipe and writes its outputs.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a recipe and write its outputs, all of them or none.")

    @Argument(help: "The recipe file.")
    var recipe: String

    @Option(help: "The folder the outputs are written into.")
    var out: String = "out"

    @Option(help: ArgumentHelp("Write only the outputs of these types.", valueName: "types"))
    var only: String?

    @Flag(name: [.short, .long], help: "Print nothing but errors (for cron).")
    var quiet = false

    @Flag(help: "Also write manifest.json: reportgen's version, the recipe's and every input's SHA-256, the settings, every output's SHA-256.")
    var manifest = false

    @OptionGroup var settings: RecipeSettings

    func validate() throws {
        // An empty folder name would write into the current folder, which no one means.
        if out.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--out needs a folder name; '' is none") }
        let known = BuiltInPlugins.registry.types(of: .output)
        for type in onlyTypes ?? [] where !known.contains(type) {
            throw ValidationError("--only: there is no output type '\(type)'" + Suggestion.hint(for: type, in: known))
        }
    }

    private var onlyTypes: [String]? {
        only.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    func run() throws {
        let loaded = try settings.load(recipe)
        let only = onlyTypes.map(Set.init)
        if let only, !loaded.outputs.contains(where: { only.contains($0.type) }) {
            Console.printError("error: the recipe has no output of type \(only.sorted().joined(separator: " or "))\n")
            throw ExitCode(1)
        }
        let outputDirectory = URL(fileURLWithPath: out, relativeTo: RecipeSession.workingDirectory).standardizedFileURL
        do {
            var runner = Runner(workingDirectory: RecipeSession.workingDirectory, environment: settings.environment)
            runner.digestsInputs = manifest
            let record = manifest ? Manifest(version: ReportgenCommand.configuration.version, settings: Manifest.Settings(
                period: settings.period, overrides: try settings.parsedOverrides(), asOf: settings.asOf, only: onlyTypes)) : nil
            let written = try runner.run(loaded, outputDirectory: outputDirectory, only: only, strict: settings.strict, manifest: record)
            // Warnings show even under --quiet: a report of zeros from cron must not pass unseen.
            written.warnings.forEach(Console.report)
            for file in written.files where !quiet { Console.print("wrote \(DisplayPath.of(file, relativeTo: RecipeSession.workingDirectory))") }
        } catch {
            Console.report(error)
            throw ExitCode(1)
        }
    }
}

/// `reportgen validate RECIPE...`: checks recipes without writing anything. Like `vector
/// validate`, it goes on to read the data and compute every table (a typo in a column name or
/// a cell that is not a number shows only then) unless told to check the recipe alone.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check recipes and report every error at once, without writing anything.")

    @Argument(help: "The recipe files.")
    var recipes: [String]

    @Flag(name: .customLong("no-data"), help: "Check the recipes alone: do not read their data, compute or render.")
    var recipeOnly = false

    @OptionGroup var settings: RecipeSettings

    func run() throws {
        var failed = false
        for path in recipes {
            do {
                let recipe = try settings.load(path, reportErrors: false)
                var warnings = recipe.warnings
                if !recipeOnly {
                    warnings = try Runner(workingDirectory: RecipeSession.workingDirectory, environment: settings.environment).render(recipe, strict: settings.strict).warnings
                } else if settings.strict, !warnings.isEmpty {
                    throw Diagnostics(warnings.map(\.asError))
                }
                warnings.forEach(Console.report)
                Console.print("\(path): ok (\(recipe.sources.count) sources, \(recipe.extractors.count) extractors, \(recipe.outputs.count) outputs"
                              + (recipeOnly ? "; data not read)" : "; data read, every output rendered)"))
            } catch {
                Console.report(error)
                let count = (error as? Diagnostics)?.errors.count ?? 1
                Console.printError("\(path): \(count) error\(count == 1 ? "" : "s")\n")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}

/// Loading a recipe the way every command does.
enum RecipeSession {
    static var workingDirectory: URL {
        URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    }

    /// The validated recipe; on errors prints them (unless asked not to) and exits with status 1.
    static func load(_ path: String, overrides: [(name: String, value: String)] = [], period: String? = nil,
                     asOf: CivilDate = .today, reportErrors: Bool = true) throws -> Recipe {
        let loader = RecipeLoader(registry: BuiltInPlugins.registry,
                                  environment: ProcessInfo.processInfo.environment,
                                  paramOverrides: overrides, periodOverride: period, asOf: asOf)
        do {
            return try loader.load(file: URL(fileURLWithPath: path, relativeTo: workingDirectory).standardizedFileURL,
                                   displayPath: path)
        } catch {
            guard reportErrors else { throw error }
            Console.report(error)
            throw ExitCode(1)
        }
    }
}
