import Foundation
import Mustache

/// A Mustache template of the recipe (title, text blocks, labels), rendered by
/// hummingbird-project/swift-mustache. `{{id.column}}` is a one-row table's value,
/// `{{#id}}...{{/id}}` repeats for each row of a table, `{{params.x}}` and `{{period.label}}`
/// are what they say; values are written in the recipe's locale. HTML output escapes every
/// value unless the template writes `{{{raw}}}`.
public struct ReportTemplate: Sendable {
    public let text: String
    private let textTemplate: MustacheTemplate
    private let htmlTemplate: MustacheTemplate

    /// `isMarkup`: the template's own text is HTML (an HTML page template); otherwise it is
    /// text, escaped like any value when rendered as HTML.
    public init(_ text: String, isMarkup: Bool = false) throws {
        self.text = text
        htmlTemplate = try MustacheTemplate(string: isMarkup ? text : Self.escapingLiteralText(text))
        textTemplate = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text)
    }

    /// The template with the text between its tags escaped for HTML: what a recipe writes
    /// shows as written (`<script>` too); only `{{{raw}}}` values are not escaped.
    private static func escapingLiteralText(_ text: String) -> String {
        var result = "", position = text.startIndex
        for tag in tags(in: text) {
            result += HTMLText.escape(text[position..<tag.range.lowerBound]) + text[tag.range]
            position = tag.range.upperBound
        }
        return result + HTMLText.escape(text[position...])
    }

    struct Tag {
        var range: Range<String.Index>
        /// `#`, `^`, `/`, `&`, `!`, `>`, or empty.
        var sigil: Substring
        var name: Substring
    }

    /// The tags of a template, `{{name}}`, `{{{name}}}`, `{{#name}}`, ..., in order. Scanned
    /// by hand: building a `Regex` from a string costs more than a small recipe's whole run.
    static func tags(in text: String) -> [Tag] {
        let bytes = text.utf8
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        var tags: [Tag] = []
        var index = bytes.startIndex
        func byte(_ at: String.Index) -> UInt8? { at < bytes.endIndex ? bytes[at] : nil }
        func isSpace(_ at: String.Index) -> Bool { byte(at).map { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } ?? false }
        while index < bytes.endIndex {
            guard byte(index) == open, byte(bytes.index(after: index)) == open else {
                index = bytes.index(after: index)
                continue
            }
            var cursor = bytes.index(index, offsetBy: 2)
            if byte(cursor) == open { cursor = bytes.index(after: cursor) }
            while isSpace(cursor) { cursor = bytes.index(after: cursor) }
            var sigilEnd = cursor
            if let first = byte(cursor), "#^/&!>".utf8.contains(first) { sigilEnd = bytes.index(after: cursor) }
            var nameStart = sigilEnd
            while isSpace(nameStart) { nameStart = bytes.index(after: nameStart) }
            var nameEnd = nameStart
            while let next = byte(nameEnd), next != close { nameEnd = bytes.index(after: nameEnd) }
            let bodyEnd = nameEnd
            while nameEnd > nameStart, isSpace(bytes.index(before: nameEnd)) { nameEnd = bytes.index(before: nameEnd) }
            // The body ends at the first '}', which must start '}}' or '}}}'.
            guard byte(bodyEnd) == close, byte(bytes.index(after: bodyEnd)) == close else {
                index = bytes.index(after: index)
                continue
            }
            var end = bytes.index(bodyEnd, offsetBy: 2)
            if byte(end) == close { end = bytes.index(after: end) }
            tags.append(Tag(range: index..<end, sigil: text[cursor..<sigilEnd], name: text[nameStart..<nameEnd]))
            index = end
        }
        return tags
    }

    /// Renders with `context` (see ``TemplateContext``); `html` escapes values for HTML.
    public func render(_ context: [String: Any], html: Bool) -> String {
        (html ? htmlTemplate : textTemplate).render(context)
    }

    /// The errors of a template written at `node`: syntax, and names that are not a table,
    /// `params` or `period` outside a section (inside one, names are the row's columns).
    public static func check(_ node: YAMLNode, knownIDs: [String]) -> [Diagnostic] {
        guard let text = node.scalarText else { return [] }
        let place = TemplatePlace(node)
        do {
            _ = try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            return [Diagnostic("template error: \(describe(error.error))",
                               at: place.location(line: error.context.lineNumber, column: error.context.columnNumber))]
        } catch {
            return [Diagnostic("template error: \(error)", at: node.location)]
        }
        var diagnostics: [Diagnostic] = []
        for tag in tags(in: text) where tag.name.contains("(") {
            let offset = text.distance(from: text.startIndex, to: tag.range.lowerBound)
            for helper in TemplateHelpers.split(tag.name)?.helpers ?? [] where !TemplateHelpers.names.contains(helper) {
                diagnostics.append(Diagnostic("the template applies '\(helper)', which is no helper" + Suggestion.hint(for: helper, in: TemplateHelpers.names),
                                              at: place.location(offset: offset)))
            }
        }
        let known = knownIDs + ["params", "period"]
        for (name, offset) in topLevelNames(in: text) where !known.contains(String(name.split(separator: ".").first ?? "")) {
            let first = String(name.split(separator: ".").first ?? "")
            diagnostics.append(Diagnostic("the template names '\(name)', but there is no table '\(first)'"
                + Suggestion.hint(for: first, in: knownIDs, listing: false) + " (a template names tables by id, params.NAME and period)",
                                          at: place.location(offset: offset)))
        }
        return diagnostics
    }

    /// The tables a template names (outside sections, where names are a row's columns).
    public static func tableIDs(in text: String) -> Set<String> {
        Set(topLevelNames(in: text).map { String($0.name.split(separator: ".").first ?? "") })
    }

    /// The names of tags outside any section, with their character offsets.
    private static func topLevelNames(in text: String) -> [(name: String, offset: Int)] {
        var names: [(String, Int)] = []
        var depth = 0
        for tag in tags(in: text) {
            let sigil = tag.sigil, name = String(tag.name)
            switch sigil {
            case "/": depth = max(0, depth - 1); continue
            case "!", ">": continue
            default: break
            }
            let plain = TemplateHelpers.split(name)?.name ?? name
            if depth == 0, !plain.isEmpty, plain != "." {
                names.append((plain, text.distance(from: text.startIndex, to: tag.range.lowerBound)))
            }
            if sigil == "#" || sigil == "^" { depth += 1 }
        }
        return names
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "a section is closed with another name than it was opened with"
        case .unfinishedName?: return "a tag is not closed with }}"
        case .expectedSectionEnd?: return "a section is not closed; end {{#name}} with {{/name}}"
        default: return String(describing: error)
        }
    }
}

/// Where a template's characters are in the recipe: exact for a one-line scalar, by line for
/// a block scalar (`text: |`), whose lines start on the line after the node.
struct TemplatePlace {
    let node: YAMLNode
    let expression: ExpressionText

    init(_ node: YAMLNode) {
        self.node = node
        expression = ExpressionText(node)
    }

    func location(offset: Int) -> SourceLocation {
        guard let text = node.scalarText, text.contains("\n") else { return expression.location(at: offset) }
        let line = text.prefix(offset).filter { $0 == "\n" }.count + 1
        return location(line: line, column: 1)
    }

    func location(line: Int, column: Int) -> SourceLocation {
        guard let text = node.scalarText, text.contains("\n") else { return expression.location(at: max(0, column - 1)) }
        var place = node.location
        if case .scalar(_, let style) = node.content, style == .literal || style == .folded { place.line += line } else {
            place.line += line - 1
        }
        return place
    }
}
