import Foundation
import Testing

/// `reportgen burst` as a user runs it: one report per unit, in parallel, failures kept apart.
@Suite struct BurstTests {
    let flagship = "recipes/tay-ho-2020-2025/recipe.yaml"

    func read(_ folder: URL, _ path: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func theFlagshipBurstsIntoOneReportPerWardWithItsOwnFigures() throws {
        let out = try CommandLineRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CommandLineRunner.run(["burst", flagship, "--param", "phuong", "--from", "ket_nap.phuong", "--jobs", "2",
                                                "--out", out.path + "/{{params.phuong}}"])
        #expect(result.status == 0, "\(result.stderr)")
        let wards = ["Bưởi", "Nhật Tân", "Phú Thượng", "Quảng An", "Thụy Khuê", "Tứ Liên", "Xuân La", "Yên Phụ"]
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == wards.sorted())
        #expect(result.stdout.hasSuffix("burst: 8 units of 'phuong': 8 written\n"))
        // Each ward's report states that ward's admissions since 2010, summed here from the data.
        let rows = try String(contentsOf: CommandLineRunner.repositoryRoot.appendingPathComponent("recipes/tay-ho-2020-2025/data/admissions.csv"),
                              encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        for ward in wards {
            let admitted = rows.filter { $0[0] == ward && Int($0[1])! >= 2010 }.reduce(0) { $0 + Int($1[2])! }
            let text = try read(out, "\(ward)/tong-ket.txt").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(text.contains("Đảng ủy phường \(ward), quận Tây Hồ"), "\(ward)")
            #expect(text.contains("Đảng bộ phường \(ward) đã kết nạp được \(admitted.formatted(.number.locale(Locale(identifier: "vi_VN")))) đảng viên"),
                    "\(ward): \(admitted)")
            let csv = try read(out, "\(ward)/ket-nap-theo-nam.csv")
            let byYear = rows.filter { $0[0] == ward && Int($0[1])! >= 2010 }.map { "\($0[1]),\($0[2])" }
            #expect(csv == "nam,ket_nap\r\n" + byYear.map { $0 + "\r\n" }.joined(), "\(ward)")
        }
        // A ward without a written report says so, and its report has no figures from others'.
        #expect(result.stderr.contains("phuong=Tứ Liên: 1 warning"))
        #expect(try !read(out, "Tứ Liên/tong-ket.txt").contains("học sinh trung học phổ thông"))
        #expect(!result.stderr.contains("\r"), "no progress line when standard error is not a terminal")
    }

    @Test func aFailingUnitLeavesTheOthersAndTheSummaryNamesIt() throws {
        let out = try CommandLineRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CommandLineRunner.run(["burst", flagship, "--param", "district", "--values", "Tây Hồ, a/b ,Ba Đình",
                                                "--out", out.path + "/{{params.district}}", "--only", "text"])
        #expect(result.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["Ba Đình", "Tây Hồ"])
        #expect(result.stderr.contains("district=a/b: failed\nerror: --out \(out.path)/{{params.district}}: the path names {{params.district}}, whose value 'a/b' cannot name a file"),
                "\(result.stderr)")
        #expect(result.stderr.hasSuffix("burst: 3 units of 'district': 2 written, 1 failed: 'a/b'\n"))
    }

    @Test func aShardTakesEveryNthUnit() throws {
        let out = try CommandLineRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CommandLineRunner.run(["burst", flagship, "--param", "phuong", "--values", "Bưởi,Nhật Tân,Quảng An,Xuân La,Yên Phụ",
                                                "--shard", "2/2", "--out", out.path + "/{{params.phuong}}", "--only", "csv", "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["Nhật Tân", "Xuân La"])
    }

    /// On a terminal (a pseudo-terminal made by `script`), progress is drawn on standard error
    /// and cleared; under --quiet, only the warnings and errors.
    @Test func progressShowsOnATerminalOnly() throws {
        let out = try CommandLineRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let command = "\(CommandLineRunner.executable.path) burst \(flagship) --param phuong --from ket_nap.phuong --jobs 1 --only csv --out '\(out.path)/{{params.phuong}}'"
        let shown = try CommandLineRunner.run(["-c", "script -qec \"\(command)\" /dev/null"], executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("1/8 units, "), "\(shown.stdout)")
        #expect(shown.stdout.contains("\r\u{1B}[K"))
        let quiet = try CommandLineRunner.run(["-c", "script -qec \"\(command) -q\" /dev/null"], executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(quiet.status == 0)
        #expect(!quiet.stdout.contains("\u{1B}[K") && !quiet.stdout.contains(" units, "), "\(quiet.stdout)")
        #expect(quiet.stdout.contains("phuong=Nhật Tân: 1 warning"), "warnings show even under --quiet")
    }

    @Test func mistakesAreUsageErrors() throws {
        for (arguments, message) in [
            (["--param", "phuong"], "give the units with --values or --from, not both or neither"),
            (["--param", "phuong", "--values", "a", "--shard", "3/2"], "--shard needs K/N with 1 ≤ K ≤ N, such as 2/8, not '3/2'"),
            (["--param", "phuon", "--values", "a"], "the recipe has no param 'phuon'; did you mean 'phuong'?"),
            (["--param", "phuong", "--from", "ket_nap.phuon"], "--from: table 'ket_nap' has no column 'phuon'; did you mean 'phuong'?"),
            (["--param", "phuong", "--values", "a", "--out", "out"], "the units would overwrite one another's files"),
        ] {
            let result = try CommandLineRunner.run(["burst", flagship] + arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
    }

    @Test func outputPathsNameTheUnit() throws {
        let folder = try CommandLineRunner.folder([
            "d.csv": "ward,n\nBưởi,1\nBưởi,2\nXuân La,5\n",
            "recipe.yaml": """
                reportgen: 1
                title: "{{params.ward}}"
                params: {ward: Bưởi}
                sources: {d: {type: csv, path: d.csv}}
                extractors: {t: {type: aggregate, input: d, where: ward = params.ward, measures: {n: sum(n)}}}
                outputs: [{type: csv, table: t, path: "n-{{params.ward}}.csv"}]
                """,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandLineRunner.run(["burst", "recipe.yaml", "--param", "ward", "--from", "d.ward"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try read(folder, "out/n-Bưởi.csv") == "n\r\n3\r\n")
        #expect(try read(folder, "out/n-Xuân La.csv") == "n\r\n5\r\n")
        let unknown = try CommandLineRunner.run(["run", "recipe.yaml", "--set", "ward=", "--out", "o"], in: folder)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("recipe.yaml:6:39: error: the path names {{params.ward}}, whose value '' cannot name a file"), "\(unknown.stderr)")
    }
}
