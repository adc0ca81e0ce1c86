/// One error a user can cause, or one warning about something suspicious but not wrong (a
/// filter that keeps nothing, a period without data), with the place that caused it.
///
/// Diagnostics are values: validation collects them, the runner throws errors and hands
/// warnings on with the report, and only the command line turns them into text (see
/// ``DiagnosticRenderer``). `--strict` turns every warning into an error.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    /// A secondary place that explains the error, such as the first of two duplicate keys.
    public struct Note: Sendable, Hashable {
        public var location: SourceLocation?
        public var message: String

        public init(_ message: String, at location: SourceLocation?) {
            self.message = message
            self.location = location
        }
    }

    public var location: SourceLocation?
    public var message: String
    public var notes: [Note]
    public var severity: Severity

    public init(_ message: String, at location: SourceLocation?, notes: [Note] = [], severity: Severity = .error) {
        self.message = message
        self.location = location
        self.notes = notes
        self.severity = severity
    }

    /// A warning: something suspicious that does not stop the run (unless `--strict`).
    public static func warning(_ message: String, at location: SourceLocation?, notes: [Note] = []) -> Diagnostic {
        Diagnostic(message, at: location, notes: notes, severity: .warning)
    }

    public var isWarning: Bool { severity == .warning }

    /// The same diagnostic as an error, as `--strict` makes every warning.
    public var asError: Diagnostic {
        var error = self
        error.severity = .error
        return error
    }

    /// `file:line:column: error: message` (or `warning:`), without the excerpt.
    public var description: String {
        if let location { return "\(location): \(severity.rawValue): \(message)" }
        return "\(severity.rawValue): \(message)"
    }
}

/// Every error found in one pass, sorted by position so that a user fixes them top to bottom.
public struct Diagnostics: Error, Sendable, CustomStringConvertible {
    public private(set) var all: [Diagnostic]

    public init(_ diagnostics: [Diagnostic] = []) {
        all = []
        diagnostics.forEach { append($0) }
    }

    public var isEmpty: Bool { all.isEmpty }

    /// The errors among them (warnings left out).
    public var errors: [Diagnostic] { all.filter { !$0.isWarning } }
    public var warnings: [Diagnostic] { all.filter(\.isWarning) }

    public mutating func append(_ diagnostic: Diagnostic) {
        guard !all.contains(diagnostic) else { return }
        all.append(diagnostic)
    }

    /// Adds what `error` says: its diagnostics when it is ours, else one without a position.
    public mutating func append(_ error: any Error) {
        switch error {
        case let diagnostic as Diagnostic: append(diagnostic)
        case let diagnostics as Diagnostics: diagnostics.all.forEach { append($0) }
        default: append(Diagnostic(String(describing: error), at: nil))
        }
    }

    /// Runs `body`, recording what it throws instead of propagating it.
    public mutating func collect<T>(_ body: () throws -> T) -> T? {
        do { return try body() } catch {
            append(error)
            return nil
        }
    }

    /// The diagnostics in the order a reader meets them: by file, line, column.
    public var sorted: [Diagnostic] {
        all.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }

    /// Throws `self` when any error was recorded (warnings alone do not throw; thrown with
    /// errors, they travel with them so that the user sees both).
    public func throwIfAny() throws {
        if !errors.isEmpty { throw Diagnostics(sorted) }
    }

    /// Like ``throwIfAny()``, but one diagnostic is thrown as itself: for steps that gather
    /// errors only so as not to stop at the first, whose callers expect a ``Diagnostic``.
    public func throwIfAnyAsFound() throws {
        if all.count == 1, !all[0].isWarning { throw all[0] }
        try throwIfAny()
    }

    public var description: String { sorted.map(\.description).joined(separator: "\n") }
}
