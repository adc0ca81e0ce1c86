import ArgumentParser
import Foundation
import ReportKit

/// `reportgen explain RECIPE [TABLE[.COLUMN]]`: where a figure came from.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show where a figure came from: its steps, files, rows read and, with --rows, the source rows that make it.")

    @Argument(help: "The recipe file.")
    var recipe: String

    @Argument(help: ArgumentHelp("The table, or one of its columns; without it, every table in a line.", valueName: "table[.column]"))
    var target: String?

    @Option(name: .customLong("where"), help: ArgumentHelp("Pick the row whose column has this value (a ward, a year).", valueName: "column=value"))
    var selections: [String] = []

    @Flag(help: "List the source rows that make the figure, with their file and line.")
    var rows = false

    @OptionGroup var settings: RecipeSettings

    func validate() throws {
        _ = try selecting()
        if rows, target == nil { throw ValidationError("--rows needs a table (or table.column) to explain") }
    }

    private func selecting() throws -> [String: String] {
        try Dictionary(selections.map { pair in
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw ValidationError("--where needs column=value, not '\(pair)'")
            }
            return (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
        }) { $1 }
    }

    func run() throws {
        let loaded = try settings.load(recipe)
        do {
            var runner = Runner(workingDirectory: RecipeSession.workingDirectory, environment: settings.environment)
            runner.digestsInputs = true
            let report = try runner.makeReport(loaded)
            let selection = try selecting()
            let table = target.map { String($0.split(separator: ".", maxSplits: 1)[0]) }
            let trace = try rows ? table.map { try RowTrace.trace(loaded, table: $0, selecting: selection, workingDirectory: RecipeSession.workingDirectory) } : nil
            Console.print(try Explanation(recipe: loaded, report: report).text(target: target, selecting: selection, rows: trace ?? nil),
                          terminator: "")
        } catch {
            Console.report(error)
            throw ExitCode(1)
        }
    }
}
