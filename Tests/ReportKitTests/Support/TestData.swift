import Foundation

/// Paths to the conformance data shared by the team, `../shared/testdata` beside the checkout.
enum TestData {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let shared = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/testdata")

    /// Whether tests of the shared data run: when it is there, and always under CI (`CI=true`),
    /// where its absence must fail them rather than skip them. A fresh clone without it skips
    /// them, and Swift Testing prints why.
    static let runsSharedTests = FileManager.default.fileExists(atPath: shared.path)
        || ProcessInfo.processInfo.environment["CI"] == "true"
}
