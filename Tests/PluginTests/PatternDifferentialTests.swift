import Testing
@testable import PatternPlugins
import ReportgenTesting

/// The matcher against the plainest Pike VM: random patterns of the supported syntax over
/// random texts, every match and every group the same. The matcher skips what cannot start a
/// match (a literal prefix, first characters) and shares slot storage between threads; the
/// reference starts a thread at every position and gives each thread its own slots.
@Suite struct PatternDifferentialTests {
    @Test func matchesThePlainPikeVM() throws {
        var random = SeededGenerator(seed: 16)
        var compared = 0
        for _ in 0..<1_500 {
            let pattern = RandomPattern.make(&random)
            let text = String(String.UnicodeScalarView((0..<random.below(40)).map { _ in RandomPattern.textScalars.randomElement(using: &random)! }))
            let ignoresCase = random.below(2) == 0
            guard let program = try? PatternProgram(pattern, ignoresCase: ignoresCase) else { continue }
            let scalars = Array(text.unicodeScalars)
            var matcher = PatternMatcher(program, text: scalars)
            let found = try matcher.matches().map(\.slots)
            let expected = try ReferencePikeVM(program: program, text: scalars).matches()
            #expect(found == expected, "'\(pattern)' (ignoring case: \(ignoresCase)) on '\(text)'")
            compared += 1
        }
        #expect(compared > 1_000)
    }

    @Test func aLiteralPrefixIsFoundWhereverItIs() throws {
        let program = try PatternProgram("kết nạp (\\d+)", ignoresCase: true)
        #expect(program.prefix == Array("kết nạp ".unicodeScalars))
        let text = Array("Kết nạp  kết nạp 12, KẾT NẠP 3 và kết nạp".unicodeScalars)
        var matcher = PatternMatcher(program, text: text)
        let found = try matcher.matches().map { String(String.UnicodeScalarView(text[$0.range(1)!])) }
        #expect(found == ["12", "3"])
        #expect(try PatternProgram("\\bab|ac", ignoresCase: false).prefix.isEmpty)
    }
}

/// Patterns drawn from the syntax the matcher supports, small enough to run thousands.
private enum RandomPattern {
    static let textScalars = Array("aabbc AB1 2.\nếẾ_".unicodeScalars)

    static func make(_ random: inout SeededGenerator) -> String {
        // Half start with a literal, so that the prefix search is exercised.
        (random.below(2) == 0 ? ["ab", "a", "ế", "b a"][random.below(4)] : "") + alternation(&random, depth: 0)
    }

    private static func alternation(_ random: inout SeededGenerator, depth: Int) -> String {
        (0...(random.below(4) == 0 ? 1 : 0)).map { _ in sequence(&random, depth: depth) }.joined(separator: "|")
    }

    private static func sequence(_ random: inout SeededGenerator, depth: Int) -> String {
        (0..<(1 + random.below(4))).map { _ in atom(&random, depth: depth) + quantifier(&random) }.joined()
    }

    private static func atom(_ random: inout SeededGenerator, depth: Int) -> String {
        let simple = ["a", "b", "A", "ế", "Ế", " ", "1", "\\.", ".", "[ab]", "[^a ]", "[a-c2]", "\\d", "\\w", "\\s", "\\W"]
        let choice = random.below(depth < 3 ? 24 : 16)
        if choice < 16 { return simple[choice] }
        switch choice {
        case 16, 17: return "(" + alternation(&random, depth: depth + 1) + ")"
        case 18: return "(?:" + alternation(&random, depth: depth + 1) + ")"
        case 19: return "(?<name>" + alternation(&random, depth: depth + 1) + ")"
        case 20: return ["\\b", "\\B", "^", "$"][random.below(4)]
        default: return ["(?!\\d)", "(?=a)", "(?<=b)", "(?<!\\s)"][random.below(4)]
        }
    }

    private static func quantifier(_ random: inout SeededGenerator) -> String {
        guard random.below(3) == 0 else { return "" }
        return ["*", "+", "?", "{2}", "{1,3}", "{2,}"][random.below(6)] + (random.below(4) == 0 ? "?" : "")
    }
}

/// A Pike VM as plain as can be: a thread started at every position, each thread with its own
/// slots, no prefilter. Slow, and so only for tests.
private struct ReferencePikeVM {
    let program: PatternProgram
    let text: [Unicode.Scalar]

    private struct Thread {
        var pc: Int
        var slots: [Int]
    }

    func matches() throws -> [[Int]] {
        var found: [[Int]] = [], from = 0
        while from <= text.count, let slots = firstMatch(from: from) {
            if slots[1] > slots[0] { found.append(slots) }
            from = slots[1] > slots[0] ? slots[1] : slots[1] + 1
        }
        return found
    }

    private var compared: [Unicode.Scalar] { program.ignoresCase ? text.map(ScalarClass.fold) : text }

    private func firstMatch(from: Int) -> [Int]? {
        let compared = self.compared
        var current: [Thread] = [], matched: [Int]?
        var position = from
        while true {
            if matched == nil {
                current += closure(of: Thread(pc: 0, slots: [Int](repeating: -1, count: 2 * (program.groupCount + 1))), at: position, skipping: current)
            }
            if current.isEmpty, matched != nil || position >= text.count { break }
            var next: [Thread] = []
            for thread in current {
                let advances: Bool
                switch program.instructions[thread.pc] {
                case .match:
                    matched = thread.slots
                    matched![1] = position
                    advances = false
                case .scalar(let wanted): advances = position < text.count && compared[position] == wanted
                case .any: advances = position < text.count && text[position] != "\n"
                case .set(let index): advances = position < text.count && program.classes[index].contains(compared[position])
                default: advances = false
                }
                if case .match = program.instructions[thread.pc] { break }
                if advances { next += closure(of: Thread(pc: thread.pc + 1, slots: thread.slots), at: position + 1, skipping: next) }
            }
            current = next
            if position >= text.count { break }
            position += 1
        }
        return matched
    }

    /// The threads that read a character (or match) reached from `thread` at `position`, in
    /// priority order, leaving out instructions `skipping` or an earlier path already reached.
    private func closure(of thread: Thread, at position: Int, skipping: [Thread]) -> [Thread] {
        var reached = Set(skipping.map(\.pc)), result: [Thread] = [], stack = [thread]
        while var thread = stack.popLast() {
            guard reached.insert(thread.pc).inserted else { continue }
            switch program.instructions[thread.pc] {
            case .jump(let target): thread.pc = target; stack.append(thread)
            case .split(let first, let second):
                stack.append(Thread(pc: second, slots: thread.slots))
                thread.pc = first
                stack.append(thread)
            case .save(let slot): thread.slots[slot] = position; thread.pc += 1; stack.append(thread)
            case .anchor(let anchor):
                let before = position > 0 && ScalarClass.isWord(text[position - 1])
                let after = position < text.count && ScalarClass.isWord(text[position])
                let holds: Bool
                switch anchor {
                case .textStart: holds = position == 0
                case .textEnd: holds = position == text.count
                case .wordBoundary: holds = before != after
                case .notWordBoundary: holds = before == after
                }
                if holds { thread.pc += 1; stack.append(thread) }
            case .look(let index, let behind, let negated):
                let at = behind ? position - 1 : position
                if (at >= 0 && at < text.count && program.classes[index].contains(text[at])) != negated {
                    thread.pc += 1
                    stack.append(thread)
                }
            default: result.append(thread)
            }
        }
        return result
    }
}
