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
    private let instructions: [PatternProgram.Instruction]
    private let classes: [ScalarLookup]
    private let text: [Unicode.Scalar]
    /// The text's scalars compared against the program: folded to lower case when case is ignored.
    private let compared: [Unicode.Scalar]
    private(set) var steps = 0
    private let budget: Int
    /// Slots per thread: a start and an end per group, the whole match being group 0.
    private let slotCount: Int
    /// Per instruction, the step at which a thread last reached it: the first thread to reach
    /// an instruction in a step wins, the rest (of lower priority) are dropped.
    private var seen: [Int]
    private var step = 0
    /// The threads' storage, kept between calls (a text may have thousands of matches).
    private var buffers: (current: Threads, next: Threads)
    /// The slots of the thread ``add(_:to:at:)`` follows; a save pushes the value it replaces,
    /// to be put back before the thread's lower-priority alternatives are followed.
    private var scratch: [Int]
    private var stack: [Frame] = []

    /// `folded`: the text folded to lower case, when the caller has it (for several patterns).
    init(_ program: PatternProgram, text: [Unicode.Scalar], folded: [Unicode.Scalar]? = nil, budget: Int = Self.defaultBudget) {
        self.program = program
        instructions = program.instructions
        classes = program.classes
        self.text = text
        compared = program.ignoresCase ? folded ?? text.map(ScalarClass.fold) : text
        self.budget = budget
        slotCount = 2 * (program.groupCount + 1)
        seen = [Int](repeating: -1, count: instructions.count)
        buffers.current = Threads(instructions: instructions.count, slotCount: slotCount)
        buffers.next = Threads(instructions: instructions.count, slotCount: slotCount)
        scratch = [Int](repeating: -1, count: slotCount)
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

    /// Threads in priority order, each an instruction that reads a character (or matches) and
    /// its slots, kept in one array at the instruction's place: no array per thread, and none
    /// copied as a thread moves on.
    private struct Threads {
        var pcs: [Int] = []
        var slots: [Int] = []
        var slotCount = 0

        init() {}

        init(instructions: Int, slotCount: Int) {
            self.slotCount = slotCount
            slots = [Int](repeating: -1, count: instructions * slotCount)
            pcs.reserveCapacity(instructions)
        }

        mutating func append(_ pc: Int, slots values: [Int]) {
            pcs.append(pc)
            let base = pc * slotCount
            for slot in 0..<slotCount { slots[base + slot] = values[slot] }
        }
    }

    private enum Frame {
        case follow(Int)
        case restore(slot: Int, value: Int)
    }

    /// The first match starting at `from` or later.
    private mutating func firstMatch(from: Int) throws -> Match? {
        // Taken out of `self` (not copied) for `add` to fill while `self` changes.
        var current = Threads(), next = Threads()
        swap(&current, &buffers.current)
        swap(&next, &buffers.next)
        defer {
            swap(&current, &buffers.current)
            swap(&next, &buffers.next)
        }
        current.pcs.removeAll(keepingCapacity: true)
        var matched: Match?
        var position = from
        step += 1
        while true {
            if matched == nil {
                if current.pcs.isEmpty {
                    // No thread alive: a match can start only where it can begin.
                    guard let start = nextCandidate(from: position) else { return nil }
                    // Marks left by threads that died at another position must not stop this one.
                    if start != position { step += 1 }
                    position = start
                }
                if mayStart(at: position) {
                    for slot in 0..<slotCount { scratch[slot] = -1 }
                    try add(0, to: &current, at: position)
                }
            }
            // Threads reaching the next position are counted afresh (and the new thread started there).
            step += 1
            if current.pcs.isEmpty {
                // No thread alive: done once matched or at the end, else a new one starts next.
                if matched != nil || position >= text.count { break }
                position += 1
                continue
            }
            let scalar: Unicode.Scalar? = position < text.count ? compared[position] : nil
            next.pcs.removeAll(keepingCapacity: true)
            for index in current.pcs.indices {
                let pc = current.pcs[index]
                let advances: Bool
                switch instructions[pc] {
                case .match:
                    var slots = Array(current.slots[pc * slotCount ..< (pc + 1) * slotCount])
                    slots[1] = position
                    matched = Match(slots: slots)
                    advances = false
                case .scalar(let wanted): advances = scalar == wanted
                case .any: advances = scalar != nil && scalar != "\n"
                case .set(let set): advances = scalar.map { classes[set].contains($0) } ?? false
                default: advances = false
                }
                // Threads after a match have lower priority: it is the match.
                if matched != nil, case .match = instructions[pc] { break }
                guard advances else { continue }
                let base = pc * slotCount
                for slot in 0..<slotCount { scratch[slot] = current.slots[base + slot] }
                try add(pc + 1, to: &next, at: position + 1)
            }
            swap(&current, &next)
            if position >= text.count { break }
            position += 1
        }
        // Once the end is passed, threads still waiting for a character never match.
        return matched
    }

    /// The first position at or after `position` where a match may start, by the program's
    /// prefix or first characters; `nil` when there is none.
    private func nextCandidate(from position: Int) -> Int? {
        let prefix = program.prefix
        if let first = prefix.first {
            var start = position
            while start + prefix.count <= compared.count {
                if compared[start] == first, compared[start + 1 ..< start + prefix.count].elementsEqual(prefix.dropFirst()) { return start }
                start += 1
            }
            return nil
        }
        guard let first = program.firstCharacters else { return position }
        var start = position
        while start < compared.count, !first.contains(compared[start]) { start += 1 }
        return start < compared.count ? start : nil
    }

    /// Whether a thread started at `position` could match: one that cannot dies at its first
    /// character, so it is not started.
    private func mayStart(at position: Int) -> Bool {
        guard let first = program.firstCharacters else { return true }
        return position < compared.count && first.contains(compared[position])
    }

    /// Follows jumps, splits, saves and assertions from `pc`, with the slots in ``scratch``, to
    /// the instructions that read a character (or match), and adds those to `list`; in
    /// priority order, iteratively, so that no pattern nests the stack.
    private mutating func add(_ pc: Int, to list: inout Threads, at position: Int) throws {
        stack.append(.follow(pc))
        while let frame = stack.popLast() {
            guard case .follow(var pc) = frame else {
                if case .restore(let slot, let value) = frame { scratch[slot] = value }
                continue
            }
            follow: while true {
                steps += 1
                if steps > budget { throw OverBudget() }
                if seen[pc] == step { break }
                seen[pc] = step
                switch instructions[pc] {
                case .jump(let target):
                    pc = target
                case .split(let first, let second):
                    // The second waits on the stack until all that the first leads to is added.
                    stack.append(.follow(second))
                    pc = first
                case .save(let slot):
                    stack.append(.restore(slot: slot, value: scratch[slot]))
                    scratch[slot] = position
                    pc += 1
                case .anchor(let anchor):
                    guard holds(anchor, at: position) else { break follow }
                    pc += 1
                case .look(let set, let behind, let negated):
                    let index = behind ? position - 1 : position
                    let inside = index >= 0 && index < text.count && classes[set].contains(text[index])
                    guard inside != negated else { break follow }
                    pc += 1
                default:
                    list.append(pc, slots: scratch)
                    break follow
                }
            }
        }
    }

    private func holds(_ anchor: PatternProgram.Anchor, at position: Int) -> Bool {
        switch anchor {
        case .textStart: return position == 0
        case .textEnd: return position == text.count
        case .wordBoundary, .notWordBoundary:
            let before = position > 0 && ScalarClass.isWord(text[position - 1])
            let after = position < text.count && ScalarClass.isWord(text[position])
            return (before != after) == (anchor == .wordBoundary)
        }
    }
}
