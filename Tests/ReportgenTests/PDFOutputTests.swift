import Foundation
import Testing

/// The pdf output as a user gets it, read back with poppler's `pdftotext`. These tests need
/// Chromium and poppler-utils: without them they skip with a note, and fail on CI (CI=true),
/// whose .ci/run installs them.
@Suite struct PDFOutputTests {
    /// Whether every program is on the PATH; records an issue on CI when one is not.
    static func have(_ programs: [String]) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let missing = programs.filter { program in
            !path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
        }
        if missing.isEmpty { return true }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("CI must have \(missing.joined(separator: " and ")) (.ci/run installs them)")
        } else {
            print("note: pdf tests skipped: \(missing.joined(separator: " and ")) not on the PATH (apt-get install chromium poppler-utils)")
        }
        return false
    }

    static func text(of pdf: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdftotext", "-layout", pdf.path, "-"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// A region-by-year pivot of 17 years and a total, in `locale`.
    static func widePivot(locale: String, outputs: String) throws -> URL {
        var csv = "year,region,amount\n"
        for year in 2000...2016 {
            for (number, region) in ["Northeast", "Midwest", "South", "West"].enumerated() {
                csv += "\(year),\(region),\(123_456 + year * 37 + number * 1_013).25\n"
            }
        }
        return try CommandLineRunner.folder(["d.csv": csv, "recipe.yaml": """
            reportgen: 1
            title: Amount by region and year
            locale: \(locale)
            sources: {d: {type: csv, path: d.csv, columns: {year: {type: int, format: plain}}}}
            extractors:
              pivot: {type: pivot, input: d, rows: region, columns: year, value: amount, total: true}
            layout:
              - text: A wide table follows.
              - table: pivot
                title: By region and year
            outputs:
            \(outputs)
            """])
    }

    @Test func aWidePivotKeepsItsLastColumnAndTotalWithPageNumbers() throws {
        guard Self.have(["chromium", "pdftotext"]) || Self.have(["chromium-browser", "pdftotext"]) else { return }
        let folder = try Self.widePivot(locale: "en-US", outputs: "  - {type: pdf, path: r.pdf}\n  - {type: html, path: r.html}")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandLineRunner.run(["run", "recipe.yaml", "--out", "out"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let text = try Self.text(of: folder.appendingPathComponent("out/r.pdf"))
        for year in 2000...2016 { #expect(text.contains(String(year)), "column \(year)") }
        #expect(text.contains("Total"))
        // The grand total: the sum of every amount, in the last row's last cell.
        #expect(text.contains("13,550,479"), "the grand total")
        #expect(text.contains("Page 1 of "), "page numbers")
        let pages = text.components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        #expect(text.contains("Page \(pages.count) of \(pages.count)"))
    }

    @Test func vietnamesePagesAreNumberedInVietnameseAndKeepTheirMarks() throws {
        guard Self.have(["chromium", "pdftotext"]) else { return }
        let folder = try Self.widePivot(locale: "vi-VN", outputs: "  - {type: pdf, path: r.pdf}")
        defer { try? FileManager.default.removeItem(at: folder) }
        try String(contentsOf: folder.appendingPathComponent("recipe.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "A wide table follows.", with: "Đảng viên hoàn thành tốt nhiệm vụ")
            .write(to: folder.appendingPathComponent("recipe.yaml"), atomically: true, encoding: .utf8)
        let result = try CommandLineRunner.run(["run", "recipe.yaml", "--out", "out"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let text = try Self.text(of: folder.appendingPathComponent("out/r.pdf"))
        #expect(text.contains("Trang 1/"))
        #expect(text.contains("Đảng viên hoàn thành tốt nhiệm vụ"))
        #expect(text.contains("Tổng cộng"))
    }

    @Test func theSameReportGivesTheSameBytes() throws {
        guard Self.have(["chromium"]) else { return }
        let folder = try Self.widePivot(locale: "en-US", outputs: "  - {type: pdf, path: r.pdf}")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CommandLineRunner.run(["run", "recipe.yaml", "--out", "a"], in: folder).status == 0)
        #expect(try CommandLineRunner.run(["run", "recipe.yaml", "--out", "b"], in: folder).status == 0)
        let first = try Data(contentsOf: folder.appendingPathComponent("a/r.pdf"))
        #expect(first == (try Data(contentsOf: folder.appendingPathComponent("b/r.pdf"))))
        #expect(String(decoding: first, as: UTF8.self).contains("/CreationDate") == false)
    }

    /// Without Chromium the run stops at the output's line, and writes nothing at all.
    @Test func withoutChromiumTheErrorSaysHowToGetIt() throws {
        let folder = try Self.widePivot(locale: "en-US", outputs: "  - {type: html, path: r.html}\n  - {type: pdf, path: r.pdf}")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandLineRunner.run(["run", "recipe.yaml", "--out", "out"], in: folder,
                                               environment: ["PATH": "/nonexistent", "REPORTGEN_CHROMIUM": ""])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("recipe.yaml:13:12: error: the pdf output needs Chromium"), "\(result.stderr)")
        #expect(result.stderr.contains("--chromium"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "nothing written")
        let named = try CommandLineRunner.run(["run", "recipe.yaml", "--out", "out", "--chromium", "no/such/chromium"], in: folder)
        #expect(named.status == 1)
        #expect(named.stderr.contains("error: the pdf output cannot run Chromium:"), "\(named.stderr)")
    }
}
