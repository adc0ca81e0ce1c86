/// Watches a `where` as rows pass through it, so that a filter that keeps no row, or a text it
/// compares a column with that never occurs in that column (`weather = 'sunny'` where the data
/// says `sun`), is a warning that names the values that do occur, never a silent report of
/// zeros.
public struct FilterWatch: Sendable {
    /// A text compared with a text column by `=`, `!=` or `in`.
    struct Literal: Sendable {
        let column: Int
        let columnName: String
        let text: String
        let location: SourceLocation
    }

    /// Past this many distinct values a column's values are no longer listed.
    public static let valueLimit = 1_000

    let location: SourceLocation
    let literals: [Literal]
    /// The text columns the condition compares with texts.
    public let watched: [Int]
    /// Distinct values seen per watched column (at most ``valueLimit``), and whether more came.
    private var values: [Int: Set<String>] = [:]
    private var overflowed: Set<Int> = []
    private var found: Set<String> = []
    /// By column index, whether the column's values still matter: it is watched, and not
    /// every text it is compared with has been found (the values are only for the hint of a
    /// text never found). Once they are all found, its cells cost nothing more to watch.
    private var pending: [Bool]
    public private(set) var offered = 0
    public private(set) var kept = 0

    /// The watch of the condition `text` over `columns`; it watches nothing it cannot parse.
    public init(_ text: ExpressionText, columns: [Column]) {
        location = text.location(at: 0)
        var literals: [Literal] = []
        // An explicit stack: a condition may be deeply nested, and recursion over input depth is a bug.
        var stack = (try? [ExpressionParser.parse(text)]) ?? []
        func textColumn(_ node: Expression) -> Int? {
            guard case .name(let parts) = node.kind, parts.count == 1,
                  let index = columns.firstIndex(where: { $0.name == parts[0] }), columns[index].type == .string
            else { return nil }
            return index
        }
        func add(_ column: Int, _ node: Expression) {
            if case .literal(.string(let literal)) = node.kind {
                literals.append(Literal(column: column, columnName: columns[column].name, text: literal,
                                        location: text.location(at: node.offset)))
            }
        }
        while let node = stack.popLast() {
            switch node.kind {
            case .binary(let op, let left, let right):
                if op == .equal || op == .notEqual {
                    if let column = textColumn(left) { add(column, right) }
                    if let column = textColumn(right) { add(column, left) }
                }
                stack += [right, left]
            case .inList(let operand, let items, _):
                if let column = textColumn(operand) { items.forEach { add(column, $0) } }
                stack.append(operand)
            case .not(let inner), .negate(let inner), .isNull(let inner, _):
                stack.append(inner)
            case .call(_, let arguments):
                stack += arguments
            case .caseWhen(let branches, let otherwise):
                stack += branches + (otherwise.map { [$0] } ?? [])
            case .literal, .name:
                break
            }
        }
        self.literals = literals
        watched = Array(Set(literals.map(\.column))).sorted()
        pending = Array(repeating: false, count: (watched.last ?? -1) + 1)
        for column in watched { pending[column] = true }
    }

    public var watchesValues: Bool { !watched.isEmpty }

    /// A row offered to the condition, and whether it kept it.
    @inline(__always)
    public mutating func observe(_ row: Row, kept isKept: Bool) {
        offered += 1
        if isKept { kept += 1 }
        for column in watched { observe(row[column], column: column) }
    }

    /// Counts without looking at values (for records whose watched cells ``observe(_:column:)``
    /// saw once per distinct cell).
    @inline(__always)
    public mutating func count(kept isKept: Bool) {
        offered += 1
        if isKept { kept += 1 }
    }

    /// One value of a watched column.
    @inline(__always)
    public mutating func observe(_ value: Value, column: Int) {
        guard column < pending.count, pending[column], case .string(let text) = value else { return }
        if literals.contains(where: { $0.column == column && $0.text == text }) {
            found.insert("\(column)\u{0}\(text)")
            if literals.allSatisfy({ $0.column != column || found.contains("\($0.column)\u{0}\($0.text)") }) {
                pending[column] = false
                return
            }
        }
        guard !overflowed.contains(column) else { return }
        if values[column, default: []].count >= Self.valueLimit, values[column]?.contains(text) == false {
            overflowed.insert(column)
        } else {
            values[column, default: []].insert(text)
        }
    }

    public mutating func merge(_ later: FilterWatch) {
        offered += later.offered
        kept += later.kept
        found.formUnion(later.found)
        for column in pending.indices { pending[column] = pending[column] && later.pending[column] }
        overflowed.formUnion(later.overflowed)
        for (column, seen) in later.values where !overflowed.contains(column) {
            values[column, default: []].formUnion(seen)
            if values[column]!.count > Self.valueLimit { overflowed.insert(column) }
        }
    }

    /// The texts it watches, in order, for a database that judges the condition itself.
    public var watchedTexts: [PushdownRequest.WatchedText] {
        literals.map { PushdownRequest.WatchedText(column: $0.column, text: $0.text) }
    }

    /// Takes what a database saw of the rows it did not send (``PushdownFacts``) in place of
    /// what this watch saw of the rows it was given.
    public mutating func adopt(_ facts: PushdownFacts) {
        if let admitted = facts.admitted { offered = admitted }
        if let kept = facts.kept { self.kept = kept }
        for (literal, isFound) in zip(literals, facts.found ?? []) where isFound {
            found.insert("\(literal.column)\u{0}\(literal.text)")
        }
        for (column, list) in facts.values {
            values[column] = Set(list.prefix(Self.valueLimit))
            if list.count > Self.valueLimit { overflowed.insert(column) } else { overflowed.remove(column) }
        }
    }

    /// Warns of a condition that kept none of the rows it was given, and of each text that
    /// never occurs in its column, with the values that do.
    public func warn(into warnings: WarningLog) {
        for literal in literals where !found.contains("\(literal.column)\u{0}\(literal.text)") && offered > 0 {
            // "Of the rows it is given": a value of other years may be missing from this period's rows for good reason.
            warnings.warn(.warning("'\(literal.text)' is in no row of column '\(literal.columnName)' that this condition is given" + hint(for: literal),
                                   at: literal.location))
        }
        if offered > 0, kept == 0 {
            warnings.warn(.warning("this condition keeps none of the \(offered) row\(offered == 1 ? "" : "s") it is given", at: location))
        }
    }

    private func hint(for literal: Literal) -> String {
        let seen = (values[literal.column] ?? []).sorted()
        guard !seen.isEmpty else { return "" }
        var text = ""
        if let match = Self.closest(to: literal.text, in: seen) { text = "; did you mean '\(match)'?" }
        let shown = seen.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
        let more = overflowed.contains(literal.column) ? ", and more" : seen.count > 12 ? ", and \(seen.count - 12) more" : ""
        return text + " (it holds \(shown)\(more))"
    }

    /// The value a user most likely meant: the same in another case, then one that begins or
    /// ends the other ('sunny' for 'sun'), then a close spelling.
    static func closest(to word: String, in values: [String]) -> String? {
        let lower = word.lowercased()
        if let same = values.first(where: { $0.lowercased() == lower }) { return same }
        if let part = values.first(where: { !$0.isEmpty && (lower.hasPrefix($0.lowercased()) || $0.lowercased().hasPrefix(lower)) }) {
            return part
        }
        return Suggestion.closest(to: word, in: values)
    }
}
