import Foundation
import Synchronization

/// Progress of long work on standard error, one line redrawn in place: units done of all,
/// failures, time spent and left. Shown only on a terminal (never in a log from cron or CI)
/// and not under `--quiet`; what the work prints goes above it.
final class ProgressLine: Sendable {
    private struct State {
        var done = 0
        var failed = 0
        var drawn = false
    }

    private let total: Int
    private let shown: Bool
    private let started = Date()
    private let state = Mutex(State())

    init(total: Int, shown: Bool) {
        self.total = total
        self.shown = shown
    }

    /// Counts one unit done; `print` writes what it has to say, above the line.
    func finished(failed: Bool, print: () -> Void) {
        state.withLock { state in
            if state.drawn { Console.printError("\r\u{1B}[K") }
            print()
            state.done += 1
            if failed { state.failed += 1 }
            guard shown, state.done < total else {
                state.drawn = false
                return
            }
            Console.printError(line(state))
            state.drawn = true
        }
    }

    /// Clears the line.
    func end() {
        state.withLock { state in
            if state.drawn { Console.printError("\r\u{1B}[K") }
            state.drawn = false
        }
    }

    private func line(_ state: State) -> String {
        let elapsed = Date().timeIntervalSince(started)
        let left = elapsed / Double(max(state.done, 1)) * Double(total - state.done)
        return "\(state.done)/\(total) units" + (state.failed > 0 ? ", \(state.failed) failed" : "")
            + ", \(Self.duration(elapsed)) spent, about \(Self.duration(left)) left"
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole < 60 ? "\(whole) s" : "\(whole / 60) min \(whole % 60) s"
    }
}
