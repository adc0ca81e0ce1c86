/// What a scalar means under the YAML 1.2 core schema.
public enum YAMLScalarValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    /// The text of a float, so that decimals stay exact until someone asks for a `Double`.
    case float(String)
    case string(String)
    /// A collection: not a scalar.
    case collection

    public var doubleValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .float(let text): return YAMLCoreSchema.double(fromFloat: text)
        default: return nil
        }
    }
}

extension YAMLNode {
    /// The node's scalar under the core schema; quoted and block scalars are strings, and so is
    /// anything tagged `!!str` or `!`.
    public var resolved: YAMLScalarValue {
        guard case .scalar(let text, let style) = content else { return .collection }
        switch tag {
        case "tag:yaml.org,2002:str", "!": return .string(text)
        case "tag:yaml.org,2002:null": return .null
        case "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
            return YAMLCoreSchema.resolvePlain(text)
        default:
            return style == .plain ? YAMLCoreSchema.resolvePlain(text) : .string(text)
        }
    }
}

/// The YAML 1.2 core schema's rules for plain scalars (yaml.org/spec/1.2.2, 10.3.2).
/// Written by hand because libyaml resolves nothing and YAML 1.1 rules (`yes`, `on`, base 60)
/// are exactly what a recipe must not get.
public enum YAMLCoreSchema {
    public static func resolvePlain(_ text: String) -> YAMLScalarValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
             "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            return .float(text)
        default: break
        }
        let bytes = Array(text.utf8)
        if let value = integer(bytes) { return .int(value) }
        if isInteger(bytes) || isFloat(bytes) { return .float(text) }
        return .string(text)
    }

    public static func double(fromFloat text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: return Double(text)
        }
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`, when it fits in an `Int`.
    private static func integer(_ bytes: [UInt8]) -> Int? {
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            let digits = String(decoding: bytes[2...], as: UTF8.self)
            if bytes[1] == UInt8(ascii: "o"), digits.utf8.allSatisfy({ (48...55).contains($0) }) {
                return Int(digits, radix: 8)
            }
            if bytes[1] == UInt8(ascii: "x"), digits.utf8.allSatisfy(isHexDigit) {
                return Int(digits, radix: 16)
            }
        }
        guard isInteger(bytes) else { return nil }
        return Int(String(decoding: bytes, as: UTF8.self))
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...70).contains(byte) || (97...102).contains(byte)
    }

    private static func isInteger(_ bytes: [UInt8]) -> Bool {
        var digits = bytes[...]
        if let sign = digits.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            digits = digits.dropFirst()
        }
        return !digits.isEmpty && digits.allSatisfy { (48...57).contains($0) }
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloat(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            index += 1
        }
        let whole = digits()
        var fraction = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            fraction = digits()
            if whole == 0, fraction == 0 { return false }
        } else if whole == 0 {
            return false
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                index += 1
            }
            if digits() == 0 { return false }
        }
        return index == bytes.count
    }
}
