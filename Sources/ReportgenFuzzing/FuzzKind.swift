import Foundation
import ReportKit

/// The kinds of input a user (or an attacker) hands reportgen, each run through the code that
/// reads it: a recipe, an expression, and the data files of each source.
public enum FuzzKind: String, CaseIterable, Sendable {
    case recipe, expression, csv, json, xlsx, xls, text, pattern, sqlite

    /// The file the input is written to, beside the recipe.
    var fileName: String {
        switch self {
        case .recipe: "recipe.yaml"
        case .expression: "expression.txt"
        case .csv: "input.csv"
        case .json: "input.json"
        case .xlsx: "input.xlsx"
        case .xls: "input.xls"
        case .text, .pattern: "input.txt"
        case .sqlite: "input.db"
        }
    }

    /// The output every data recipe renders (in memory), so that whatever a source reads is
    /// also written out; fuzzed recipes reach the other outputs.
    static let outputs = """
        outputs:
          - {type: json, path: r.json}

        """

    /// The recipe that reads an input of this kind as `input`: the source loaded whole (shown
    /// by the outputs) and streamed into an aggregate.
    func recipe(pattern: String = "") -> String {
        let head = "reportgen: 1\ntitle: Fuzz\nperiod: {from: 2020, to: 2025, every: year}\n"
        let source: String
        switch self {
        case .csv: source = "{type: csv, path: \(fileName)}"
        case .json: source = "{type: json, path: \(fileName)}"
        case .xlsx, .xls: source = "{type: xlsx, path: \(fileName)}"
        case .sqlite: source = "{type: sqlite, path: \(fileName), query: 'select * from admissions'}"
        case .text, .pattern: source = "{type: text, path: \(fileName)}"
        case .recipe, .expression: return ""
        }
        var extractors = "  counted: {type: aggregate, input: streamed, measures: {n: count()}}\n"
        if self == .text {
            extractors += "  facts: {type: pattern, input: input, patterns: {n: '{number}', named: '(?<who>[A-Z][a-z]+) (has|had) {number}'}}\n"
        }
        if self == .pattern {
            extractors += "  facts: {type: pattern, input: input, patterns: {p: \(Self.quoted(pattern))}}\n"
        }
        return head + "sources:\n  input: \(source)\n  streamed: \(source)\nextractors:\n" + extractors + Self.outputs
    }

    /// `text` as a double-quoted YAML scalar: every character that is not plain ASCII escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case " "..."~": result.unicodeScalars.append(scalar)
            default: result += scalar.value <= 0xFFFF ? String(format: "\\u%04X", scalar.value) : String(format: "\\U%08X", scalar.value)
            }
        }
        return result + "\""
    }
}
