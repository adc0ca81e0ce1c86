/// A numeric option written as a param, `limit: params.n`, so that the command line drives it
/// (`--set n=5`).
enum ParamReference {
    /// `n` for a plain scalar `params.n`; `nil` for anything else.
    static func name(in node: YAMLNode) -> String? {
        guard case .scalar(let text, .plain) = node.content, text.hasPrefix("params.") else { return nil }
        let name = String(text.dropFirst("params.".count))
        return RecipeID.isValid(name) ? name : nil
    }

    /// The errors of every numeric option of `specs` written as a param: an unknown param, or
    /// one that is not a number (an integer for an integer option).
    static func check(_ node: YAMLNode, specs: [OptionSpec], params: [String: Value]) -> [Diagnostic] {
        specs.compactMap { spec in
            switch spec.type {
            case .integer, .number, .duration: break
            default: return nil
            }
            guard let value = node[spec.name], let name = name(in: value) else { return nil }
            guard let param = params[name] else {
                return Diagnostic("unknown param '\(name)'" + Suggestion.hint(for: name, in: params.keys.sorted()), at: value.location)
            }
            switch (spec.type, param) {
            case (.integer, .int), (.number, .int), (.number, .decimal), (.duration, .int): return nil
            default:
                return Diagnostic("'\(spec.name)' must be \(spec.type.phrase), but params.\(name) is \(param.plainText)", at: value.location)
            }
        }
    }
}
