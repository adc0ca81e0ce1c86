import Foundation
import ReportKit

/// Where commands print: results to standard output, diagnostics to standard error in the
/// compiler's form (`file:line:column: error: message`, the source line, a caret).
enum Console {
    static func print(_ text: String, terminator: String = "\n") {
        FileHandle.standardOutput.write(Data((text + terminator).utf8))
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Prints what `error` says; anything not ours is printed as a plain error.
    static func report(_ error: any Error) {
        var diagnostics = Diagnostics()
        diagnostics.append(error)
        var renderer = DiagnosticRenderer.readingFiles
        for diagnostic in diagnostics.sorted { printError(renderer.render(diagnostic)) }
    }
}
