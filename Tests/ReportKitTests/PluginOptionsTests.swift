import Foundation
import Testing
@testable import ReportKit

/// Options declared once: what the declaration gives (specs, typed values, defaults, places)
/// and the errors it gives.
@Suite struct PluginOptionsTests {
    struct Options: PluginOptions {
        @Option(doc: "the table", example: "sales") var input: TableReference
        @InputColumn(holding: .number, doc: "a column", example: "revenue") var value: ColumnName
        @InputColumn(of: \Options.input, \Options.with, doc: "shared columns") var on: [ColumnName]?
        @Option(doc: "the other table") var with: TableReference?
        @Option(doc: "how many", example: "5") var topCount = 3
        @Option(doc: "a share") var share: Double?
        @Option(doc: "names") var labels: [String] = []
        @Option(doc: "expressions") var measures = OptionMap<ExpressionText>()
        @Option(doc: "an order") var order = Order.up
        @Option(doc: "how long") var timeout = Duration.seconds(90)
        @Option(doc: "sides") var margins: Sides?
        @OptionGroup var numbers: NumberOptions
    }

    enum Order: String, OptionChoice { case up, down }

    struct Sides: OptionRecord {
        @Option(doc: "top") var top: Double?
        @Option(doc: "bottom") var bottom = 5.0
    }

    static func decode(_ yaml: String, params: [String: Value] = [:]) throws -> Options {
        let node = try YAMLLoader().load(yaml, file: "recipe.yaml")[0]
        let setup = PluginSetup(kind: .extractor, id: "x", type: "test", location: SourceLocation(file: "recipe.yaml", line: 9, column: 3),
                                recipeDirectory: URL(fileURLWithPath: "/tmp"), params: params)
        return try Options.decode(node, setup: setup)
    }

