import Foundation

/// Values of `params`, and `--set` overrides typed like the recipe's value.
enum ParamValue {
    struct Mismatch: Error, CustomStringConvertible {
        var description: String
    }

    static func read(_ node: YAMLNode) -> Value {
        switch node.resolved {
        case .null, .collection: return .null
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .int(number)
        case .float(let text):
            guard let exact = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { return .string(text) }
            return .decimal(exact)
        case .string(let text): return .string(text)
        }
    }

    static func override(_ current: Value, with text: String) throws -> Value {
        switch current {
        // A number param takes any number (`--set ceiling=3999.5` for a recipe's 4000); where an
        // integer is needed (`limit: params.n`) that option says so.
        case .int, .decimal:
            switch NumberReader.plain.read(text) {
            case .int(let number)?:
                if case .int = current { return .int(number) }
                return .decimal(Decimal(number))
            case .decimal(let number)?: return .decimal(number)
            case nil: throw Mismatch(description: "the param is a number, and '\(text)' is not one")
            }
        case .bool:
            if text == "true" { return .bool(true) }
            if text == "false" { return .bool(false) }
            throw Mismatch(description: "the param is true or false, and '\(text)' is neither")
        default:
            return .string(text)
        }
    }
}
