import Foundation
import Synchronization

/// Progress of a long run on standard error: how much it has read (files, or rows from a
/// database), of how much when its input files' size is known, and the time left. It watches
/// the process's own count of bytes read (Linux's `/proc/self/io`), so that every source,
/// file or database, shows without being told; elsewhere it shows nothing. It draws only after
/// a second, on a terminal, and clears its line when the run ends.
final class ReadProgress: Sendable {
    private let total: Int64?
    private let started = Date()
    private let stopped = Mutex(false)
    private let done = DispatchSemaphore(value: 0)
    private let baseline: Int64

    /// Starts watching; `total` is the size of the input files, when there are any.
    init(total: Int64?) {
        self.total = total.flatMap { $0 > 0 ? $0 : nil }
        baseline = Self.bytesRead() ?? 0
        guard Self.bytesRead() != nil else {
            done.signal()
            return
        }
        Thread.detachNewThread { [self] in
            var drawn = false
            while !stopped.withLock({ $0 }) {
                Thread.sleep(forTimeInterval: 0.25)
                let elapsed = Date().timeIntervalSince(started)
                guard elapsed >= 1, !stopped.withLock({ $0 }), let read = Self.bytesRead() else { continue }
                Console.printError("\r\u{1B}[K" + line(read - baseline, elapsed: elapsed))
                drawn = true
            }
            if drawn { Console.printError("\r\u{1B}[K") }
            done.signal()
        }
    }

    func stop() {
        stopped.withLock { $0 = true }
        done.wait()
    }

    private func line(_ read: Int64, elapsed: Double) -> String {
        var text = "read \(Self.megabytes(read))"
        if let total, read < total {
            let left = elapsed / Double(read) * Double(total - read)
            text += " of \(Self.megabytes(total)) (\(read * 100 / total)%), \(ProgressLine.duration(elapsed)) spent, about \(ProgressLine.duration(left)) left"
        } else {
            text += ", \(ProgressLine.duration(elapsed)) spent"
        }
        return text
    }

    private static func megabytes(_ bytes: Int64) -> String {
        bytes < 10 << 20 ? "\((bytes + 1023) / 1024) KB" : "\(bytes >> 20) MB"
    }

    /// `rchar` of `/proc/self/io`: every byte the process has read, from files and sockets.
    private static func bytesRead() -> Int64? {
        guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("rchar:") })
        else { return nil }
        return Int64(line.dropFirst("rchar:".count).trimmingCharacters(in: .whitespaces))
    }
}
