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

    /// Every instruction is plain data (a class is named by its place in ``classes``), so that
    /// the matcher reads one without counting references.
    enum Instruction {
        case scalar(Unicode.Scalar)
        /// Any character but a line feed.
        case any
        /// A character in `classes[index]`.
        case set(Int)
        /// Go on at both, the first preferred.
        case split(Int, Int)
        case jump(Int)
        case save(Int)
        case anchor(Anchor)
        /// The next character (the previous one when `behind`) is in `classes[index]`, or
        /// is not when `negated`; the text's ends are in no class.
        case look(Int, behind: Bool, negated: Bool)
        case match
    }

    enum Anchor {
        case textStart, textEnd, wordBoundary, notWordBoundary
    }

    struct Invalid: Error {
        var message: String
    }

    /// Limits that keep a pattern's program, and so each character's work, small.
    static let maximumInstructions = 10_000
    static let maximumRepetition = 1_000
    static let maximumNesting = 100
    static let maximumTabledClasses = 64

    private(set) var instructions: [Instruction] = []
    /// The classes that `set` and `look` instructions name, each once.
    private(set) var classes: [ScalarLookup] = []
    private var classSources: [ScalarClass] = []
    private var classIndices: [ScalarClass: Int] = [:]
    /// Group names, by group number (1 and on; 0 is the whole match).
    private(set) var groupNames: [Int: String] = [:]
    private(set) var groupCount = 0
    let ignoresCase: Bool
    /// What the first character of every match is, when the pattern tells: the characters and
    /// classes that the instructions reachable before any character is read consume. `nil`
    /// when a match may be empty or start with any character (`.`): then every position is a
    /// candidate. The matcher passes over positions that cannot start a match without
    /// starting a thread at each (a literal prefilter, as in Python's `re` and RE2).
    private(set) var firstCharacters: ScalarLookup?
    /// The characters every match starts with (folded when case is ignored), when the pattern
    /// starts with two or more (`kết nạp` starts with `kết`): the matcher looks for them, as
    /// `memmem` would, before starting a thread, so most of a text is never run through the program.
    private(set) var prefix: [Unicode.Scalar] = []

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
        // A table takes a moment to fill: a pattern of thousands of classes does without.
        let tabled = classSources.count <= Self.maximumTabledClasses
        classes = classSources.map { ScalarLookup(classes: [$0], ignoresCase: ignoresCase, tabled: tabled) }
        firstCharacters = firstCharacterLookup()
        prefix = literalPrefix()
    }

    private func firstCharacterLookup() -> ScalarLookup? {
        var scalars = Set<Unicode.Scalar>(), classes: [ScalarClass] = [], visited = Set<Int>(), pending = [0]
        while let pc = pending.popLast() {
            guard visited.insert(pc).inserted else { continue }
            switch instructions[pc] {
            case .scalar(let scalar): scalars.insert(scalar)
            case .set(let index): classes.append(classSources[index])
            case .any, .match: return nil
            case .split(let one, let other): pending += [one, other]
            case .jump(let target): pending.append(target)
            // An assertion only narrows where a match starts; it is checked when a thread starts.
            case .save, .anchor, .look: pending.append(pc + 1)
            }
        }
        return ScalarLookup(scalars: scalars, classes: classes, ignoresCase: ignoresCase)
    }

    /// The scalars read one after another from the start, before any choice; what reads no
    /// character (a save, an assertion) is passed over, since it does not move the match.
    private func literalPrefix() -> [Unicode.Scalar] {
        var prefix: [Unicode.Scalar] = [], pc = 0
        scan: while true {
            switch instructions[pc] {
            case .scalar(let scalar): prefix.append(scalar)
            case .save, .anchor, .look: break
            default: break scan
            }
            pc += 1
        }
        return prefix.count >= 2 ? prefix : []
    }

    /// The index in ``classes`` of `set`, added when new.
    private mutating func classIndex(_ set: ScalarClass) -> Int {
        if let index = classIndices[set] { return index }
        classSources.append(set)
        classIndices[set] = classSources.count - 1
        return classSources.count - 1
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
        case .set(let set): emit(.set(classIndex(set)))
        case .assertion(.textStart): emit(.anchor(.textStart))
        case .assertion(.textEnd): emit(.anchor(.textEnd))
        case .assertion(.wordBoundary): emit(.anchor(.wordBoundary))
        case .assertion(.notWordBoundary): emit(.anchor(.notWordBoundary))
        case .assertion(.ahead(let set, let negated)): emit(.look(classIndex(set), behind: false, negated: negated))
        case .assertion(.behind(let set, let negated)): emit(.look(classIndex(set), behind: true, negated: negated))
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
