import CSQLite
import Foundation
import ReportKit
import ReportgenTesting
import Testing
@testable import SQLPlugins

/// Hostile queries and databases: budgets, limits and refusals with an error at the query;
/// nothing written beside a database, and no value silently changed.
@Suite struct SQLRobustnessTests {
    func query(_ sql: String, in folder: URL = FileManager.default.temporaryDirectory, path: String? = nil) -> String {
        PluginHarness.describe {
            let table: Table
            if let path {
                let options = try PluginHarness.options("{path: \(path), query: \(FuzzQuote.yaml(sql))}", kind: .source, type: "sqlite",
                                                        specs: SQLiteSource.options, directory: folder)
                table = try SQLiteSource(options: options).load(context: PluginHarness.context(folder))
            } else {
                let options = try PluginHarness.options("{inputs: [t], query: \(FuzzQuote.yaml(sql))}", kind: .extractor, type: "sql",
                                                        specs: SQLExtractor.options, directory: folder)
                let input = Table(columns: [Column("n", .int)], rows: [[.int(1)], [.int(2)]])
                table = try SQLExtractor(options: options).extract(inputs: ["t": input], context: PluginHarness.context(folder))
            }
            throw Diagnostic("rows: " + table.rows.map { $0.map(\.plainText).joined(separator: ",") }.joined(separator: ";"), at: nil)
        }
    }

    @Test func aQueryWithoutAnEndStopsAtItsBudget() throws {
        let started = ThreadTime.now
        let database = try SQLiteDatabase(path: nil, budget: 5_000_000)
        database.allowReadingOnly()
        #expect(throws: SQLiteDatabase.Failure.self) {
            _ = try database.query("with recursive r(n) as (select 1 union all select n + 1 from r) select count(*) from r")
        }
        do { _ = try database.query("with recursive r(n) as (select 1 union all select n + 1 from r) select count(*) from r") } catch let failure as SQLiteDatabase.Failure {
            #expect(failure.message.hasPrefix("the query ran past its budget of 5000000 steps"))
        }
        #expect(ThreadTime.now - started < .seconds(10))
    }

    @Test func valuesAreLimitedInLength() {
        let started = ThreadTime.now
        #expect(query("select printf('%.*c', 2147483647, 'x')").hasSuffix("printf: a width or precision of 2147483647 is past the 1000000 allowed"))
        #expect(query("select format('%2000000d', 1)").contains("past the 1000000 allowed"))
        #expect(query("select printf('%5.1f|%-3s|%%|%.*c', 2.25, 'ab', 3, 'x') as x") == "-: rows: 2.2|ab |%|xxx" || query("select printf('%5.1f|%-3s|%%|%.*c', 2.25, 'ab', 3, 'x') as x") == "-: rows:   2.3|ab |%|xxx")
        #expect(query("select printf('%.*c', 1000000, 'x') || printf('%.*c', 1000000, 'x') || group_concat(printf('%.*c', 1000000, 'x'), '') from (with recursive r(n) as (select 1 union all select n + 1 from r where n < 70) select n from r)").contains("longer than 64 MiB"))
        #expect(query("select zeroblob(1000000000)").contains("longer than 64 MiB"))
        #expect(ThreadTime.now - started < .seconds(10))
    }

    @Test func functionsThatReadMemoryAreRefused() {
        #expect(query("select hex(fts3_tokenizer('simple'))").contains("call fts3_tokenizer or load_extension"))
        #expect(query("select load_extension('x')").contains("may only read"))
    }

    @Test func aSecondStatementIsAnErrorAtItsPlace() {
        #expect(query("select n from t; delete from t") == "recipe.yaml:1:40: SQL: the query holds more than one statement; write one (a second after ';' would not run)")
        #expect(query("select n from t; -- done\n").hasPrefix("-: rows: 1;2"))
    }

    @Test func valuesNoTableHoldsAreErrorsAndBlobsAreHex() {
        #expect(query("select -1e999 as x").hasSuffix("row 1, column 'x' of the result is -inf, which is no number a report can show"))
        #expect(query("select 'a' || char(0) || 'b' as x").hasSuffix("row 1, column 'x' of the result holds a NUL character, which would cut the text short"))
        #expect(query("select cast(x'FF' as text) as x").hasSuffix("row 1, column 'x' of the result is not UTF-8 text"))
        #expect(query("select x'CAFE00' as x") == "-: rows: x'CAFE00'")
    }

    /// A database in WAL mode is read without a `-shm` or `-wal` appearing beside it, even when
    /// its folder may be written; one with changes still in its `-wal` file is refused.
    @Test func readingADatabaseInWALModeWritesNothingBesideIt() throws {
        let folder = try PluginHarness.folder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("wal.db").path
        // SQLite set up as reportgen sets it up, before this test opens it (tests run at once).
        _ = SQLiteDatabase.configured
        var handle: OpaquePointer?
        #expect(sqlite3_open(path, &handle) == SQLITE_OK)
        for sql in ["pragma journal_mode = wal", "create table t (n integer)", "insert into t values (1), (2)"] {
            #expect(sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK)
        }
        sqlite3_close(handle)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["wal.db"])
        #expect(query("select n from t", in: folder, path: "wal.db") == "-: rows: 1;2")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["wal.db"])
        // A writer that has not checkpointed: its changes are in wal.db-wal.
        var writer: OpaquePointer?
        #expect(sqlite3_open(path, &writer) == SQLITE_OK)
        #expect(sqlite3_exec(writer, "pragma wal_autocheckpoint = 0; insert into t values (3)", nil, nil, nil) == SQLITE_OK)
        #expect(query("select n from t", in: folder, path: "wal.db").contains("the database has changes not yet written into it (its -wal file)"))
        sqlite3_close(writer)
    }
}

/// A query as a double-quoted YAML scalar.
enum FuzzQuote {
    static func yaml(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
