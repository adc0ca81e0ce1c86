// swift-tools-version: 6.1
import PackageDescription

/// libFuzzer targets, one per kind of input (see `FuzzKind`), each running its inputs as
/// `reportgen validate` runs a recipe. Built by fuzz/run.sh with
/// `-sanitize=fuzzer,address`; never part of the reportgen package's own build.
let kinds = ["Recipe", "Expression", "CSV", "JSON", "XLSX", "XLS", "Text", "Pattern", "SQLite"]

let package = Package(
    name: "reportgen-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "reportgen", path: "..")],
    targets: kinds.map { kind in
        .executableTarget(name: "Fuzz\(kind)", dependencies: [.product(name: "ReportgenFuzzing", package: "reportgen")],
                          path: "Sources", exclude: kinds.filter { $0 != kind }.map { "Fuzz\($0).swift" },
                          sources: ["Fuzz\(kind).swift"],
                          // No top-level code: the target's entry hands libFuzzer's driver the function it fuzzes.
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    },
    swiftLanguageModes: [.v5]
)
