import Foundation
import HTMLPlugins
import ReportKit

/// The report as a PDF: the `html` output's page, printed by headless Chromium (an existing,
/// maintained layout engine) on A4, with the page's running header and page numbers, fonts
/// embedded. Chromium is the user's: `--chromium PATH`, `REPORTGEN_CHROMIUM`, or `chromium`
/// (or `chromium-browser`, `google-chrome`) on the PATH; never named by a recipe, so that a
/// recipe cannot run a program. The bytes are the same for the same report: Chromium's
/// creation and modification dates are blanked.
public struct PDFOutput: Output {
    public static let type = "pdf"
    public static let summary = "the HTML report printed to an A4 PDF by headless Chromium, with page numbers"

    public struct Options: PluginOptions {
        @OptionGroup var page: HTMLOutput.Options
        @Option(doc: "how long Chromium may take before it is stopped: seconds, or 90s, 2m", example: "60")
        var timeout = Duration.seconds(120)

        public init() {}
    }

    private let html: HTMLOutput
    private let timeout: Int
    private let location: SourceLocation

    public init(options: Options, setup: PluginSetup) throws {
        html = try HTMLOutput(options: options.page, setup: setup)
        location = setup.typeLocation
        guard options.timeout >= .seconds(1), options.timeout <= .seconds(3600) else {
            throw options.$timeout.mustBe("1 second to 1 hour", not: options.timeout.documentedDefault?.description ?? "")
        }
        timeout = Int(options.timeout.wholeSeconds)
    }

    public func render(_ report: Report) throws -> [UInt8] {
        let page = try html.render(report)
        let chromium = try Chromium.locate(in: report.environment, for: location)
        let pdf = try chromium.printToPDF(page, timeout: timeout, for: location)
        return PDFDates.blanked(pdf)
    }
}

/// Chromium writes the time of printing as the document's creation and modification dates;
/// each is overwritten with spaces of the same length (PDF allows white space between a
/// dictionary's entries), so that no byte offset of the file moves and the same report gives
/// the same bytes.
enum PDFDates {
    static func blanked(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for key in ["/CreationDate (", "/ModDate ("] {
            // Chromium writes each once, in the document information dictionary.
            guard let start = find(Array(key.utf8), in: result),
                  let close = result[(start + key.utf8.count)...].prefix(64).firstIndex(of: UInt8(ascii: ")")) else { continue }
            for position in start...close { result[position] = UInt8(ascii: " ") }
        }
        return result
    }

    private static func find(_ pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        var index = 0
        while index <= bytes.count - pattern.count {
            if bytes[index] == pattern[0], Array(bytes[index..<(index + pattern.count)]) == pattern { return index }
            index += 1
        }
        return nil
    }
}

public enum PDFPlugins: PluginModule {
    public static let plugins: [any Plugin.Type] = [PDFOutput.self]
}
