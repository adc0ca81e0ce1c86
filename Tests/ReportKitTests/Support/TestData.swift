import Foundation

/// Paths to the conformance data shared by the team, `../shared/testdata` beside the checkout.
enum TestData {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let shared = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/testdata")
}
