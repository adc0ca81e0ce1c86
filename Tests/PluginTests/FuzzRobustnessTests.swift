import Foundation
import ReportgenFuzzing
import ReportKit
import ReportgenTesting
import Testing

/// Seeded mutation tests: each input kind's seeds (fuzz/corpus, the libFuzzer targets' seed
/// corpus) and a fixed set of mutations of them, run as `validate` runs a recipe. The same
/// inputs on every run and machine, and fast; libFuzzer runs far more of them for hours (see
/// fuzz/run.sh). None may trap, overflow the stack, hang or fail without a diagnostic.
@Suite struct FuzzRobustnessTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fuzz/corpus")
    static let mutationsPerKind = 120

    static func seeds(_ kind: FuzzKind) throws -> [[UInt8]] {
        let folder = corpus.appendingPathComponent(kind.rawValue)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            Array(try Data(contentsOf: folder.appendingPathComponent($0)))
        }
    }

    @Test(arguments: FuzzKind.allCases)
    func seedsAndTheirMutationsMeetALimitOrADiagnostic(kind: FuzzKind) throws {
        let seeds = try Self.seeds(kind)
        #expect(!seeds.isEmpty, "fuzz/corpus/\(kind.rawValue) has no seeds")
        let workspace = try FuzzWorkspace()
        var mutator = Mutator(seed: 0x5EED &+ UInt64(FuzzKind.allCases.firstIndex(of: kind)!))
        var inputs = seeds
        for index in 0..<Self.mutationsPerKind { inputs.append(mutator.mutate(seeds[index % seeds.count])) }
        var slowest: (Duration, Int) = (.zero, 0)
        var ran = 0
        for (index, input) in inputs.enumerated() {
            let started = ThreadTime.now
            switch workspace.run(kind, input) {
            case .ran: ran += 1
            case .refused(let diagnostics):
                #expect(!diagnostics.isEmpty && diagnostics.allSatisfy { !$0.message.isEmpty })
            case .unexpected(let error):
                Issue.record("\(kind) input \(index): an error without a place: \(error)")
            }
            let took = ThreadTime.now - started
            if took > slowest.0 { slowest = (took, index) }
        }
        // The seeds are valid inputs (but the recipes that need data of their own folders).
        if kind != .recipe { #expect(ran >= 1, "\(kind): no input ran through") }
        // A hang shows as this test not ending; this bounds the slowest input's CPU time loosely
        // (a debug build, maybe with AddressSanitizer), far below what quadratic work took.
        #expect(slowest.0 < .seconds(30), "\(kind) input \(slowest.1) took \(slowest.0)")
    }
}
