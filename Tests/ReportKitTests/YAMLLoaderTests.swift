import Foundation
import Testing
@testable import ReportKit

@Suite struct YAMLLoaderTests {
    func load(_ text: String) throws -> YAMLNode {
        try #require(try YAMLLoader().load(text, file: "t.yaml").first)
    }

    /// The error loading `bytes` gives, or `nil` when it loads.
    func error(_ bytes: [UInt8], file: String = "t.yaml") -> Diagnostic? {
        do {
            _ = try YAMLLoader().load(bytes: bytes, file: file)
            return nil
        } catch {
            return error
        }
    }

    func error(_ text: String, file: String = "t.yaml") -> Diagnostic? { error(Array(text.utf8), file: file) }

    @Test func everyNodeKnowsItsPosition() throws {
        let root = try load("a: 1\nlist:\n  - x\n  - {k: Tây Hồ, m: v}\n")
        #expect(root["a"]?.location == SourceLocation(file: "t.yaml", line: 1, column: 4))
        let items = try #require(root["list"]?.sequence)
        #expect(items[0].location.line == 3 && items[0].location.column == 5)
        let flow = try #require(items[1].mapping)
        #expect(flow[1].key.location.line == 4 && flow[1].key.location.column == 17, "columns count characters, not bytes")
    }

    @Test(arguments: [
        ("yes", YAMLScalarValue.string("yes")), ("on", .string("on")), ("No", .string("No")),
        ("20:03:20", .string("20:03:20")), ("0x1F", .int(31)), ("0o17", .int(15)), ("-12", .int(-12)),
        ("1e3", .float("1e3")), (".inf", .float(".inf")), ("-.Inf", .float("-.Inf")), (".NaN", .float(".NaN")),
        ("~", .null), ("null", .null), ("", .null), ("True", .bool(true)), ("FALSE", .bool(false)),
        ("2020-03-15", .string("2020-03-15")), ("1_000", .string("1_000")), ("0x", .string("0x")), ("+.5", .float("+.5")),
    ])
    func plainScalarsFollowTheCoreSchema(text: String, expected: YAMLScalarValue) throws {
        #expect(try load("v: \(text)\n")["v"]?.resolved == expected)
    }

    @Test func quotedAndTaggedScalarsAreStrings() throws {
        let root = try load("a: '12'\nb: \"true\"\nc: !!str 12\nd: ! 12\ne: !!int \"7\"\n")
        #expect(root["a"]?.resolved == .string("12"))
        #expect(root["b"]?.resolved == .string("true"))
        #expect(root["c"]?.resolved == .string("12"))
        #expect(root["d"]?.resolved == .string("12"))
        #expect(root["e"]?.resolved == .int(7))
    }

    @Test func aliasesAreResolved() throws {
        let root = try load("base: &b {x: 1}\ncopy: *b\n")
        #expect(root["copy"]?["x"]?.resolved == .int(1))
        #expect(root["copy"]?.location.line == 2)
    }

    @Test func billionLaughsIsRefusedQuickly() throws {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let diagnostic = try #require(error(text, file: "lol.yaml"))
        #expect(diagnostic.message.contains("expands to more than"))
        // Refused at a5, where the expansion crosses a million nodes, before a6 to a9 (up to
        // ten billion) are even read: checked by where it stops, not by timing.
        #expect(diagnostic.location?.line == 6)
    }

    @Test func aLargeDocumentWithoutAliasesSaysSo() throws {
        let text = (1...20).map { "k\($0): v" }.joined(separator: "\n")
        #expect(throws: Diagnostic.self) { try YAMLLoader(nodeBudget: 30).load(text, file: "big.yaml") }
        do { _ = try YAMLLoader(nodeBudget: 30).load(text, file: "big.yaml") } catch {
            #expect(error.message == "this document has more than 30 nodes, more than a recipe needs; refusing to load it")
            #expect(error.location?.line == 15)
        }
    }

    @Test func duplicateKeysNameBothPositions() throws {
        let diagnostic = try #require(error("title: a\nsources: {}\ntitle: b\n"))
        #expect(diagnostic.location?.line == 3)
        #expect(diagnostic.message.contains("duplicate key 'title'"))
        #expect(diagnostic.notes.first?.location?.line == 1)
    }

    @Test func unknownAliasIsAnError() throws {
        #expect(error("a: *nothing\n")?.location?.column == 4)
    }

    @Test func syntaxErrorsCarryAPosition() throws {
        let diagnostic = try #require(error("a: 1\nb: [1, 2\nc: 3\n"))
        #expect(diagnostic.location?.line == 3)
        #expect(diagnostic.message.hasPrefix("invalid YAML"))
    }

    @Test func invalidUTF8IsAnErrorAtItsLine() throws {
        var bytes = Array("a: ok\nb: ".utf8)
        bytes += [0xFF, 0x0A]
        let diagnostic = try #require(error(bytes))
        #expect(diagnostic.location == SourceLocation(file: "t.yaml", line: 2, column: 4))
        #expect(diagnostic.message.contains("0xFF"))
    }
}
