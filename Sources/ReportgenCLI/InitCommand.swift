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
        # `reportgen plugins` lists the sources, extractors and outputs; `reportgen validate` checks this file.
        reportgen: 1
        title: Library visits {{period.label}}
        subtitle: A starter report
        locale: en-US
        period: {from: 2025-01, to: 2025-03, every: month}

        params:
          monthly_target: 400

        sources:
          visits:                      # one table per source, named by its id
            type: csv
            path: data/visits.csv      # relative to this file
            columns: {date: date, visits: int}

        extractors:
          per_month:
            type: aggregate
            input: visits
            group_by: [period(date)]
            measures: {visits: sum(visits)}
          against_target:
            type: compare
            input: per_month
            value: visits
            target: params.monthly_target
          totals:
            type: aggregate
            input: visits
            measures: {visits: sum(visits), branches: count_distinct(branch)}

        layout:
          - metrics:
              - {label: Visits, value: totals.visits}
          - text: |
              {{totals.branches}} branches counted {{totals.visits}} visits in {{period.label}}.
              {{#against_target}}{{period}}: {{visits}} ({{status}} the target of {{target}}).
              {{/against_target}}
          - chart: {type: bar, table: per_month, x: period, y: visits, title: Visits per month}
          - table: against_target
            columns: {period: Month, visits: Visits, target: Target, status: Status}

        outputs:                       # written into the --out folder (default ./out)
          - {type: text, path: report.txt}
          - {type: html, path: report.html}
          - {type: csv, table: per_month, path: visits-per-month.csv}

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
