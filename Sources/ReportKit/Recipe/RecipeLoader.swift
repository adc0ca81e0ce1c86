import Foundation

/// Reads a recipe file and checks all of it: YAML, every key, every plugin's options, every
/// reference, the plan. Throws ``Diagnostics`` with every error found, sorted by position.
public struct RecipeLoader: Sendable {
    public var registry: PluginRegistry
    public var environment: [String: String]
    /// `--set name=value`, applied over the recipe's `params`.
    public var paramOverrides: [(name: String, value: String)]
    /// `--period`, which replaces the recipe's period (keeping its `every` and `label`).
    public var periodOverride: String?
    /// Today, for relative periods (`--as-of`, else the system's date).
    public var asOf: CivilDate

    public init(registry: PluginRegistry, environment: [String: String] = [:], paramOverrides: [(name: String, value: String)] = [],
                periodOverride: String? = nil, asOf: CivilDate = .today) {
        self.registry = registry
        self.environment = environment
        self.paramOverrides = paramOverrides
        self.periodOverride = periodOverride
        self.asOf = asOf
    }

    /// Loads the recipe at `file`; `displayPath` is how messages name it.
    public func load(file: URL, displayPath: String) throws -> Recipe {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: file))
        } catch {
            let reason = FileManager.default.fileExists(atPath: file.path) ? "cannot be read" : "does not exist"
            throw Diagnostics([Diagnostic("recipe '\(displayPath)' \(reason)", at: nil)])
        }
        let documents: [YAMLNode]
        do {
            documents = try YAMLLoader().load(bytes: bytes, file: displayPath)
        } catch {
            throw Diagnostics([error])
        }
        guard let first = documents.first, first.resolved != .null else {
            throw Diagnostics([Diagnostic("the recipe is empty; `reportgen init` writes a starter recipe",
                                          at: SourceLocation(file: displayPath, line: 1, column: 1))])
        }
        if documents.count > 1 {
            throw Diagnostics([Diagnostic("a recipe is one YAML document, but this file has \(documents.count)",
                                          at: documents[1].location)])
        }
        return try build(from: first, file: file, displayPath: displayPath)
    }

    private func build(from document: YAMLNode, file: URL, displayPath: String) throws -> Recipe {
        var diagnostics = Diagnostics()
        let root = EnvironmentInterpolation.apply(to: document, environment: environment, diagnostics: &diagnostics)
        var validator = OptionValidator()
        validator.checkRecord(root, specs: RecipeKeys.topLevel, owner: "the recipe")
        validator.diagnostics.all.forEach { diagnostics.append($0) }
        guard root.mapping != nil else { throw diagnostics }

        if case .int(let version)? = root["reportgen"]?.resolved, version != RecipeKeys.formatVersion {
            diagnostics.append(Diagnostic(
                "this recipe is written for format version \(version); this reportgen reads version \(RecipeKeys.formatVersion)",
                at: root["reportgen"]?.location))
        }
        let locale = readLocale(root["locale"], diagnostics: &diagnostics).in(readTimeZone(root["timezone"], diagnostics: &diagnostics))
        var period = readPeriod(root["period"], diagnostics: &diagnostics)
        if let periodOverride {
            do {
                let moved = try PeriodArgument.parse(periodOverride, asOf: asOf, every: period?.every)
                period = PeriodSpec(start: moved.start, end: moved.end, every: moved.every, label: period?.label)
            } catch {
                diagnostics.append(Diagnostic(String(describing: error), at: nil))
            }
        }
        if let spec = period, spec.bucketCount > PeriodSpec.maximumBuckets {
            diagnostics.append(Diagnostic("the period \(spec.start) to \(spec.end) cut by \(spec.every.rawValue) has \(spec.bucketCount) buckets; "
                                          + "the limit is \(PeriodSpec.maximumBuckets): report on a shorter period, or cut it in larger buckets (every)",
                                          at: root["period"]?["every"]?.location ?? root["period"]?.location))
            period = nil
        }
        let params = readParams(root["params"], diagnostics: &diagnostics)

        var configurator = PluginConfigurator(registry: registry, recipeDirectory: file.deletingLastPathComponent(), locale: locale)
        configurator.params = Dictionary(params.map { ($0.name, $0.value) }) { $1 }
        let sources = configurator.sources(root["sources"])
        let extractors = configurator.extractors(root["extractors"], sourceIDs: sources.map(\.id))
        var outputs = configurator.outputs(root["outputs"])
        // `{{period}}` in an output's path: a file per period when a recipe runs every period.
        for index in outputs.indices where outputs[index].path.contains(OutputPath.periodPlaceholder) {
            guard let period else {
                diagnostics.append(Diagnostic("the path names {{period}}, but the recipe has no period", at: outputs[index].pathLocation))
                continue
            }
            outputs[index].path = outputs[index].path.replacingOccurrences(of: OutputPath.periodPlaceholder, with: period.code)
            if let other = outputs.indices.first(where: { $0 != index && outputs[$0].path == outputs[index].path }) {
                diagnostics.append(Diagnostic("two outputs write '\(outputs[index].path)'", at: outputs[index].pathLocation,
                                              notes: [.init("the other is here", at: outputs[other].pathLocation)]))
            }
        }
        var layoutValidator = LayoutValidator()
        let layout = layoutValidator.check(root["layout"])
        configurator.diagnostics.all.forEach { diagnostics.append($0) }
        layoutValidator.diagnostics.all.forEach { diagnostics.append($0) }

        let templates = [root["title"], root["subtitle"]].compactMap { $0 } + LayoutBlocks.templateNodes(in: layout)
        var recipe = Recipe(
            file: file, displayPath: displayPath,
            title: root["title"]?.scalarText ?? "", subtitle: root["subtitle"]?.scalarText,
            locale: locale, period: period, params: params,
            sources: sources, extractors: extractors, layout: layout, outputs: outputs, templates: templates)
        let tableIDs = configurator.declaredIDs
        let references = sources.flatMap(\.references) + extractors.flatMap(\.references)
            + outputs.flatMap(\.references) + layoutValidator.references
        for template in templates {
            ReportTemplate.check(template, knownIDs: tableIDs).forEach { diagnostics.append($0) }
        }
        for reference in references where !tableIDs.contains(reference.id) {
            diagnostics.append(Diagnostic("unknown table '\(reference.id)'" + Suggestion.hint(for: reference.id, in: tableIDs),
                                          at: reference.location))
        }
        recipe.warnings = PeriodScopeCheck(recipe: recipe, periodMoved: periodOverride != nil).check(into: &diagnostics)
        let plan = diagnostics.collect { try Plan(recipe) }
        for source in sources {
            diagnostics.collect { _ = try source.plugin.inputFiles(in: recipe.directory) }
        }
        try diagnostics.throwIfAny()
        if let plan { try SchemaCheck.run(recipe, plan: plan).throwIfAny() }
        return recipe
    }

    private func readLocale(_ node: YAMLNode?, diagnostics: inout Diagnostics) -> ReportLocale {
        guard let node, let tag = node.scalarText else { return .englishUS }
        if let locale = ReportLocale(tag) { return locale }
        diagnostics.append(Diagnostic(ReportLocale.unknownMessage(tag), at: node.location))
        return .englishUS
    }

    /// An IANA name (`Asia/Ho_Chi_Minh`); UTC when absent, so that a report does not depend on
    /// the machine that makes it.
    private func readTimeZone(_ node: YAMLNode?, diagnostics: inout Diagnostics) -> TimeZone {
        guard let node, let name = node.scalarText else { return .reportDefault }
        if TimeZone.knownTimeZoneIdentifiers.contains(name) || name == "UTC", let zone = TimeZone(identifier: name) { return zone }
        diagnostics.append(Diagnostic("unknown time zone '\(name)'; write an IANA name such as Asia/Ho_Chi_Minh or Europe/Berlin"
                                      + Suggestion.hint(for: name, in: TimeZone.knownTimeZoneIdentifiers, listing: false), at: node.location))
        return .reportDefault
    }

    private func readPeriod(_ node: YAMLNode?, diagnostics: inout Diagnostics) -> PeriodSpec? {
        guard let node, node.mapping != nil,
              let fromNode = node["from"], let toNode = node["to"],
              let fromText = fromNode.scalarText, let toText = toNode.scalarText
        else { return nil }
        let start = PeriodSpec.bound(fromText, isEnd: false)
        let end = PeriodSpec.bound(toText, isEnd: true)
        for (bound, text, place) in [(start, fromText, fromNode), (end, toText, toNode)] where bound == nil {
            diagnostics.append(Diagnostic("'\(text)' is not a year (2020), a month (2020-03) or a date (2020-03-15)", at: place.location))
        }
        guard let start, let end else { return nil }
        guard start <= end else {
            diagnostics.append(Diagnostic("the period ends (\(toText)) before it starts (\(fromText))", at: toNode.location))
            return nil
        }
        let every = node["every"]?.scalarText.flatMap(PeriodUnit.init(rawValue:)) ?? .year
        return PeriodSpec(start: start, end: end, every: every, label: node["label"]?.scalarText)
    }

    private func readParams(_ node: YAMLNode?, diagnostics: inout Diagnostics) -> [Param] {
        var params: [Param] = []
        for pair in node?.mapping ?? [] {
            guard let name = pair.key.scalarText, pair.value.scalarText != nil else { continue }
            params.append(Param(name: name, value: ParamValue.read(pair.value), location: pair.value.location))
        }
        for (name, text) in paramOverrides {
            guard let index = params.firstIndex(where: { $0.name == name }) else {
                diagnostics.append(Diagnostic(
                    "--set \(name)=\(text): the recipe has no param '\(name)'" + Suggestion.hint(for: name, in: params.map(\.name)),
                    at: node?.location))
                continue
            }
            do {
                params[index].value = try ParamValue.override(params[index].value, with: text)
            } catch {
                diagnostics.append(Diagnostic("--set \(name)=\(text): \(error)", at: params[index].location))
            }
        }
        return params
    }
}
