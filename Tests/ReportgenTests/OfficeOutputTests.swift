import Foundation
import Testing

/// The Word and Excel outputs of the recipes, read back by real readers: Python's openpyxl and
/// python-docx (`Readers/read_office.py`), against the CSV and JSON the same run wrote. Skips
/// with a note when python3 or a module is missing; fails then when CI=true.
@Suite struct OfficeOutputTests {
    static let script = CommandLineRunner.repositoryRoot.appendingPathComponent("Tests/ReportgenTests/Readers/read_office.py")

    /// Whether python3 with openpyxl and python-docx can run here.
    static let readersAvailable: Bool = CommandLineRunner.pythonImports("openpyxl, docx")

    @Test(arguments: ["tay-ho-2020-2025", "sales-review-2021-2025"])
    func officeFilesReadBackWithOpenpyxlAndPythonDocx(_ recipe: String) throws {
        guard Self.readersAvailable else {
            let note = "python3 with openpyxl and python-docx is not installed: the office files were not read back"
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record(Comment(rawValue: note)) } else { print("note: \(note)") }
            return
        }
        let out = try CommandLineRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CommandLineRunner.run(["run", "recipes/\(recipe)/recipe.yaml", "--out", out.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script.path, recipe, out.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(printed)")
    }
}
