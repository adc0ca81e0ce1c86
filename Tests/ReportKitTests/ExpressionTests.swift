import Foundation
import Testing
@testable import ReportKit

@Suite struct ExpressionTests {
    static let columns = [
        Column("unit", .string), Column("count", .int), Column("amount", .decimal), Column("date", .date), Column("ok", .bool),
    ]
    static let row: Row = [.string("Bưởi"), .int(7), .decimal(Decimal(string: "2.5")!),
                           .date(CivilDate(year: 2024, month: 2, day: 29)!), .bool(true)]
    static let nulls: Row = [.null, .null, .null, .null, .null]
    static let period = PeriodSpec(start: CivilDate(year: 2020, month: 1, day: 1)!, end: CivilDate(year: 2025, month: 12, day: 31)!, every: .quarter)
    let scope = ExpressionScope(columns: columns, params: ["target": .int(90), "name": .string("x")], period: period)

    func value(_ text: String, _ row: Row = row) throws -> Value {
        try ExpressionCompiler.compile(ExpressionText(text, at: SourceLocation(file: "r.yaml", line: 3, column: 10)), scope: scope).evaluate(row)
    }

    /// The error compiling `text` gives, as `line:column: message`; the text starts at 3:10.
    func error(_ text: String) -> String {
        do {
            _ = try ExpressionCompiler.compile(ExpressionText(text, at: SourceLocation(file: "r.yaml", line: 3, column: 10)), scope: scope)
            return "no error"
        } catch let diagnostic as Diagnostic {
            return "\(diagnostic.location!.line):\(diagnostic.location!.column): \(diagnostic.message)"
        } catch {
            return "\(error)"
        }
    }

    static func decimal(_ text: String) -> Value { .decimal(Decimal(string: text)!) }

    @Test func arithmeticIsExact() throws {
        #expect(try value("0.1 + 0.2") == Self.decimal("0.3"))
        #expect(try value("count * 2 + 1") == .int(15))
        #expect(try value("count / 2") == Self.decimal("3.5"))
        #expect(try value("count % 4") == .int(3))
        #expect(try value("amount * 4") == .decimal(10))
        #expect(try value("-count + 2 * (3 - 1)") == .int(-3))
        #expect(try value("100.0 * 1 / 3") == .decimal(Decimal(100) / Decimal(3)))
        #expect(try value("count / 0") == .null)
        #expect(try value("(-9223372036854775807 - 1) % -1") == .int(0))
        #expect(try value("9223372036854775807 + 1") == .decimal(Decimal(string: "9223372036854775808")!))
        #expect(try value("date + 1") == .date(CivilDate(year: 2024, month: 3, day: 1)!))
        #expect(try value("date - date('2024-01-01') = 59") == .bool(true))
        #expect(error("date - '2024-01-01'") == "3:17: '-' on a date needs a number, but '2024-01-01' is a string")
    }

    @Test func comparisonsAndLogic() throws {
        #expect(try value("count >= 7 and amount < 3") == .bool(true))
        #expect(try value("date > '2024-02-28'") == .bool(true))
        #expect(try value("unit = 'Bưởi' or count = 0") == .bool(true))
        #expect(try value("not ok") == .bool(false))
        #expect(try value("unit in ('Yên Phụ', 'Bưởi')") == .bool(true))
        #expect(try value("count not in (1, 2)") == .bool(true))
        #expect(try value("count is null", Self.nulls) == .bool(true))
        #expect(try value("count is not null") == .bool(true))
        #expect(try value("count > 1", Self.nulls) == .null)
        #expect(try value("count > 1 and false", Self.nulls) == .bool(false))
        #expect(try value("count > 1 or true", Self.nulls) == .bool(true))
        #expect(try value("count <> 7") == .bool(false))
        #expect(try value("count = 7.0") == .bool(true))
    }

    @Test func functions() throws {
        #expect(try value("year(date)") == .int(2024))
        #expect(try value("month(date)") == .int(2))
        #expect(try value("quarter(date)") == .int(1))
        #expect(try value("day(date)") == .int(29))
        #expect(try value("period(date)") == .period(PeriodBucket(code: "2024-Q1")!))
        #expect(try value("period(date('2019-12-31'))") == .null)
        #expect(try value("date('2025-03-15')") == .date(CivilDate(year: 2025, month: 3, day: 15)!))
        #expect(try value("round(2.345, 2)") == Self.decimal("2.35"))
        #expect(try value("round(-2.5)") == .decimal(-3))
        #expect(try value("round(count)") == .int(7))
        #expect(try value("floor(97.66)") == .decimal(97))
        #expect(try value("floor(-2.5)") == .decimal(-3))
        #expect(try value("ceil(-2.5)") == .decimal(-2))
        #expect(try value("ceil(2.341, 2)") == Self.decimal("2.35"))
        #expect(try value("5 * floor(93.97 / 5)") == .decimal(90))
        #expect(try value("floor(count, -1)") == .int(0))
        #expect(try value("ceil(count, -1)") == .int(10))
        #expect(try value("round(1250, -2)") == .int(1300))
        #expect(try value("abs(-amount)") == Self.decimal("2.5"))
        #expect(try value("coalesce(count, 0)", Self.nulls) == .int(0))
        #expect(try value("lower('ĐẢNG')") == .string("đảng"))
        #expect(try value("upper(unit)") == .string("BƯỞI"))
        #expect(try value("contains(unit, 'ưở')") == .bool(true))
        #expect(try value("if(count > 5, 'many', 'few')") == .string("many"))
        #expect(try value("params.target - 0.5") == Self.decimal("89.5"))
        #expect(try value("period.start") == .date(CivilDate(year: 2020, month: 1, day: 1)!))
        #expect(try value("\"count\" + 1") == .int(8))
    }

