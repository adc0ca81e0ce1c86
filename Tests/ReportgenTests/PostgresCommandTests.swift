import Foundation
import Testing

/// The `postgres` source as a user meets it: the flagship's twin over PostgreSQL states the
/// same figures as over CSV, push-down on or off, burst per ward or whole; mistakes and
/// refusals are positioned errors that never show a password. They need the server of
/// `REPORTGEN_TEST_POSTGRES` (`.ci/run` starts one): without it they skip with a note, and fail
/// on CI.
@Suite struct PostgresCommandTests {
    static func connection() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let connection = environment["REPORTGEN_TEST_POSTGRES"], !connection.isEmpty { return connection }
        if environment["CI"] == "true" {
            Issue.record("CI must set REPORTGEN_TEST_POSTGRES to a PostgreSQL server (.ci/run starts one)")
        } else {
            print("note: PostgreSQL tests skipped: REPORTGEN_TEST_POSTGRES is unset")
        }
        return nil
    }

    /// Runs a psql script from the repository root into a fresh schema; returns a connection
    /// string whose search path is that schema.
    static func schema(_ script: String, connection: String) throws -> String {
        let schema = "rg_cli_\(UUID().uuidString.prefix(8).lowercased())"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", connection]
        process.currentDirectoryURL = CommandLineRunner.repositoryRoot
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("CREATE SCHEMA \(schema); SET search_path = \(schema);\n\(script)\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "psql failed")
        return connection + " options='-c search_path=\(schema)'"
    }

    let golden = CommandLineRunner.repositoryRoot.appendingPathComponent("Tests/ReportgenTests/Golden/tay-ho-2020-2025")

    @Test func theFlagshipsTwinStatesTheSameFiguresPushedOrNot() throws {
        guard let server = Self.connection() else { return }
        let script = try String(contentsOf: CommandLineRunner.repositoryRoot.appendingPathComponent("recipes/tay-ho-2020-2025/data/postgres.sql"),
                                encoding: .utf8)
        let connection = try Self.schema(script, connection: server)
        for flags in [[], ["--no-pushdown"]] {
            let out = try CommandLineRunner.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: out) }
            let result = try CommandLineRunner.run(["run", "recipes/tay-ho-2020-2025/postgres.yaml", "--out", out.path] + flags,
                                                   environment: ["REPORTGEN_POSTGRES": connection])
            #expect(result.status == 0, "\(result.stderr)")
            let written = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted().filter { !$0.hasSuffix(".docx") && !$0.hasSuffix(".xlsx") }
            #expect(written == ["dang-vien.csv", "ket-nap-theo-nam.csv", "to-chuc.csv", "tong-ket.html", "tong-ket.md", "tong-ket.txt"])
            for file in written {
                let twin = try Data(contentsOf: out.appendingPathComponent(file)), flagship = try Data(contentsOf: golden.appendingPathComponent(file))
                #expect(Self.figures(twin) == Self.figures(flagship), "\(flags) \(file)")
            }
        }
        let explained = try CommandLineRunner.run(["validate", "--explain", "recipes/tay-ho-2020-2025/postgres.yaml"],
                                                  environment: ["REPORTGEN_POSTGRES": connection])
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.contains("""
            explain: extractor 'dang_vien_theo_nam' reads source 'danh_gia'
              in the database: the span: rows whose nam lies in 2020 to 2025; where doi_tuong = 'dang_vien'; where params.phuong = '' or phuong = params.phuong; group_by nam; sum(hoan_thanh_tot); sum(tong_so)
            """), "\(explained.stdout)")
        #expect(explained.stdout.components(separatedBy: "GROUP BY 1").count == 5, "every grouped aggregate runs in the database")
        #expect(!explained.stdout.contains("every row is read"))

        // Burst per ward over PostgreSQL: each ward's files are those of the CSV flagship's burst.
        let overCSV = try CommandLineRunner.temporaryFolder(), overPostgres = try CommandLineRunner.temporaryFolder()
        defer { [overCSV, overPostgres].forEach { try? FileManager.default.removeItem(at: $0) } }
        let units = ["--param", "phuong", "--from", "ket_nap_theo_phuong.phuong", "--only", "text,csv,markdown"]
        #expect(try CommandLineRunner.run(["burst", "recipes/tay-ho-2020-2025/recipe.yaml", "--out", overCSV.path + "/{{params.phuong}}"] + units).status == 0)
        let burst = try CommandLineRunner.run(["burst", "recipes/tay-ho-2020-2025/postgres.yaml", "--out", overPostgres.path + "/{{params.phuong}}"] + units,
                                              environment: ["REPORTGEN_POSTGRES": connection])
        #expect(burst.status == 0, "\(burst.stderr)")
        let wards = try FileManager.default.contentsOfDirectory(atPath: overCSV.path).sorted()
        #expect(wards.count == 8)
        #expect(try FileManager.default.contentsOfDirectory(atPath: overPostgres.path).sorted() == wards)
        for ward in wards {
            for file in try FileManager.default.contentsOfDirectory(atPath: overCSV.appendingPathComponent(ward).path) {
                #expect(Self.figures(try Data(contentsOf: overPostgres.appendingPathComponent("\(ward)/\(file)")))
                        == Self.figures(try Data(contentsOf: overCSV.appendingPathComponent("\(ward)/\(file)"))), "\(ward)/\(file)")
            }
        }
    }

    /// What a document states: everything before its "sources and method" section, byte for
    /// byte, and in that section the rows each step read ("Đọc 128 trên 128 dòng của 'ket_nap'").
    /// The section's other lines differ between the twins as they should: the sources are a CSV
    /// file and a PostgreSQL table, on other lines of their recipes.
    static func figures(_ data: Data) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        guard let method = text.range(of: "Nguồn số liệu và cách tính") else { return [text] }
        let section = text[method.lowerBound...].split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let reads = section.components(separatedBy: "Đọc ").dropFirst().compactMap { piece -> String? in
            guard let of = piece.range(of: "của '"), let end = piece[of.upperBound...].firstIndex(of: "'") else { return nil }
            return String(piece[..<end])
        }
        return [String(text[..<method.lowerBound])] + reads
    }

    /// A recipe reading `source` (the options of a postgres source) into a text report.
    func run(_ source: String, connection: String, extra: String = "outputs: [{type: text, path: r.txt}]") throws -> CommandLineRunner.Result {
        let folder = try CommandLineRunner.folder(["recipe.yaml": "reportgen: 1\ntitle: T\nsources:\n  d:\n    type: postgres\n    connection: ${PGTEST}\n"
                                                   + source + "\n" + extra + "\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        return try CommandLineRunner.run(["run", "recipe.yaml", "--out", "out"], in: folder, environment: ["PGTEST": connection])
    }

    @Test func columnsAreTypedFromTheResultAndNumbersStayExact() throws {
        guard let server = Self.connection() else { return }
        let connection = try Self.schema("""
            CREATE TABLE t (a smallint, b integer, c bigint, d numeric(30,10), e double precision, f date, g timestamp,
                            h timestamptz, i text, j varchar(5), k char(4), l boolean, m uuid);
            INSERT INTO t VALUES (1, 2, 9223372036854775807, 12345678901234567890.0123456789, 0.1, '2024-02-29',
                                  '2024-03-01 23:59:59', '2024-03-01 23:30:00+00', 'Bưởi', 'ab', 'x', true,
                                  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
            """, connection: server)
        let result = try run("    table: t", connection: connection, extra: "outputs: [{type: json, path: r.json}]")
        #expect(result.status == 0, "\(result.stderr)")
        let folder = try CommandLineRunner.folder(["recipe.yaml": """
            reportgen: 1
            title: T
            sources: {d: {type: postgres, connection: "${PGTEST}", table: t}}
            extractors: {s: {type: aggregate, input: d, measures: {d: sum(d), e: sum(e + e + e), c: max(c)}}}
            outputs: [{type: json, path: r.json}]
            """])
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = try CommandLineRunner.run(["run", "recipe.yaml", "--out", "out"], in: folder, environment: ["PGTEST": connection])
        #expect(json.status == 0, "\(json.stderr)")
        let text = try String(contentsOf: folder.appendingPathComponent("out/r.json"), encoding: .utf8).filter { !$0.isWhitespace }
        let types = ["int", "int", "int", "decimal", "decimal", "date", "datetime", "datetime", "string", "string", "string", "bool", "string"]
        // A timestamp is the recipe's wall clock (UTC by default), a timestamptz a moment.
        for fragment in ["[1,2,9223372036854775807,12345678901234567890.0123456789,0.1,\"2024-02-29\",\"2024-03-01T23:59:59Z\",\"2024-03-01T23:30:00Z\",\"Bưởi\",\"ab\",\"x\",true,\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"]",
                         "[12345678901234567890.0123456789,0.3,9223372036854775807]",
                         zip("abcdefghijklm", types).map { "{\"name\":\"\($0)\",\"type\":\"\($1)\"}" }.joined(separator: ",")] {
            #expect(text.contains(fragment), "\(fragment)\n\(text)")
        }
    }

    @Test func mistakesArePositionedAndPasswordsNeverShown() throws {
        guard let server = Self.connection() else { return }
        let connection = try Self.schema("CREATE TABLE t (ward text, n integer); INSERT INTO t VALUES ('Bưởi', 1);", connection: server)
        let misspelt = try run("    query: select ward, amout from t", connection: connection)
        #expect(misspelt.status == 1)
        #expect(misspelt.stderr.hasPrefix("recipe.yaml:7:25: error: PostgreSQL, source 'd': column \"amout\" does not exist\n"), "\(misspelt.stderr)")
        let capitals = try run("    table: Events", connection: connection)
        #expect(capitals.stderr.contains("(the name is taken as written, capitals included; a table created without quotes is 'events')"))
        let writes = try run("    query: select nextval('s')", connection: connection)
        #expect(writes.stderr.contains("error: PostgreSQL, source 'd': "), "\(writes.stderr)")
        let slow = try run("    query: select pg_sleep(5)\n    timeout: 1", connection: connection)
        #expect(slow.stderr.contains("canceling statement due to statement timeout"), "\(slow.stderr)")
        let both = try run("    table: t\n    query: select 1", connection: connection)
        #expect(both.stderr.hasPrefix("recipe.yaml:8:12: error: give 'table' or 'query', not both"), "\(both.stderr)")
        let declared = try run("    table: t\n    columns: {ward: int, wrd: string}", connection: connection)
        #expect(declared.stderr.contains("recipe.yaml:8:15: error: column 'ward' is string in the database and cannot be read as int"), "\(declared.stderr)")
        #expect(declared.stderr.contains("recipe.yaml:8:26: error: source 'd' has no column 'wrd'; did you mean 'ward'?"), "\(declared.stderr)")
        let secret = "s3cr3t-Pa55"
        let refused = try run("    table: t", connection: "postgresql://reportgen:\(secret)@127.0.0.1:1/postgres?connect_timeout=2")
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("recipe.yaml:6:17: error: source 'd' cannot connect to PostgreSQL: "), "\(refused.stderr)")
        let unreadable = try run("    table: t", connection: "host=x password \(secret)")
        #expect(unreadable.stderr.contains("the connection string cannot be read"), "\(unreadable.stderr)")
        for result in [refused, unreadable] { #expect(!result.stderr.contains(secret)) }
    }
}
