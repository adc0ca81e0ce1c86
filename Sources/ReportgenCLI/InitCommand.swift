import ArgumentParser
import Foundation
import ReportKit

/// `reportgen init [NAME]`: a folder with a starter recipe and sample data that runs as it is.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a folder with a starter recipe and sample data.")

    @Argument(help: "The folder to create.")
    var name: String = "my-report"

    func run() throws {
        let folder = URL(fileURLWithPath: name, relativeTo: RecipeSession.workingDirectory).standardizedFileURL
        let fileManager = FileManager.default
        if let contents = try? fileManager.contentsOfDirectory(atPath: folder.path), !contents.isEmpty {
            Console.printError("error: '\(name)' already exists and is not empty; choose another name\n")
            throw ExitCode(1)
        }
        do {
            for file in StarterRecipe.files {
                let url = folder.appendingPathComponent(file.path)
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url, options: .withoutOverwriting)
            }
        } catch {
            Console.printError("error: cannot create '\(name)': \(error.localizedDescription)\n")
            throw ExitCode(1)
        }
        Console.print("""
            created \(name)/recipe.yaml and \(name)/data/visits.csv
            run it:  reportgen run \(name)/recipe.yaml --out \(name)/out
            """)
    }
}

/// The files `init` writes.
enum StarterRecipe {
    static let files: [(path: String, contents: String)] = [
        ("recipe.yaml", recipe),
        ("data/visits.csv", visits),
    ]

    static let recipe = """
        # A starter recipe: edit it, then run `reportgen run recipe.yaml`.
        # `reportgen plugins` lists what sources and outputs can do; `reportgen validate` checks this file.
        reportgen: 1
        title: Library visits
        subtitle: A starter report
        locale: en-US

        params:
          yearly_target: 5000

        sources:
          visits:                      # one table per source, named by its id
            type: csv
            path: data/visits.csv      # relative to this file
            columns: {date: date, visits: int}
          targets:
            type: inline
            rows:
              - {branch: Central, target: 3000}
              - {branch: Riverside, target: 2000}

        outputs:                       # written into the --out folder (default ./out)
          - {type: text, path: report.txt}
          - {type: csv, table: visits, path: visits.csv}

        """

    static let visits = """
        date,branch,visits
        2025-01-31,Central,240
        2025-01-31,Riverside,155
        2025-02-28,Central,262
        2025-02-28,Riverside,170
        2025-03-31,Central,281
        2025-03-31,Riverside,166

        """
}
