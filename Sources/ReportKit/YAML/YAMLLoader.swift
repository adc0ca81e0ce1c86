import CYAML

/// Reads YAML text into ``YAMLNode`` trees with libyaml's event API.
///
/// Every node carries its file, line and column. Aliases are replaced by their anchored node;
/// a document whose expansion would exceed ``nodeBudget`` nodes (a "billion laughs") is refused
/// as soon as the budget is crossed, before anything large is built. A key that appears twice
/// in one mapping is an error naming both places.
public struct YAMLLoader: Sendable {
    /// Far above any recipe (a recipe with inline data has thousands of nodes), far below what
    /// would take noticeable time to walk.
    public static let defaultNodeBudget = 1_000_000

    public var nodeBudget: Int

    public init(nodeBudget: Int = YAMLLoader.defaultNodeBudget) {
        self.nodeBudget = nodeBudget
    }

    /// Every document of the stream, in order.
    public func load(_ text: String, file: String) throws(Diagnostic) -> [YAMLNode] {
        try load(bytes: Array(text.utf8), file: file)
    }

    public func load(bytes: [UInt8], file: String) throws(Diagnostic) -> [YAMLNode] {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw Diagnostic("could not start the YAML parser (out of memory)", at: nil)
        }
        defer { yaml_parser_delete(&parser) }
        var builder = YAMLTreeBuilder(file: file, budget: nodeBudget)
        // libyaml reads from the buffer until the stream ends; the buffer must outlive parsing.
        let result: Result<Void, Diagnostic> = bytes.withUnsafeBufferPointer { buffer in
            var empty: UInt8 = 0
            let base = buffer.baseAddress ?? withUnsafePointer(to: &empty) { $0 }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            do throws(Diagnostic) {
                while true {
                    var event = yaml_event_t()
                    guard yaml_parser_parse(&parser, &event) == 1 else {
                        return .failure(parserError(parser, bytes: bytes, file: file))
                    }
                    defer { yaml_event_delete(&event) }
                    if event.type == YAML_STREAM_END_EVENT { return .success(()) }
                    try builder.handle(event)
                }
            } catch {
                return .failure(error)
            }
        }
        try result.get()
        return builder.documents
    }

    private func parserError(_ parser: yaml_parser_t, bytes: [UInt8], file: String) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        if parser.error == YAML_READER_ERROR {
            let location = Self.location(ofByte: parser.problem_offset, in: bytes, file: file)
            let value = parser.problem_value >= 0 ? " (byte 0x\(hexByte(parser.problem_value)))" : ""
            return Diagnostic("invalid YAML: \(problem)\(value)", at: location)
        }
        let location = SourceLocation(file: file, line: parser.problem_mark.line + 1, column: parser.problem_mark.column + 1)
        var message = "invalid YAML: \(problem)"
        if let context = parser.context.map({ String(cString: $0) }) {
            let line = parser.context_mark.line + 1, column = parser.context_mark.column + 1
            message += " (\(context) at \(line):\(column))"
        }
        if parser.problem_mark.index < bytes.count, bytes[Int(parser.problem_mark.index)] == 0x09 {
            message += "; this is a tab, and YAML indents with spaces only"
        }
        return Diagnostic(message, at: location)
    }

    private func hexByte(_ value: Int32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return hex.count < 2 ? "0" + hex : hex
    }

    /// The line and column (in characters) of a byte offset, for reader errors, which libyaml
    /// reports by offset only.
    static func location(ofByte offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        var line = 1, lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let prefix = bytes[lineStart..<min(offset, bytes.count)]
        let column = prefix.filter { $0 & 0xC0 != 0x80 }.count + 1
        return SourceLocation(file: file, line: line, column: column)
    }
}
