/// A regular expression compiled for ``PatternMatcher``: a program of a Thompson NFA, which the
/// matcher runs in time linear in the text (at most one step per instruction per character).
///
/// Written by hand because Swift's `Regex` backtracks: `(a+)+b` on 24 `a`s ran for minutes,
/// and 5,000 `[` crashed its parser; NSRegularExpression and POSIX `regexec` backtrack as well.
/// RE2 is linear but C++ only. The syntax is the everyday part of Perl's and Swift's:
/// literals, `.`, classes `[a-z]` `[^...]`, `\d \w \s \D \W \S \b \B`, `\t \n \r`, `\uXXXX`,
/// `\x{...}`, `^ $`, groups `(...)` `(?:...)` `(?<name>...)`, `|`, and `* + ? {n} {n,} {n,m}`,
/// greedy or lazy (`*?`); a lookahead or lookbehind of one character class (`(?!\d)`,
/// `(?<=\s)`). Back-references and longer lookarounds, which no linear matcher can run, are
/// errors that say so.
struct PatternProgram {
    enum Assertion {
        case textStart, textEnd, wordBoundary, notWordBoundary
        /// The next (or previous) character is (or is not) in the class.
        case ahead(ScalarClass, negated: Bool), behind(ScalarClass, negated: Bool)
    }

    enum Instruction {
        case scalar(Unicode.Scalar)
        /// Any character but a line feed.
        case any
        case set(ScalarClass)
        /// Go on at both, the first preferred.
        case split(Int, Int)
        case jump(Int)
        case save(Int)
        case assert(Assertion)
        case match
    }

    struct Invalid: Error {
        var message: String
    }

    /// Limits that keep a pattern's program, and so each character's work, small.
    static let maximumInstructions = 10_000
    static let maximumRepetition = 1_000
    static let maximumNesting = 100

    private(set) var instructions: [Instruction] = []
    /// Group names, by group number (1 and on; 0 is the whole match).
    private(set) var groupNames: [Int: String] = [:]
    private(set) var groupCount = 0
    let ignoresCase: Bool

    init(_ source: String, ignoresCase: Bool) throws {
        self.ignoresCase = ignoresCase
        var parser = PatternParser(Array(source.unicodeScalars))
        let tree = try parser.parse()
        groupNames = parser.groupNames
        groupCount = parser.groupCount
        emit(.save(0))
        try compile(tree)
        emit(.save(1))
        emit(.match)
        firstCharacters = Self.firstCharacters(of: instructions, ignoresCase: ignoresCase)
    }

    /// What the first character of every match is, when the pattern tells: the characters and
    /// classes that the instructions reachable before any character is read consume. `nil`
    /// when a match may be empty or start with any character (`.`): then every position is a
    /// candidate. The matcher passes over positions that cannot start a match without
    /// starting a thread at each (a literal prefilter, as in Python's `re` and RE2).
    struct FirstCharacters {
        private let scalars: Set<Unicode.Scalar>
        private let classes: [ScalarClass]
        private let ignoresCase: Bool
        /// The answer for every scalar below ``tabled`` (Latin, Vietnamese, Greek, Cyrillic),
        /// a bit each, worked out once: the text is mostly those.
        private let table: [UInt64]
        private static let tabled: UInt32 = 0x2000

        init(scalars: Set<Unicode.Scalar>, classes: [ScalarClass], ignoresCase: Bool) {
            self.scalars = scalars
            self.classes = classes
            self.ignoresCase = ignoresCase
            var table = [UInt64](repeating: 0, count: Int(Self.tabled) / 64)
            for value in 0..<Self.tabled {
                guard let scalar = Unicode.Scalar(value),
                      scalars.contains(scalar) || classes.contains(where: { $0.contains(scalar, ignoringCase: ignoresCase) }) else { continue }
                table[Int(value) >> 6] |= 1 << UInt64(value & 63)
            }
            self.table = table
        }

