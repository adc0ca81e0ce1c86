import Dispatch
import Foundation
import ReportKit
import Synchronization

/// Runs the units of a burst, `jobs` at a time: each unit is a whole run of the recipe with
/// the unit's value set, independent of the others (a unit that fails leaves the others
/// running). Parallelism sits here, above the runner, never inside plugins.
struct UnitRuns: Sendable {
    /// What the command line says about every unit's run.
    struct Settings: Sendable {
        var overrides: [(name: String, value: String)]
        var period: String?
        var asOf: CivilDate
        var strict: Bool
        var pushdown: Bool
        var environment: [String: String]

        init(_ settings: RecipeSettings) throws {
            overrides = try settings.parsedOverrides()
            period = settings.period
            asOf = try settings.parsedAsOf()
            strict = settings.strict
            pushdown = !settings.noPushdown
            environment = settings.environment
        }
    }

    struct Outcome: Sendable {
        var unit: String
        var folder: String = ""
        var files: [URL] = []
        var warnings: [Diagnostic] = []
        var failure: Diagnostics?
    }

    let recipe: String
    let param: String
    /// The output folder, naming the unit as `{{params.PARAM}}`.
    let folder: String
    let only: Set<String>?
    let settings: Settings
    let quiet: Bool

    func run(_ units: [String], jobs: Int) -> [Outcome] {
        let queue = UnitQueue(count: units.count)
        let progress = ProgressLine(total: units.count, shown: !quiet && isatty(STDERR_FILENO) == 1)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, units.count))) { _ in
            while let index = queue.next() {
                let outcome = run(units[index])
                queue.store(outcome, at: index)
                progress.finished(failed: outcome.failure != nil) { report(outcome) }
            }
        }
        progress.end()
        return queue.outcomes
    }

    private func run(_ unit: String) -> Outcome {
        var outcome = Outcome(unit: unit)
        do {
            let loader = RecipeLoader(registry: BuiltInPlugins.registry, environment: settings.environment,
                                      paramOverrides: settings.overrides + [(param, unit)], periodOverride: settings.period, asOf: settings.asOf)
            let loaded = try loader.load(file: URL(fileURLWithPath: recipe, relativeTo: RecipeSession.workingDirectory).standardizedFileURL,
                                         displayPath: recipe)
            switch OutputPath.expand(folder, period: loaded.period, params: [param: .string(unit)]) {
            case .failure(let problem): throw Diagnostic("--out \(folder): " + problem.message, at: nil)
            case .success(let path): outcome.folder = path
            }
            var runner = Runner(workingDirectory: RecipeSession.workingDirectory, environment: settings.environment)
            runner.pushdown = settings.pushdown
            let written = try runner.run(loaded, outputDirectory: URL(fileURLWithPath: outcome.folder, relativeTo: RecipeSession.workingDirectory)
                .standardizedFileURL, only: only, strict: settings.strict)
            outcome.files = written.files
            outcome.warnings = written.warnings
        } catch {
            var diagnostics = Diagnostics()
            diagnostics.append(error)
            outcome.failure = diagnostics
        }
        return outcome
    }

    /// What a finished unit prints: its errors and warnings (always), what it wrote (unless quiet).
    private func report(_ outcome: Outcome) {
        let name = "\(param)=\(outcome.unit)"
        if let failure = outcome.failure {
            Console.printError("\(name): failed\n")
            Console.report(failure)
            return
        }
        if !outcome.warnings.isEmpty {
            Console.printError("\(name): \(outcome.warnings.count) warning\(outcome.warnings.count == 1 ? "" : "s")\n")
            outcome.warnings.forEach(Console.report)
        }
        if !quiet {
            Console.print("\(name): wrote \(outcome.files.count) file\(outcome.files.count == 1 ? "" : "s") in \(outcome.folder)")
        }
    }
}

/// The units still to run, and the outcomes of those that ran, shared by the workers.
final class UnitQueue: Sendable {
    private struct State {
        var next = 0
        var outcomes: [UnitRuns.Outcome?]
    }

    private let state: Mutex<State>
    private let count: Int

    init(count: Int) {
        self.count = count
        state = Mutex(State(outcomes: Array(repeating: nil, count: count)))
    }

    func next() -> Int? {
        state.withLock { state in
            guard state.next < count else { return nil }
            defer { state.next += 1 }
            return state.next
        }
    }

    func store(_ outcome: UnitRuns.Outcome, at index: Int) {
        state.withLock { $0.outcomes[index] = outcome }
    }

    /// In the units' order.
    var outcomes: [UnitRuns.Outcome] { state.withLock { $0.outcomes.compactMap { $0 } } }
}
