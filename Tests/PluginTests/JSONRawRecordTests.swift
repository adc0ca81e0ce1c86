import TableExtractors
import Foundation
@testable import JSONPlugins
import ReportgenTesting
import ReportKit
import Testing

/// Flat records go to aggregates, filters and pivots as bytes, straight from the chunk in
/// memory; the others (escapes, nested objects, a record across two chunks, values a column
/// might not take) are decoded the slow way. Either way the tables and errors are the same:
/// these compare an aggregate fed records with the same aggregate fed the table read whole.
struct JSONRawRecordTests {
    static let aggregate = "a: {type: aggregate, input: t, group_by: [ward], measures: {n: count(), total: sum(count), amount: sum(amount), last: max(day), flags: count(flag)}}"

    /// More records than one chunk holds, on lines of their own or all on one line; record
    /// `index` is `special(index)` when that gives one.
    static func file(records: Int = 12_000, oneLine: Bool = false, special: (Int) -> String? = { _ in nil }) -> String {
        let wards = ["Bưởi", "Nhật Tân", "Quảng An"]
        let body = (1...records).map { index in
            special(index) ?? "{\"id\": \(index), \"ward\": \"\(wards[index % 3])\", \"count\": \(index % 7), \"amount\": \(index % 11).25, "
                + "\"day\": \"2024-0\(index % 9 + 1)-15\", \"flag\": \(index % 2 == 0), \"note\": \"ghi chú số \(index)\"}"
        }
        return oneLine ? "[" + body.joined(separator: ",") + "]" : "[\n" + body.joined(separator: ",\n") + "\n]\n"
    }

    static func run(_ json: String, columns: String = "", extractors: String = aggregate) throws -> RecipeRun {
        try RecipeRun("""
            reportgen: 1
            title: T
            sources: {t: {type: json, path: t.json\(columns)}}
            extractors: {\(extractors)}
            outputs: []
            """, files: ["t.json": json], plugins: [JSONPlugins.self, TableExtractors.self])
    }

    /// The aggregate streamed, and the same over the table read whole (a `sort` of the source
    /// makes the run load it).
    static func bothWays(_ json: String, columns: String = "") throws -> (streamed: Table, whole: Table) {
        let streamed = try run(json, columns: columns).table("a")!
        let whole = try run(json, columns: columns, extractors: aggregate + ", s: {type: sort, input: t, by: id}").table("a")!
        return (streamed, whole)
    }

    static func errors(_ json: String, columns: String = "", extractors: String = aggregate) -> [String] {
        RecipeRun.errors("""
            reportgen: 1
            title: T
            sources: {t: {type: json, path: t.json\(columns)}}
            extractors: {\(extractors)}
            outputs: []
            """, files: ["t.json": json], plugins: [JSONPlugins.self, TableExtractors.self])
    }

    /// Line and column (in characters) of the first `needle` in `text`, or `after` characters
    /// after it.
    static func place(of needle: String, in text: String, after: Int = 0) -> String {
        let before = text[..<text.range(of: needle)!.lowerBound]
        let lines = before.split(separator: "\n", omittingEmptySubsequences: false)
        return "\(lines.count):\(lines.last!.count + 1 + after)"
    }

    @Test func plainRecordsGiveTheTableReadWhole() throws {
        let (streamed, whole) = try Self.bothWays(Self.file())
        #expect(streamed.rows == whole.rows)
        #expect(streamed.rows.count == 3)
        #expect(streamed.rows.map { $0[1] } == [.int(4_000), .int(4_000), .int(4_000)])
    }

    /// Escapes, nested objects, arrays, nulls, empty texts, keys in another order or twice,
    /// exponents: the records the bytes cannot hand on as they are.
    @Test func recordsReadTheSlowWayGiveTheSameTable() throws {
        let json = Self.file { index in
            switch index % 10 {
            case 1: return "{\"id\": \(index), \"ward\": \"Nh\\u1eadt T\\u00e2n\", \"count\": 1, \"amount\": 2.5e1, \"day\": \"2024-01-15\", \"flag\": true, \"note\": \"a\\nb\"}"
            case 2: return "{\"id\": \(index), \"ward\": \"Bưởi\", \"count\": 2, \"amount\": 1, \"meta\": {\"x\": [1, 2]}, \"day\": \"2024-02-15\", \"flag\": null, \"note\": null}"
            case 3: return "{\"note\": \"\", \"day\": null, \"flag\": false, \"amount\": null, \"count\": null, \"ward\": \"\", \"id\": \(index)}"
            case 4: return "{\"id\": \(index), \"ward\": \"Quảng An\", \"count\": 3, \"count\": 5, \"amount\": 0.5, \"day\": \"2024-03-15\", \"flag\": true, \"note\": \"x\"}"
            case 5: return "{\"id\": \(index), \"ward\" : \"Bưởi\" ,\n  \"count\":4,\"amount\":-0.75,\"day\":\"2024-04-15\",\"flag\":false,\"note\":\"y\",\"list\":[]}"
            default: return nil
            }
        }
        let (streamed, whole) = try Self.bothWays(json)
        #expect(streamed.rows == whole.rows)
        #expect(streamed.rows.count == 4)
    }

