import Foundation
import ReportgenTesting
import Testing
@testable import ReportKit

/// Hostile expressions: each meets a stated limit with an error at its place, never a trap,
/// a stack overflow or a long wait.
@Suite struct ExpressionRobustnessTests {
    let scope = ExpressionScope(columns: [Column("date", .date), Column("days", .int), Column("amount", .decimal)])
    static let row: Row = [.date(CivilDate(year: 2024, month: 2, day: 29)!), .int(.max), .decimal(DecimalNumber(string: "1.5")!)]

    func outcome(_ text: String, _ row: Row = row) -> String {
        do {
            let compiled = try ExpressionCompiler.compile(ExpressionText(text, at: SourceLocation(file: "r.yaml", line: 3, column: 10)), scope: scope)
            return try compiled.evaluate(row).plainText
        } catch let diagnostic as Diagnostic {
            return "\(diagnostic.location.map { "\($0.line):\($0.column)" } ?? "-"): \(diagnostic.message)"
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func dateArithmeticOutOfRangeIsAnErrorAtTheOperator() {
        #expect(outcome("date + days").hasPrefix("3:10: 'date + days' is out of range"))
        #expect(outcome("date + 9223372036854775807").hasPrefix("3:10: 'date + 9223372036854775807' is out of range"))
        #expect(outcome("date - 9223372036854775807").contains("outside the years 1 to 9999"))
        #expect(outcome("date - (-9223372036854775807 - 1)").contains("is out of range"))
        #expect(outcome("1 + (date + 3000000) - date").hasPrefix("3:15: "))
        #expect(outcome("date + 2000") == "2029-08-21")
        #expect(outcome("date - date") == "0")
        #expect(outcome("date - 738944") == "0001-01-01")
        #expect(outcome("date - 738945").contains("out of range"))
    }

    @Test func roundingToAbsurdDigitsIsExactAndFast() {
        let started = ThreadTime.now
        #expect(outcome("round(1.5, -9223372036854775807 - 1)") == "0")
        #expect(outcome("round(1, -9223372036854775807)") == "0")
        #expect(outcome("floor(1.5, -9223372036854775807)") == "0")
        #expect(outcome("ceil(-1.5, -9223372036854775807)") == "0")
        #expect(outcome("round(amount, 9223372036854775807)") == "1.5")
        #expect(outcome("ceil(amount, -3)") == "1000")
        #expect(outcome("floor(-amount, -2)") == "-100")
        #expect(outcome("ceil(1, -18)") == "1000000000000000000")
        #expect(outcome("ceil(1.5, -9223372036854775807)").hasPrefix("3:10: 'ceil(1.5, -9223372036854775807)' is out of range"))
        #expect(outcome("floor(-1, -100)").contains("is out of range"))
        #expect(outcome("ceil(9223372036854775807, -3)").contains("is out of range"))
        #expect(ThreadTime.now - started < .seconds(10))
    }

    @Test func decimalOverflowIsAnErrorNotNaN() {
        let big = "1" + String(repeating: "0", count: 60) + ".5"
        #expect(outcome("\(big) * \(big)").hasPrefix("3:10: '\(big) * \(big)' is out of range"))
        #expect(outcome("\(big) * \(big) * 0").contains("out of range"))
        #expect(outcome("-(\(big) * \(big))").contains("out of range"))
        #expect(outcome("\(big) / 0") == "")
        #expect(outcome("12345678901234567890.5 * 2") == "24691357802469135781")
    }

    @Test func nestingPastTheLimitIsAnErrorNotAStackOverflow() {
        let started = ThreadTime.now
        let deep = String(repeating: "(", count: 3_000) + "1" + String(repeating: ")", count: 3_000)
        #expect(outcome(deep).hasPrefix("3:111: this expression nests more than 100 levels deep"))
        #expect(outcome(String(repeating: "-", count: 70_000) + "1").contains("nests more than 100 levels deep"))
        #expect(outcome(String(repeating: "not ", count: 5_000) + "true").contains("nests more than 100 levels deep"))
        #expect(outcome(String(repeating: "abs(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)).contains("nests more than"))
        #expect(outcome(Array(repeating: "1", count: 20_000).joined(separator: " + ")).contains("nests more than"))
        #expect(outcome(Array(repeating: "1", count: 100).joined(separator: " + ")) == "100")
        #expect(outcome(String(repeating: "(", count: 99) + "1" + String(repeating: ")", count: 99)) == "1")
        #expect(ThreadTime.now - started < .seconds(20))
    }

    /// Foundation's `Decimal` traps near its limits (an addition past 10^165, a product below
    /// 10^-128): every operation on numbers from the smallest to the largest must not.
    @Test func decimalArithmeticNeverTraps() {
        var values: [DecimalNumber] = [DecimalNumber(0), DecimalNumber(.max), DecimalNumber(.min), .outOfRange]
        for exponent in stride(from: -127, through: 127, by: 18) {
            for digits in ["1", "9", "12345678901234567890123456789012345678"] {
                if let value = Decimal(string: "\(digits)e\(exponent)") { values += [DecimalNumber(value), -DecimalNumber(value)] }
            }
        }
        var outOfRange = 0
        for a in values {
            for b in values {
                for result in [a + b, a - b, a * b, (a / b) ?? DecimalNumber(0), a.rounded(-40), a.rounded(40, .up)] where result.isOutOfRange {
                    outOfRange += 1
                }
                #expect(a.isOutOfRange || b.isOutOfRange || (a < b) != (b < a) || a == b)
            }
        }
        #expect(outOfRange > 0)
    }
}
