import Foundation
import ReportKit

/// Headless Chromium, the one seam between reportgen and a layout engine: it prints an HTML
/// page to PDF and nothing else. It runs with a fresh profile in a temporary folder (removed
/// after), without network (every host name resolves to nothing and every
/// request goes to a closed proxy), and is stopped after a timeout.
struct Chromium {
    let executable: URL

    /// The program names looked for on the PATH, in order.
    static let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// Chromium from `REPORTGEN_CHROMIUM` (which `--chromium` sets), else from the PATH.
    static func locate(in environment: [String: String], for location: SourceLocation) throws -> Chromium {
        let fileManager = FileManager.default
        if let named = environment["REPORTGEN_CHROMIUM"], !named.isEmpty {
            guard fileManager.isExecutableFile(atPath: named) else {
                throw Diagnostic("the pdf output cannot run Chromium: '\(named)' (from --chromium or REPORTGEN_CHROMIUM) is not an executable file",
                                 at: location)
            }
            return Chromium(executable: URL(fileURLWithPath: named))
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            for name in names {
                let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if fileManager.isExecutableFile(atPath: candidate.path) { return Chromium(executable: candidate) }
            }
        }
        throw Diagnostic("the pdf output needs Chromium, and there is no chromium on the PATH; install it "
                         + "(apt-get install chromium fonts-noto-core) or name it with --chromium PATH or REPORTGEN_CHROMIUM",
                         at: location)
    }

    /// The PDF of `page`, an HTML document.
    func printToPDF(_ page: [UInt8], timeout: Int, for location: SourceLocation) throws -> [UInt8] {
        let fileManager = FileManager.default
        let folder = fileManager.temporaryDirectory.appendingPathComponent("reportgen-pdf-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: folder) }
        let html = folder.appendingPathComponent("report.html"), pdf = folder.appendingPathComponent("report.pdf")
        let log = folder.appendingPathComponent("chromium.log")
        do {
            try fileManager.createDirectory(at: folder.appendingPathComponent("home"), withIntermediateDirectories: true)
            try Data(page).write(to: html)
            _ = fileManager.createFile(atPath: log.path, contents: nil)
        } catch {
            throw Diagnostic("the pdf output cannot make a temporary folder: \(error.localizedDescription)", at: location)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments(profile: folder.appendingPathComponent("profile"), output: pdf, page: html)
        let home = folder.appendingPathComponent("home").path
        // Chromium and fontconfig write caches under HOME: give them the temporary one.
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home,
                               "XDG_CONFIG_HOME": home, "XDG_CACHE_HOME": home, "LANG": "C.UTF-8"]
        let logHandle = try? FileHandle(forWritingTo: log)
        process.standardOutput = logHandle
        process.standardError = logHandle
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw Diagnostic("the pdf output cannot start Chromium ('\(executable.path)'): \(error.localizedDescription)", at: location)
        }
        let deadline = Date().addingTimeInterval(Double(timeout))
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            let grace = Date().addingTimeInterval(2)
            while process.isRunning, Date() < grace { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            throw Diagnostic("Chromium took longer than \(timeout) seconds to print the pdf output and was stopped; "
                             + "raise the output's timeout if the report is very large", at: location)
        }
        try? logHandle?.close()
        guard process.terminationStatus == 0, let bytes = try? Data(contentsOf: pdf), bytes.starts(with: Array("%PDF".utf8)) else {
            let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            let last = said.split(separator: "\n").last { !$0.contains("dbus") && !$0.contains("bytes written") }.map { ": \($0)" } ?? ""
            throw Diagnostic("Chromium ('\(executable.path)') did not print the pdf output (exit status \(process.terminationStatus))\(last)",
                             at: location)
        }
        return Array(bytes)
    }

    private func arguments(profile: URL, output: URL, page: URL) -> [String] {
        var arguments = [
            "--headless", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(profile.path)",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
            "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
            "--disable-dev-shm-usage",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
            "--print-to-pdf=\(output.path)",
        ]
        // Chromium refuses to run as root with its sandbox (as in containers and CI).
        if geteuid() == 0 { arguments.append("--no-sandbox") }
        return arguments + [page.absoluteString]
    }
}
