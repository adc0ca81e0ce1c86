// swift-tools-version: 6.0
import PackageDescription

/// Plugin modules under `Plugins/`. Adding a plugin module is one line here plus one line in
/// `Sources/ReportgenCLI/BuiltInPlugins.swift`; the target and the CLI's dependency follow.
let pluginModules = [
    "AggregatePlugins",
    "CSVPlugins",
    "HTMLPlugins",
    "InlinePlugins",
    "JSONPlugins",
    "MarkdownPlugins",
    "PatternPlugins",
    "SQLPlugins",
    "SharePlugins",
    "TextPlugins",
    "XLSXPlugins",
]

/// What a plugin module needs besides ReportKit.
let pluginDependencies: [String: [Target.Dependency]] = [
    "SQLPlugins": ["CSQLite"],
    "XLSXPlugins": [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
]

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "reportgen",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "reportgen", targets: ["reportgen"]),
        .library(name: "ReportKit", targets: ["ReportKit"]),
        .library(name: "ReportgenTesting", targets: ["ReportgenTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            path: "Sources/CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .target(
            name: "ReportKit",
            dependencies: ["CYAML", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ReportgenCLI",
            dependencies: [
                "ReportKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ] + pluginModules.map { .target(name: $0) },
            swiftSettings: strictSettings
        ),
        .target(name: "ReportgenTesting", dependencies: ["ReportKit"], swiftSettings: strictSettings),
        .executableTarget(name: "reportgen", dependencies: ["ReportgenCLI"], swiftSettings: strictSettings),
        .testTarget(
            name: "ReportKitTests",
            dependencies: ["ReportKit", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PluginTests",
            dependencies: ["ReportKit", "ReportgenTesting"] + pluginModules.map { .target(name: $0) },
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ReportgenTests",
            dependencies: ["ReportgenCLI", "reportgen"],
            exclude: ["Golden"],
            swiftSettings: strictSettings
        ),
    ] + pluginModules.map {
        .target(name: $0, dependencies: ["ReportKit"] + (pluginDependencies[$0] ?? []), path: "Plugins/\($0)",
                swiftSettings: strictSettings)
    }
)