    @Test func typeErrorsPointInsideTheExpression() {
        #expect(error("count + unit") == "3:18: '+' needs a number, but unit is a string")
        #expect(error("sum(count)") == "3:10: sum() is an aggregate; use it in the measures of an aggregate extractor")
        #expect(error("year(count)") == "3:15: year() needs a date or a date-time, but count is an integer")
        #expect(error("cuont > 1") == "3:10: unknown column 'cuont'; did you mean 'count'?")
        #expect(error("count > 'x'") == "3:18: cannot compare count, an integer, with 'x', a string")
        #expect(error("date > '2024-13-01'") == "3:17: '2024-13-01' is not a date; write dates as 'YYYY-MM-DD'")
        #expect(error("params.targte") == "3:10: unknown param 'targte'; did you mean 'target'?")
        #expect(error("yeer(date)") == "3:10: unknown function 'yeer()'; did you mean 'year()'?".replacingOccurrences(of: "'year()'", with: "'year'"))
        #expect(error("round()") == "3:10: round() takes 1 to 2 arguments, not 0")
        #expect(error("if(ok, 1, 'x')") == "3:20: if() needs arguments of one type, but 'x' is a string and an earlier one is int")
        #expect(error("count +") == "3:17: expected a value, a column or a function, found the end of the expression")
        #expect(error("'open") == "3:10: this string is not closed with '")
        #expect(error("count 7") == "3:16: unexpected '7' after a complete expression")
        #expect(error("not count") == "3:14: 'not' needs true or false, but count is an integer")
    }

    @Test func measuresCombineAggregates() throws {
        let keys = [Column("unit", .string)]
        let measure = try ExpressionCompiler.compileMeasure(
            ExpressionText("100.0 * sum(count) / count()", at: SourceLocation(file: "r", line: 1, column: 1)), scope: scope, groupKeys: keys)
        #expect(measure.aggregates.map(\.function) == [.sum, .count])
        #expect(try measure.outer.evaluate([.int(15), .int(4), .string("Bưởi")]) == Self.decimal("375"))
        #expect(throws: Diagnostic.self) {
            _ = try ExpressionCompiler.compileMeasure(ExpressionText("count + 1", at: SourceLocation(file: "r", line: 1, column: 1)),
                                                      scope: scope, groupKeys: keys)
        }
        #expect(throws: Diagnostic.self) {
            _ = try ExpressionCompiler.compileMeasure(ExpressionText("sum(sum(count))", at: SourceLocation(file: "r", line: 1, column: 1)),
                                                      scope: scope, groupKeys: keys)
        }
    }

    @Test func aggregatesAreExactAndSkipNulls() {
        var sum = AggregateState(.sum), avg = AggregateState(.avg), median = AggregateState(.median)
        var distinct = AggregateState(.count_distinct), first = AggregateState(.first), last = AggregateState(.last)
        var minimum = AggregateState(.min), maximum = AggregateState(.max), count = AggregateState(.count)
        for value in [Self.decimal("0.1"), .null, Self.decimal("0.1"), .int(3), Self.decimal("0.1")] {
            sum.add(value); avg.add(value); median.add(value); distinct.add(value)
            first.add(value); last.add(value); minimum.add(value); maximum.add(value); count.add(value)
        }
        #expect(sum.result == Self.decimal("3.3"))
        #expect(avg.result == Self.decimal("0.825"))
        #expect(median.result == Self.decimal("0.1"))
        #expect(distinct.result == .int(2))
        #expect(first.result == Self.decimal("0.1") && last.result == Self.decimal("0.1"))
        #expect(minimum.result == Self.decimal("0.1") && maximum.result == .int(3))
        #expect(count.result == .int(4))
        // As in SQL, a sum of no values is null; an empty period bucket inside the data says 0.
        #expect(AggregateState(.sum).result == .null)
        #expect(AggregateState(.sum).resultForEmptyBucket == .int(0))
        var nulls = AggregateState(.sum)
        nulls.add(.null)
        #expect(nulls.result == .null)
        #expect(AggregateState(.avg).result == .null)
        var big = AggregateState(.sum)
        big.add(.int(Int.max)); big.add(.int(1))
        #expect(big.result == .decimal(Decimal(Int.max) + 1))
    }
}
