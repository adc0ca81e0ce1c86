/// The order in which a recipe's sources and extractors run: each after every table it reads.
/// Sources come first in recipe order; extractors follow in recipe order as far as their
/// inputs allow. A cycle is an error; references to unknown ids are ``RecipeLoader``'s to report.
public struct Plan: Sendable {
    public enum Step: Sendable, Hashable {
        case source(Int)
        case extractor(Int)
    }

    public private(set) var steps: [Step]

    public init(_ recipe: Recipe) throws {
        var diagnostics = Diagnostics()
        steps = recipe.sources.indices.map(Step.source)
        let extractorIndex = Dictionary(uniqueKeysWithValues: recipe.extractors.enumerated().map { ($1.id, $0) })
        let dependencies = recipe.extractors.map { extractor in
            Set(extractor.references.compactMap { extractorIndex[$0.id] })
        }
        var done = Set<Int>()
        while done.count < recipe.extractors.count {
            guard let next = recipe.extractors.indices.first(where: { !done.contains($0) && dependencies[$0].isSubset(of: done) }) else {
                break
            }
            done.insert(next)
            steps.append(.extractor(next))
        }
        for cycle in Self.cycles(among: recipe.extractors.indices.filter { !done.contains($0) }, dependencies: dependencies) {
            let names = cycle.map { recipe.extractors[$0].id }
            let path = (names + [names[0]]).joined(separator: " -> ")
            let message = names.count == 1 ? "extractor '\(names[0])' reads its own table; its input must be another source or extractor"
                : "extractors \(names.map { "'\($0)'" }.joined(separator: ", ")) read each other in a cycle: \(path)"
            diagnostics.append(Diagnostic(message, at: recipe.extractors[cycle[0]].location))
        }
        try diagnostics.throwIfAny()
    }

    /// Each cycle once, starting at its earliest member; extractors that only wait on a cycle
    /// are not reported, since breaking the cycle frees them.
    private static func cycles(among stuck: [Int], dependencies: [Set<Int>]) -> [[Int]] {
        var cycles: [[Int]] = [], reported = Set<Int>()
        let stuckSet = Set(stuck)
        for start in stuck where !reported.contains(start) {
            var path: [Int] = [], position: [Int: Int] = [:], current = start
            // Every stuck extractor waits on another stuck one, so this walk always closes a loop.
            while position[current] == nil {
                position[current] = path.count
                path.append(current)
                guard let next = dependencies[current].filter(stuckSet.contains).min() else { break }
                current = next
            }
            guard let loopStart = position[current], !reported.contains(current) else { continue }
            var cycle = Array(path[loopStart...])
            let first = cycle.firstIndex(of: cycle.min()!)!
            cycle = Array(cycle[first...] + cycle[..<first])
            cycles.append(cycle)
            reported.formUnion(cycle)
        }
        return cycles
    }
}
