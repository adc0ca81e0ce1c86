import Foundation

/// The run manifest (`run --manifest`): `manifest.json` beside the outputs, which proves what a
/// report was made from: reportgen's version, the recipe's SHA-256, every input file with size
/// and SHA-256, the settings of the run (`--period`, `--set`, `--as-of`, `--only`), and every
/// output with size and SHA-256. It holds no time and no machine's paths (inputs are named
/// relative to the recipe, outputs relative to the output folder), so two runs on the same
/// data write the same bytes, and one changed input byte changes them.
public struct Manifest: Sendable {
    public static let fileName = "manifest.json"

    /// What the command line set.
    public struct Settings: Sendable {
        public var period: String?
        public var overrides: [(name: String, value: String)]
        public var asOf: String?
        public var only: [String]?

        public init(period: String? = nil, overrides: [(name: String, value: String)] = [], asOf: String? = nil, only: [String]? = nil) {
            self.period = period
            self.overrides = overrides
            self.asOf = asOf
            self.only = only
        }
    }

    public var version: String
    public var settings: Settings

    public init(version: String, settings: Settings) {
        self.version = version
        self.settings = settings
    }

    /// The manifest of a run of `recipe` that made `report` and rendered `outputs`.
    public func bytes(recipe: Recipe, report: Report, outputs: [OutputWriter.File]) throws -> [UInt8] {
        let recipeBytes = try Array(Data(contentsOf: recipe.file))
        var inputs: [String: InputFile] = [:]
        for lineage in report.lineage.values {
            for file in lineage.files { inputs[file.path] = file }
        }
        let period: JSONValue = report.period.map {
            .object([("start", .string($0.start.description)), ("end", .string($0.end.description)), ("every", .string($0.every.rawValue))])
        } ?? .null
        let manifest = JSONValue.object([
            ("reportgen", .string(version)),
            ("recipe", .object([("file", .string(recipe.file.lastPathComponent)), ("size", .int(recipeBytes.count)),
                                ("sha256", .string(FileDigest.bytes(recipeBytes)))])),
            ("settings", .object([
                ("period", settings.period.map(JSONValue.string) ?? .null),
                ("set", .object(settings.overrides.map { ($0.name, .string($0.value)) })),
                ("as_of", settings.asOf.map(JSONValue.string) ?? .null),
                ("only", settings.only.map { .array($0.sorted().map(JSONValue.string)) } ?? .null),
            ])),
            ("period", period),
            ("inputs", .array(inputs.keys.sorted().map { path in
                let file = inputs[path]!
                return .object([("path", .string(path)), ("size", .int(file.size)), ("sha256", .string(file.sha256))])
            })),
            ("outputs", .array(outputs.sorted { $0.path < $1.path }.map { file in
                .object([("path", .string(file.path)), ("size", .int(file.bytes.count)), ("sha256", .string(FileDigest.bytes(file.bytes)))])
            })),
        ])
        return Array((manifest.text() + "\n").utf8)
    }
}