    /// A filter and a `top` keep whole rows: every column is read from the bytes. A pivot
    /// given some records as rows numbers their keys as it numbers the records'.
    @Test func filtersAndTopsGiveTheRowsReadWhole() throws {
        let json = Self.file { $0 % 1_000 == 7 ? "{\"id\": \($0), \"ward\": \"Nh\\u1eadt T\\u00e2n\", \"count\": 6, \"amount\": 1e1, \"day\": null}" : nil }
        let extractors = "f: {type: filter, input: t, where: 'count >= 5'}, top: {type: top, input: t, by: amount, limit: 5}, "
            + "p: {type: pivot, input: t, rows: ward, columns: count, value: amount, total: true}"
        let streamed = try Self.run(json, extractors: extractors)
        let whole = try Self.run(json, extractors: extractors + ", s: {type: sort, input: t, by: id}")
        for id in ["f", "top", "p"] {
            #expect(streamed.table(id)!.columns.map(\.type) == whole.table(id)!.columns.map(\.type))
            #expect(streamed.table(id)!.rows == whole.table(id)!.rows)
        }
        #expect(streamed.table("f")!.rows.count > 3_000)
    }

    @Test func aFileOnOneLineGivesTheSameTable() throws {
        let (streamed, whole) = try Self.bothWays(Self.file(oneLine: true))
        #expect(streamed.rows == whole.rows)
    }

    @Test func declaredColumnsGiveTheTableReadWhole() throws {
        let columns = ", columns: {count: int, amount: decimal, day: date, ward: string, flag: bool}"
        let (streamed, whole) = try Self.bothWays(Self.file { $0 == 11_000 ? "{\"id\": 1, \"ward\": 7, \"count\": \"3\", \"amount\": 1e2, \"day\": \"2024-05-15\", \"flag\": \"true\"}" : nil },
                                                  columns: columns)
        #expect(streamed.rows == whole.rows)
    }

    /// A value past the first chunk that the guess does not take: the rows are read again with
    /// the type every value gives, as when it comes first.
    @Test func aLateDecimalInAGuessedIntegerColumnReadsAgain() throws {
        let json = Self.file { $0 == 11_000 ? "{\"id\": 11000, \"ward\": \"Bưởi\", \"count\": 1.5, \"amount\": 1.25, \"day\": \"2024-01-15\", \"flag\": true, \"note\": \"z\"}" : nil }
        let (streamed, whole) = try Self.bothWays(json)
        #expect(streamed.columns.map(\.type) == whole.columns.map(\.type))
        #expect(streamed.rows == whole.rows)
        #expect(streamed.rows.contains { if case .decimal = $0[2] { true } else { false } })
    }

    @Test func aLateDateThatIsNoDayReadsAgainAsText() throws {
        let json = Self.file { $0 == 11_000 ? "{\"id\": 11000, \"ward\": \"Bưởi\", \"count\": 1, \"amount\": 1.25, \"day\": \"2024-02-30\", \"flag\": true, \"note\": \"z\"}" : nil }
        let (streamed, whole) = try Self.bothWays(json)
        #expect(streamed.rows == whole.rows)
        #expect(streamed.rows.contains { $0[4] == .string("2024-09-15") })
    }

    /// Errors past the first chunk name the line and column of the value, counted in
    /// characters, on lines of their own and on one line.
    @Test func errorsFarDownHaveTheirPlace() {
        for oneLine in [false, true] {
            let bad = "{\"id\": 11000, \"ward\": \"Bưởi\", \"count\": 1, \"amount\": 1e400, \"day\": \"2024-01-15\", \"flag\": true, \"note\": \"z\"}"
            let json = Self.file(oneLine: oneLine) { $0 == 11_000 ? bad : nil }
            let place = Self.place(of: "1e400", in: json)
            let errors = Self.errors(json, columns: ", columns: {amount: decimal}")
            #expect(errors.first?.hasPrefix("t.json:\(place): error: the number 1e400 in column 'amount' of the record at '/10999' cannot be kept exactly") == true,
                    "\(errors)")
        }
    }

    @Test func aBadCellInADeclaredColumnHasItsPlace() {
        let json = Self.file { $0 == 11_000 ? "{\"id\": 11000, \"ward\": \"Bưởi\", \"count\": \"nhiều\", \"amount\": 1.25, \"day\": \"2024-01-15\", \"flag\": true}" : nil }
        let errors = Self.errors(json, columns: ", columns: {count: int}")
        #expect(errors.first?.hasPrefix("t.json:\(Self.place(of: "\"nhiều\"", in: json)): error:") == true, "\(errors)")
    }

    /// Bad JSON inside a record that the bytes would otherwise hand on.
    @Test func badJSONFarDownHasItsPlace() {
        let json = Self.file { $0 == 11_000 ? "{\"id\": 11000, \"ward\": \"Bưởi\", \"count\": 01, \"amount\": 1.25}" : nil }
        let errors = Self.errors(json)
        #expect(errors.first == "t.json:\(Self.place(of: "\"count\": 01, \"amount\": 1.25}", in: json, after: 10)): error: invalid JSON: a number cannot start with 0",
                "\(errors)")
    }
}
