/// Runs a ``PatternProgram`` over a text as Pike's VM does: every thread of the NFA advances
/// one character at a time, in priority order, so that the first match found is the one a
/// backtracking matcher finds (leftmost, then by the pattern's preferences), in time linear in
/// the text: each character costs at most a step per instruction. A budget of steps per text
/// bounds even that (a large pattern over a large text), with an error instead of a long wait.
struct PatternMatcher {
    struct Match {
        /// Scalar offsets of each group's start and end (group 0 is the whole match); -1 for a
        /// group that took no part.
        var slots: [Int]

        func range(_ group: Int) -> Range<Int>? {
            let start = slots[2 * group], end = slots[2 * group + 1]
            return start >= 0 && end >= start ? start..<end : nil
        }
    }

    struct OverBudget: Error {}

    /// Steps (a thread at an instruction) allowed per text: about a second of work.
    static let defaultBudget = 200_000_000

    private let program: PatternProgram
    private let text: [Unicode.Scalar]
    /// The text's scalars compared against the program: folded to lower case when case is ignored.
    private let compared: [Unicode.Scalar]
    private(set) var steps = 0
    private let budget: Int
    /// Per instruction, the step at which a thread last reached it: the first thread to reach
    /// an instruction in a step wins, the rest (of lower priority) are dropped.
    private var seen: [Int]
    private var step = 0
    /// The threads ``add(_:to:at:)`` has still to follow, kept to save an allocation per call.
    private var stack: [Thread] = []

    init(_ program: PatternProgram, text: [Unicode.Scalar], budget: Int = Self.defaultBudget) {
        self.program = program
        self.text = text
        compared = program.ignoresCase ? text.map(ScalarClass.fold) : text
        self.budget = budget
        seen = [Int](repeating: -1, count: program.instructions.count)
    }

    /// Every match, left to right, none overlapping; a match of no text is skipped (it says
    /// nothing), and the search goes on one character later.
    mutating func matches() throws -> [Match] {
        var found: [Match] = [], from = 0
        while from <= text.count, let match = try firstMatch(from: from) {
            let whole = match.range(0)!
            if !whole.isEmpty { found.append(match) }
            from = whole.isEmpty ? whole.upperBound + 1 : whole.upperBound
        }
        return found
    }

    private struct Thread {
        var pc: Int
        var slots: [Int]
    }

    /// The first match starting at `from` or later.
    private mutating func firstMatch(from: Int) throws -> Match? {
        let slotCount = 2 * (program.groupCount + 1)
        var current: [Thread] = [], next: [Thread] = []
        var matched: Match?
        var position = from
        step += 1
        while true {
            if matched == nil, current.isEmpty, let first = program.firstCharacters {
                // No thread alive: a match can start only where its first character is.
                while position < text.count, !first.admits(compared[position]) { position += 1 }
                if position >= text.count { return nil }
            }
            if matched == nil {
                var slots = [Int](repeating: -1, count: slotCount)
                slots[0] = position
                try add(Thread(pc: 0, slots: slots), to: &current, at: position)
            }
            // Threads reaching the next position are counted afresh (and the new thread started there).
            step += 1
            if current.isEmpty {
                // No thread alive: done once matched or at the end, else a new one starts next.
                if matched != nil || position >= text.count { break }
                position += 1
                continue
            }
            let scalar: Unicode.Scalar? = position < text.count ? compared[position] : nil
            next.removeAll(keepingCapacity: true)
            for thread in current {
                switch program.instructions[thread.pc] {
                case .match:
                    var slots = thread.slots
                    slots[1] = position
                    matched = Match(slots: slots)
                case .scalar(let wanted):
                    if scalar == wanted {
                        try add(Thread(pc: thread.pc + 1, slots: thread.slots), to: &next, at: position + 1)
                    }
                case .any:
                    if let scalar, scalar != "\n" {
                        try add(Thread(pc: thread.pc + 1, slots: thread.slots), to: &next, at: position + 1)
                    }
                case .set(let set):
                    if let scalar, set.contains(scalar, ignoringCase: program.ignoresCase) {
                        try add(Thread(pc: thread.pc + 1, slots: thread.slots), to: &next, at: position + 1)
                    }
                default:
                    break
                }
                // Threads after a match have lower priority: it is the match.
                if case .match = program.instructions[thread.pc] { break }
            }
            swap(&current, &next)
            if position >= text.count { break }
            position += 1
        }
        // Once the end is passed, threads still waiting for a character never match.
        return matched
    }

    /// Adds `thread` to `list`, following jumps, splits, saves and assertions to the
    /// instructions that read a character (or match); iteratively, so that no pattern nests
    /// the stack.
    private mutating func add(_ thread: Thread, to list: inout [Thread], at position: Int) throws {
        stack.append(thread)
        while var thread = stack.popLast() {
            steps += 1
            if steps > budget { throw OverBudget() }
            if seen[thread.pc] == step { continue }
            seen[thread.pc] = step
            switch program.instructions[thread.pc] {
            case .jump(let target):
                thread.pc = target
                stack.append(thread)
            case .split(let first, let second):
                // The second pushed first, so that the first is followed first.
                stack.append(Thread(pc: second, slots: thread.slots))
                thread.pc = first
                stack.append(thread)
            case .save(let slot):
                thread.slots[slot] = position
                thread.pc += 1
                stack.append(thread)
            case .assert(let assertion):
                if holds(assertion, at: position) {
                    thread.pc += 1
                    stack.append(thread)
                }
            default:
                list.append(thread)
            }
        }
    }

    private func holds(_ assertion: PatternProgram.Assertion, at position: Int) -> Bool {
        switch assertion {
        case .textStart: return position == 0
        case .textEnd: return position == text.count
        case .wordBoundary, .notWordBoundary:
            let before = position > 0 && ScalarClass.isWord(text[position - 1])
            let after = position < text.count && ScalarClass.isWord(text[position])
            if case .wordBoundary = assertion { return before != after }
            return before == after
        case .ahead(let set, let negated):
            guard position < text.count else { return negated }
            return set.contains(text[position], ignoringCase: program.ignoresCase) != negated
        case .behind(let set, let negated):
            guard position > 0 else { return negated }
            return set.contains(text[position - 1], ignoringCase: program.ignoresCase) != negated
        }
    }
}
