import Foundation
import Testing
@testable import ReportKit

/// The official YAML test suite, read from `../shared/testdata/yaml-test-suite`.
@Suite struct YAMLConformanceTests {
    /// Valid inputs that libyaml 0.2.5 itself rejects, by test id: YAML 1.2 syntax it predates
    /// (tabs as separation, `:` adjacent to flow keys, `%YAML 1.2`-era directives, empty keys in
    /// flow mappings, comments and document markers in odd places). The parser stops with an
    /// error, which we report with its position; nothing a loader on top of libyaml can change.
    static let rejectedByLibyaml: Set<String> = [
        "2LFX", "2SXE", "4MUZ/00", "4MUZ/01", "4MUZ/02", "58MP", "5MUD", "5T43", "6BCT", "6CA3",
        "6LVF", "7Z25", "8XYN", "96NN/00", "96NN/01", "9SA2", "A2M4", "BEC7", "DBG4", "DK3J",
        "DK95/00", "DK95/03", "DK95/04", "FP8R", "HM87/00", "HWV9", "K3WX", "M7A3", "MUS6/05",
        "MUS6/06", "NJ66", "Q5MG", "QT73", "R4YG", "UT92", "VJP3/01", "W4TN", "W5VH", "Y79Y/001",
        "Y79Y/010",
    ]
    /// Valid inputs that libyaml parses into different data than the spec says, with the reason.
    static let misreadByLibyaml: [String: String] = [
        "652Z": "libyaml reads `?foo` in a flow mapping as an explicit key `foo`, not the plain `?foo`",
        "HM87/01": "libyaml reads `[?x]` as a flow pair with key `x`, not the plain scalar `?x`",
        "JEF9/02": "libyaml drops the trailing line of spaces that a keep (`|+`) block scalar keeps",
        "L24T/01": "libyaml drops a trailing line of spaces inside a block scalar",
        "Y2GN": "libyaml ends the anchor `&an:chor` at the colon, so `:chor value` becomes the value",
    ]
    /// Invalid inputs that libyaml 0.2.5 accepts (it is more lenient than the 1.2 spec about
    /// indentation of flow content, trailing content after documents and directives); each
    /// loads as some data, and none of them crashes.
    static let acceptedByLibyaml: Set<String> = [
        "9C9N", "9HCY", "9JBA", "CVW2", "DK95/01", "EB22", "G5U8", "MUS6/00", "MUS6/01", "QB6E",
        "RHX7", "S98Z", "SU5Z", "X4QW", "Y79Y/003", "YJV2",
    ]

    struct Case {
        let id: String
        let folder: URL
    }

    static func cases() throws -> [Case] {
        let root = TestData.shared.appendingPathComponent("yaml-test-suite")
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var cases: [Case] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.lastPathComponent == "in.yaml" else { continue }
            let folder = url.deletingLastPathComponent()
            let id = String(folder.path.dropFirst(root.path.count + 1))
            cases.append(Case(id: id, folder: folder))
        }
        return cases.sorted { $0.id < $1.id }
    }

    @Test(.enabled(if: TestData.runsSharedTests, "../shared/testdata is absent (a fresh clone); CI=true requires it"))
    func suiteMatchesExpectedData() throws {
        let cases = try Self.cases()
        try #require(cases.count > 300, "the YAML test suite is missing from ../shared/testdata")
        var matched = 0, rejectedValid: [String] = [], misread: [String] = []
        var rejectedInvalid = 0, acceptedInvalid: [String] = [], withJSON = 0
        for testCase in cases {
            let fm = FileManager.default
            let yaml = try Data(contentsOf: testCase.folder.appendingPathComponent("in.yaml"))
            let isInvalid = fm.fileExists(atPath: testCase.folder.appendingPathComponent("error").path)
            let loaded = Result { try YAMLLoader().load(bytes: Array(yaml), file: "in.yaml") }
            if isInvalid {
                switch loaded {
                case .success: acceptedInvalid.append(testCase.id)
                case .failure(let error):
                    let diagnostic = try #require(error as? Diagnostic)
                    #expect((diagnostic.location?.line ?? 0) >= 1, "\(testCase.id): error without a position")
                    rejectedInvalid += 1
                }
                continue
            }
            let jsonURL = testCase.folder.appendingPathComponent("in.json")
            guard let jsonText = try? String(contentsOf: jsonURL, encoding: .utf8) else { continue }
            withJSON += 1
            let expected = try JSON.stream(jsonText)
            switch loaded {
            case .failure(let error):
                let diagnostic = try #require(error as? Diagnostic)
                #expect((diagnostic.location?.line ?? 0) >= 1, "\(testCase.id): error without a position")
                rejectedValid.append(testCase.id)
            case .success(let documents):
                if documents.map(Self.json) == expected { matched += 1 } else { misread.append(testCase.id) }
            }
        }
        print("""
            YAML test suite: \(cases.count) tests; \(withJSON) with in.json: \(matched) match, \
            \(rejectedValid.count) rejected by libyaml, \(misread.count) misread; \
            invalid inputs: \(rejectedInvalid) rejected with a position, \(acceptedInvalid.count) accepted
            """)
        print("rejected valid: \(rejectedValid)")
        print("misread: \(misread)")
        print("accepted invalid: \(acceptedInvalid)")
        #expect(Set(rejectedValid) == Self.rejectedByLibyaml)
        #expect(Set(misread) == Set(Self.misreadByLibyaml.keys))
        #expect(Set(acceptedInvalid) == Self.acceptedByLibyaml)
        #expect(matched >= 234)
    }

    /// The data a node means, as JSON would say it.
    static func json(_ node: YAMLNode) -> JSON {
        switch node.content {
        case .sequence(let items): return .array(items.map(json))
        case .mapping(let pairs):
            var object: [String: JSON] = [:]
            for pair in pairs { object[pair.key.scalarText ?? "?"] = json(pair.value) }
            return .object(object)
        case .scalar:
            switch node.resolved {
            case .null, .collection: return .null
            case .bool(let value): return .bool(value)
            case .int(let value): return .number(Double(value))
            case .float: return .number(node.resolved.doubleValue ?? .nan)
            case .string(let text): return .string(text)
            }
        }
    }
}