    static func errors(_ yaml: String) -> [String] {
        do {
            _ = try decode(yaml)
            return []
        } catch {
            var all = Diagnostics()
            all.append(error)
            return all.sorted.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "-"): \($0.message)" }
        }
    }

    @Test func theDeclarationIsTheSpec() {
        let specs = Options.specs
        #expect(specs.map(\.name) == ["input", "value", "on", "with", "top_count", "share", "labels", "measures", "order", "timeout", "margins",
                                      "decimals", "fixed_decimals"])
        #expect(specs.filter(\.isRequired).map(\.name) == ["input", "value"])
        #expect(specs.first { $0.name == "top_count" }?.defaultValue?.description == "3")
        #expect(specs.first { $0.name == "order" }?.defaultValue?.description == "up")
        #expect(specs.first { $0.name == "timeout" }?.defaultValue?.description == "90s")
        #expect(specs.first { $0.name == "value" }?.type.phrase == "a column of the input")
        #expect(specs.first { $0.name == "order" }?.type.phrase == "one of 'up', 'down'")
        #expect(specs.first { $0.name == "margins" }?.type.phrase == "a mapping with keys top, bottom")
    }

    @Test func valuesAreTypedAndDefaultsWrittenOnce() throws {
        let options = try Self.decode("""
            {input: sales, value: revenue, on: ward, top_count: params.n, share: 0.5, labels: [a, b],
             measures: {z: sum(x), a: count()}, order: down, timeout: 1h30m, margins: {top: 20}}
            """, params: ["n": .int(7)])
        #expect(options.input.id == "sales")
        #expect(options.value.name == "revenue")
        #expect(options.on?.map(\.name) == ["ward"], "a single item may be written without the list")
        #expect(options.with == nil)
        #expect(options.topCount == 7, "params.n")
        #expect(options.share == 0.5)
        #expect(options.labels == ["a", "b"])
        #expect(options.measures.names == ["z", "a"], "in the recipe's order")
        #expect(options.order == .down)
        #expect(options.timeout == .seconds(5400))
        #expect(options.margins?.top == 20)
        #expect(options.margins?.bottom == 5, "a nested default")
        #expect(options.numbers.decimals == 2, "a group's default")
        #expect(options.$value.location.line == 1 && options.$value.isWritten)
        #expect(options.$topCount.isWritten)
        #expect(options.$share.key == "share")
        #expect(options.margins?.$top.key == "margins.top")
        #expect(options.written.map(\.key).contains("top_count"))
        #expect(options.written.map(\.key).contains("labels"))
    }

    @Test func anAbsentOptionPointsAtThePlugin() throws {
        let options = try Self.decode("{input: sales, value: revenue}")
        #expect(options.topCount == 3)
        #expect(!options.$topCount.isWritten)
        #expect(options.$topCount.location == SourceLocation(file: "recipe.yaml", line: 9, column: 3))
        #expect(options.written.map(\.key) == ["input", "value"])
        #expect(options.on == nil && options.share == nil && options.margins == nil)
    }

    @Test func everyBadValueIsReportedAtOnce() {
        #expect(Self.errors("{input: sales, value: revenue, timeout: soon, top_count: params.n}") == [
            "1:41: 'timeout' in test extractor 'x' must be a duration such as 90, 90s, 2m or 1h30m, not the string 'soon'",
            "1:58: 'top_count' in test extractor 'x' must be an integer, not params.n, which does not exist",
        ])
    }

    @Test func durationsAreSecondsOrNumbersWithUnits() {
        #expect(Duration.parse("90s") == .seconds(90))
        #expect(Duration.parse("2m") == .seconds(120))
        #expect(Duration.parse("1h30m") == .seconds(5400))
        #expect(Duration.parse("500ms") == .milliseconds(500))
        for bad in ["", "s", "90", "1x", "1h30", "-5s", String(repeating: "9", count: 30) + "h"] { #expect(Duration.parse(bad) == nil, "\(bad)") }
    }

    @Test func columnUsesNameTheirTables() throws {
        let options = try Self.decode("{input: sales, with: targets, value: revenue, on: [ward, year]}")
        let uses = options.columnUses
        #expect(uses.map(\.key) == ["value", "on"])
        #expect(uses[0].tables.map(\.id) == ["sales"], "by default, the first table the options name")
        #expect(uses[1].tables.map(\.id) == ["sales", "targets"])
        let sales = Table(columns: [Column("ward", .string), Column("revenue", .string, textBecause: "d.csv:3:9 holds '1x'"), Column("year", .int)])
        let targets = Table(columns: [Column("ward", .string), Column("yaer", .int)])
        let problems = uses.flatMap { $0.problems(in: ["sales": sales, "targets": targets]) }.map(\.message)
        #expect(problems == [
            "'value' needs a number, but revenue is a string (read as text because d.csv:3:9 holds '1x'; declare its type, as in columns: {revenue: decimal}, to have every such cell reported)",
            "unknown column 'year' in the table 'targets'; did you mean 'yaer'?",
        ])
    }

    @Test func theSchemaWritesExamplesAsValuesAndTypesAsConstants() throws {
        #expect(RecipeSchema.exampleValue("5") == .int(5))
        #expect(RecipeSchema.exampleValue("[year, ward]") == .array([.string("year"), .string("ward")]))
        #expect(RecipeSchema.exampleValue("{top: 20}") == .object([("top", .int(20))]))
        #expect(RecipeSchema.schema(for: .column) == .object([("type", .string("string"))]))
        #expect(RecipeSchema.schema(for: .choice(["csv"])) == .object([("const", .string("csv"))]))
    }
}

@Suite struct TableEditingTests {
    let table = Table(columns: [Column("ward", .string), Column("n", .int)], rows: [[.string("A"), .int(1)], [.string("B"), .int(2)]])

    @Test func columnsAreAddedReplacedAndDroppedByName() {
        var edited = table
        edited.addColumn(Column("double", .int)) { row in Value.multiply(row[1], .int(2)) }
        #expect(edited.values(of: "double") == [.int(2), .int(4)])
        edited.addColumn(Column("n", .int)) { row in Value.add(row[1], .int(10)) }
        #expect(edited.columnNames == ["ward", "n", "double"], "replaced in its place")
        #expect(edited.values(of: "n") == [.int(11), .int(12)])
        edited.addColumns([Column("ward", .string), Column("x", .bool)], replacing: .atTheEnd) { row in [.string("W" + row[0].plainText), .bool(true)] }
        #expect(edited.columnNames == ["n", "double", "ward", "x"], "moved to the end, computed from the row as it was")
        #expect(edited.values(of: "ward") == [.string("WA"), .string("WB")])
        edited.dropColumns(["double", "missing"])
        edited.renameColumn("x", to: "flag")
        #expect(edited.columnNames == ["n", "ward", "flag"])
        #expect(edited.rows[0] == [.int(11), .string("WA"), .bool(true)])
        #expect(edited.selecting(["flag", "n"]).rows[1] == [.bool(true), .int(12)])
    }
}