        @inline(__always)
        func admits(_ scalar: Unicode.Scalar) -> Bool {
            let value = scalar.value
            if value < Self.tabled { return table[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0 }
            return scalars.contains(scalar) || classes.contains { $0.contains(scalar, ignoringCase: ignoresCase) }
        }
    }

    private(set) var firstCharacters: FirstCharacters?

    private static func firstCharacters(of instructions: [Instruction], ignoresCase: Bool) -> FirstCharacters? {
        var scalars = Set<Unicode.Scalar>(), classes: [ScalarClass] = [], visited = Set<Int>(), pending = [0]
        while let pc = pending.popLast() {
            guard visited.insert(pc).inserted else { continue }
            switch instructions[pc] {
            case .scalar(let scalar): scalars.insert(scalar)
            case .set(let set): classes.append(set)
            case .any, .match: return nil
            case .split(let one, let other): pending += [one, other]
            case .jump(let target): pending.append(target)
            // An assertion only narrows where a match starts; it is checked when a thread starts.
            case .save, .assert: pending.append(pc + 1)
            }
        }
        return FirstCharacters(scalars: scalars, classes: classes, ignoresCase: ignoresCase)
    }

    private mutating func emit(_ instruction: Instruction) {
        instructions.append(instruction)
    }

    private mutating func compile(_ node: PatternNode) throws {
        guard instructions.count <= Self.maximumInstructions else {
            throw Invalid(message: "it compiles to more than \(Self.maximumInstructions) steps (repetitions such as {1000} multiply what they repeat); write a shorter pattern")
        }
        switch node {
        case .empty: break
        case .scalar(let scalar): emit(.scalar(ignoresCase ? ScalarClass.fold(scalar) : scalar))
        case .any: emit(.any)
        case .set(let set): emit(.set(set))
        case .assertion(let assertion): emit(.assert(assertion))
        case .concat(let parts): for part in parts { try compile(part) }
        case .group(let inner, let number):
            if let number { emit(.save(2 * number)) }
            try compile(inner)
            if let number { emit(.save(2 * number + 1)) }
        case .alternation(let choices):
            var jumps: [Int] = []
            for (index, choice) in choices.enumerated() {
                if index < choices.count - 1 {
                    let split = instructions.count
                    emit(.split(split + 1, -1))
                    try compile(choice)
                    jumps.append(instructions.count)
                    emit(.jump(-1))
                    instructions[split] = .split(split + 1, instructions.count)
                } else {
                    try compile(choice)
                }
            }
            for jump in jumps { instructions[jump] = .jump(instructions.count) }
        case .repetition(let inner, let minimum, let maximum, let greedy):
            for _ in 0..<minimum { try compile(inner) }
            if let maximum {
                // Each optional copy may be skipped to the end: x{1,3} is x(x(x)?)?.
                var splits: [Int] = []
                for _ in minimum..<maximum {
                    splits.append(instructions.count)
                    emit(.split(-1, -1))
                    try compile(inner)
                }
                for split in splits { instructions[split] = branch(from: split, greedy: greedy) }
            } else {
                let split = instructions.count
                emit(.split(-1, -1))
                try compile(inner)
                emit(.jump(split))
                instructions[split] = branch(from: split, greedy: greedy)
            }
        }
    }

    /// The split at `from`: into the repeated part (just after it) or past it, in the order
    /// greediness prefers.
    private func branch(from split: Int, greedy: Bool) -> Instruction {
        greedy ? .split(split + 1, instructions.count) : .split(instructions.count, split + 1)
    }
}

/// A pattern as written, parsed: flat lists for sequences and alternatives, so that only
/// groups nest (at most ``PatternProgram/maximumNesting`` deep).
indirect enum PatternNode {
    case empty
    case scalar(Unicode.Scalar)
    case any
    case set(ScalarClass)
    case assertion(PatternProgram.Assertion)
    case concat([PatternNode])
    case alternation([PatternNode])
    /// A group, with its number when it captures.
    case group(PatternNode, Int?)
    case repetition(PatternNode, Int, Int?, greedy: Bool)
}
