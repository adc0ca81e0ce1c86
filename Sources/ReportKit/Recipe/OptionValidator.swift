/// Checks YAML nodes against ``OptionType``s and records every mismatch, with its position and,
/// for misspelt keys and words, a did-you-mean.
struct OptionValidator {
    var diagnostics = Diagnostics()

    /// Checks a mapping against fixed keys. `owner` names it in messages ("csv source 'sales'");
    /// `extraKeys` are keys the caller handles itself (`type`, `path`).
    mutating func checkRecord(
        _ node: YAMLNode, specs: [OptionSpec], owner: String, extraKeys: [String] = [], at anchor: SourceLocation? = nil
    ) {
        guard let pairs = node.mapping else {
            error("\(owner) must be a mapping, not \(node.kindDescription)", at: node.location)
            return
        }
        let known = specs.map(\.name) + extraKeys
        // A misspelt required key is one mistake: report the spelling, not also the absence.
        var suggested = Set<String>()
        for pair in pairs {
            guard let key = pair.key.scalarText, pair.key.mapping == nil, pair.key.sequence == nil else {
                error("keys in \(owner) must be plain names", at: pair.key.location)
                continue
            }
            if extraKeys.contains(key) { continue }
            guard let spec = specs.first(where: { $0.name == key }) else {
                error("unknown key '\(key)' in \(owner)" + Suggestion.hint(for: key, in: known), at: pair.key.location)
                if let match = Suggestion.closest(to: key, in: known) { suggested.insert(match) }
                continue
            }
            check(pair.value, against: spec.type, what: "'\(key)' in \(owner)")
        }
        for spec in specs where spec.isRequired && !suggested.contains(spec.name) {
            let value = node[spec.name]
            if value == nil || value?.resolved == .null {
                error("\(owner) needs '\(spec.name)' (\(spec.doc))", at: value?.location ?? anchor ?? node.location)
            }
        }
    }

    mutating func check(_ node: YAMLNode, against type: OptionType, what: String) {
        let resolved = node.resolved
        if resolved == .null, !isAnyValue(type) {
            error("\(what) has no value; expected \(type.phrase)", at: node.location)
            return
        }
        switch type {
        case .anyValue:
            return
        case .string, .template, .inputPath, .column:
            requireScalar(node, type, what)
        case .duration:
            if ParamReference.name(in: node) != nil { return }
            if case .int = resolved { return }
            guard requireScalar(node, type, what), let text = node.scalarText else { return }
            if Duration.parse(text) == nil { mismatch(node, type, what) }
        case .expression:
            guard requireScalar(node, type, what) else { return }
            // Syntax is checked here; types once the input's columns are known, before any row.
            do { _ = try ExpressionParser.parse(ExpressionText(node)) } catch { diagnostics.append(error) }
        // A number may be a param (`limit: params.n`), so that `--set n=5` drives it; the
        // configurator checks that the param exists and is a number.
        case .integer:
            if ParamReference.name(in: node) != nil { return }
            guard case .int = resolved else { return mismatch(node, type, what) }
        case .number:
            if ParamReference.name(in: node) != nil { return }
            switch resolved {
            case .int: break
            case .float(let text) where Double(text)?.isFinite == true: break
            default: mismatch(node, type, what)
            }
        case .boolean:
            guard case .bool = resolved else {
                let word = node.scalarText?.lowercased() ?? ""
                let hint = ["yes", "no", "on", "off", "y", "n"].contains(word)
                    ? " (YAML 1.2 reads '\(node.scalarText ?? "")' as a string; write true or false)" : ""
                error("\(what) must be true or false, not \(node.kindDescription)\(hint)", at: node.location)
                return
            }
        case .choice(let words):
            guard requireScalar(node, type, what), let word = node.scalarText else { return }
            if !words.contains(word) {
                error("\(what) must be " + type.phrase + ", not '\(word)'" + Suggestion.hint(for: word, in: words, listing: false), at: node.location)
            }
        case .reference:
            guard requireScalar(node, type, what), let id = node.scalarText else { return }
            if !RecipeID.isValid(id) { error("\(what) must be a table id, not '\(id)'", at: node.location) }
        case .outputPath:
            guard requireScalar(node, type, what), let path = node.scalarText else { return }
            if let problem = OutputPath.problem(with: path) { error("\(what): \(problem)", at: node.location) }
        case .list(let item):
            let elements = node.sequence ?? [node]
            let cut = Self.isExpression(item) ? FlowCut.inList(elements) : [:]
            var skipped = Set<Int>()
            for (index, element) in elements.enumerated() where !skipped.contains(index) {
                if let run = cut[index] {
                    error(FlowCut.message(run.text, key: nil), at: element.location)
                    skipped.formUnion(run.pieces)
                    continue
                }
                check(element, against: item, what: "an item of \(what)")
            }
        case .map(let value):
            guard let pairs = node.mapping else { return mismatch(node, type, what) }
            let cut = Self.isExpression(value) ? FlowCut.inMap(pairs) : [:]
            var skipped = Set<Int>()
            for (index, pair) in pairs.enumerated() where !skipped.contains(index) {
                guard let key = pair.key.scalarText else {
                    error("keys of \(what) must be names", at: pair.key.location)
                    continue
                }
                if let run = cut[index] {
                    error(FlowCut.message(run.text, key: key), at: pair.value.location)
                    skipped.formUnion(run.pieces)
                    continue
                }
                check(pair.value, against: value, what: "'\(key)' in \(what)")
            }
        case .record(let specs):
            checkRecord(node, specs: specs, owner: what)
        case .anyOf(let types):
            checkAnyOf(node, types, what: what)
        }
    }

    private mutating func checkAnyOf(_ node: YAMLNode, _ types: [OptionType], what: String) {
        var best: Diagnostics?
        for type in types {
            var trial = OptionValidator()
            trial.check(node, against: type, what: what)
            if trial.diagnostics.isEmpty { return }
            // Report the errors of the alternative with the same shape as the value, which is
            // what the user meant to write.
            if best == nil, Self.shapeMatches(node, type) { best = trial.diagnostics }
        }
        if let best { best.all.forEach { diagnostics.append($0) } } else {
            mismatch(node, .anyOf(types), what)
        }
    }

    private static func shapeMatches(_ node: YAMLNode, _ type: OptionType) -> Bool {
        switch (node.content, type) {
        case (.mapping, .record), (.mapping, .map), (.sequence, .list): return true
        case (.scalar, .record), (.scalar, .map), (.mapping, _), (.sequence, _): return false
        case (.scalar, _): return true
        }
    }

    private static func isExpression(_ type: OptionType) -> Bool {
        if case .expression = type { return true }
        return false
    }

    private func isAnyValue(_ type: OptionType) -> Bool {
        if case .anyValue = type { return true }
        return false
    }

    @discardableResult
    private mutating func requireScalar(_ node: YAMLNode, _ type: OptionType, _ what: String) -> Bool {
        guard node.scalarText != nil else {
            mismatch(node, type, what)
            return false
        }
        return true
    }

    private mutating func mismatch(_ node: YAMLNode, _ type: OptionType, _ what: String) {
        error("\(what) must be \(type.phrase), not \(node.kindDescription)", at: node.location)
    }

    mutating func error(_ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(message, at: location))
    }
}

/// Ids of sources and extractors: `[A-Za-z_][A-Za-z0-9_]*`, so that expressions and templates
/// can name them.
public enum RecipeID {
    public static func isValid(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
            return false
        }
        return id.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
