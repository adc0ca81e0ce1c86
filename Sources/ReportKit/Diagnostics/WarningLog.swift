import Synchronization

/// Where a run's steps record warnings: things a user should know but that do not stop the
/// run (a `where` that keeps no row, a period that runs past the data). Shared by every step
/// of one run, the consumers of both cores included, hence the lock.
public final class WarningLog: Sendable {
    private let entries = Mutex<[Diagnostic]>([])

    public init() {}

    /// Records `diagnostic` as a warning; the same warning twice is kept once.
    public func warn(_ diagnostic: Diagnostic) {
        var warning = diagnostic
        warning.severity = .warning
        entries.withLock { list in
            if !list.contains(warning) { list.append(warning) }
        }
    }

    /// Every warning so far, in the order a reader meets them.
    public var all: [Diagnostic] {
        Diagnostics(entries.withLock { $0 }).sorted
    }
}
