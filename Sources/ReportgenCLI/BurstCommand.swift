import ArgumentParser
import Foundation
import ReportKit

/// `reportgen burst RECIPE --param ward --values a,b | --from TABLE.COLUMN`: one report per
/// value of a param (every ward, every branch), each the same run as `reportgen run --set
/// ward=VALUE`, run in parallel on the machine's cores. A shard (`--shard K/N`) takes every
/// N-th unit from the K-th, so that GNU parallel, a Kubernetes Indexed Job or a Slurm array
/// spreads the units over machines without a scheduler of ours.
struct BurstCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "burst",
        abstract: "Make one report per value of a param (each ward, each branch), in parallel.",
        discussion: """
            Each unit is the run `reportgen run RECIPE --set PARAM=VALUE` would make. Name the unit in the \
            outputs' paths ({{params.ward}}) or in --out (default: out/{{params.PARAM}}). A unit that fails \
            does not stop the others; the exit status is 1 when any failed, and a summary names them.
            """)

    @Argument(help: "The recipe file.")
    var recipe: String

    @Option(help: ArgumentHelp("The param that names the unit.", valueName: "name"))
    var param: String

    @Option(help: ArgumentHelp("The units, separated by commas.", valueName: "a,b,c"))
    var values: String?

    @Option(help: ArgumentHelp("Take the units from a column of one of the recipe's tables (its distinct values, in order).",
                               valueName: "table.column"))
    var from: String?

    @Option(help: ArgumentHelp("Run only shard K of N: the units K, K+N, K+2N, ... (from 1).", valueName: "K/N"))
    var shard: String?

    @Option(help: ArgumentHelp("How many units run at once (default: the machine's cores).", valueName: "n"))
    var jobs: Int?

    @Option(help: ArgumentHelp("The folder the outputs are written into; may name the unit as {{params.PARAM}}.", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Write only the outputs of these types.", valueName: "types"))
    var only: String?

    @Flag(name: [.short, .long], help: "Print nothing but errors and warnings, and no progress.")
    var quiet = false

    @OptionGroup var settings: RecipeSettings

    func validate() throws {
        guard (values == nil) != (from == nil) else { throw ValidationError("give the units with --values or --from, not both or neither") }
        if let from, from.split(separator: ".").count != 2 { throw ValidationError("--from needs TABLE.COLUMN, not '\(from)'") }
        _ = try parsedShard()
        if let jobs, jobs < 1 { throw ValidationError("--jobs needs 1 or more") }
        let known = BuiltInPlugins.registry.types(of: .output)
        for type in (only ?? "").split(separator: ",").map(String.init) where !known.contains(type) {
            throw ValidationError("--only: there is no output type '\(type)'" + Suggestion.hint(for: type, in: known))
        }
    }

    /// `(k, n)` of `--shard K/N`, from 1.
    func parsedShard() throws -> (k: Int, n: Int)? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else {
            throw ValidationError("--shard needs K/N with 1 ≤ K ≤ N, such as 2/8, not '\(shard)'")
        }
        return (k, n)
    }

    func run() throws {
        let loaded = try settings.load(recipe)
        guard loaded.params.contains(where: { $0.name == param }) else {
            throw ValidationError("the recipe has no param '\(param)'" + Suggestion.hint(for: param, in: loaded.params.map(\.name)))
        }
        var units = try values.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            ?? unitsFromTable(loaded)
        units = units.reduce(into: [String]()) { list, unit in if !list.contains(unit) { list.append(unit) } }
        if let (k, n) = try parsedShard() { units = units.enumerated().filter { $0.offset % n == k - 1 }.map(\.element) }
        let placeholder = "{{params.\(param)}}"
        let namedInPaths = loaded.outputs.contains { $0.writtenPath.contains(placeholder) }
        let folder = out ?? (namedInPaths ? "out" : "out/\(placeholder)")
        guard namedInPaths || folder.contains(placeholder) else {
            throw ValidationError("the units would overwrite one another's files: name the unit in --out (\(folder)/\(placeholder)) "
                                  + "or in the outputs' paths")
        }
        let runs = UnitRuns(recipe: recipe, param: param, folder: folder, only: only.map { Set($0.split(separator: ",").map(String.init)) },
                            settings: try UnitRuns.Settings(settings), quiet: quiet)
        let results = runs.run(units, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        let failed = results.filter { $0.failure != nil }
        let summary = "burst: \(results.count) unit\(results.count == 1 ? "" : "s") of '\(param)': \(results.count - failed.count) written"
            + (failed.isEmpty ? "" : ", \(failed.count) failed: " + failed.map { "'\($0.unit)'" }.joined(separator: ", "))
        if failed.isEmpty {
            if !quiet { Console.print(summary) }
        } else {
            Console.printError(summary + "\n")
            throw ExitCode(1)
        }
    }

    /// The distinct values of `--from TABLE.COLUMN`, in the table's order; nulls left out.
    private func unitsFromTable(_ loaded: Recipe) throws -> [String] {
        let parts = (from ?? "").split(separator: ".").map(String.init)
        let ids = loaded.sources.map(\.id) + loaded.extractors.map(\.id)
        guard ids.contains(parts[0]) else { throw ValidationError("--from: the recipe has no table '\(parts[0])'" + Suggestion.hint(for: parts[0], in: ids)) }
        let table: Table?
        do { table = try settings.runner.makeTable(parts[0], of: loaded) } catch {
            Console.report(error)
            throw ExitCode(1)
        }
        guard let table, let column = table.columnIndex(named: parts[1]) else {
            throw ValidationError("--from: table '\(parts[0])' has no column '\(parts[1])'" + Suggestion.hint(for: parts[1], in: table?.columnNames ?? []))
        }
        return table.rows.compactMap { $0[column].isNull ? nil : $0[column].plainText }
    }
}
