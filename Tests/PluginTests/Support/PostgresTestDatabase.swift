import Foundation
import Testing

/// The PostgreSQL server of the tests: its connection string is the environment variable
/// `REPORTGEN_TEST_POSTGRES` (`.ci/run` starts a throwaway server and sets it). Without it the
/// tests that need a server skip with a note, and fail on CI (CI=true). Tables are loaded with
/// psql's `\copy`, each into a schema of its own, removed afterwards.
enum PostgresTestDatabase {
    static let variable = "REPORTGEN_TEST_POSTGRES"

    /// The connection string; `nil` (after a note, or an issue on CI) when there is none.
    static func connection() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let connection = environment[variable], !connection.isEmpty { return connection }
        if environment["CI"] == "true" {
            Issue.record("CI must set \(variable) to a PostgreSQL server (.ci/run starts one)")
        } else {
            print("note: PostgreSQL tests skipped: \(variable) is unset (a libpq connection string, as .ci/run sets it)")
        }
        return nil
    }

    /// A fresh schema holding one table per item, each made of its columns (name and SQL
    /// type) and loaded from its CSV text (with a header) by `\copy`. Returns the schema.
    static func load(_ tables: [(name: String, columns: [(String, String)], csv: String)], connection: String) throws -> String {
        let schema = "rg_test_\(UUID().uuidString.prefix(8).lowercased())"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(schema)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var script = "CREATE SCHEMA \(schema);\n"
        for table in tables {
            let file = folder.appendingPathComponent("\(table.name).csv")
            try table.csv.write(to: file, atomically: true, encoding: .utf8)
            script += "CREATE TABLE \(schema).\(table.name) (\(table.columns.map { "\"\($0.0)\" \($0.1)" }.joined(separator: ", ")));\n"
            script += "\\copy \(schema).\(table.name) FROM '\(file.path)' WITH (FORMAT csv, HEADER true)\n"
        }
        try psql(script, connection: connection)
        return schema
    }

    static func drop(_ schema: String, connection: String) {
        try? psql("DROP SCHEMA \(schema) CASCADE;", connection: connection)
    }

    static func psql(_ script: String, connection: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", connection]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(message: "psql failed: " + String(decoding: message, as: UTF8.self))
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
