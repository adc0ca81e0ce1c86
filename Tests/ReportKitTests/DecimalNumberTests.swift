import Foundation
import Testing
@testable import ReportKit

@Suite struct DecimalNumberTests {
    func number(_ text: String) -> DecimalNumber { DecimalNumber(string: text)! }

    @Test func equalNumbersAreEqualWhateverMadeThem() {
        #expect(number("1.50") == number("1.5"))
        #expect(DecimalNumber(significand: 1500, scale: 3) == number("1.5"))
        #expect(DecimalNumber(Decimal(string: "1.5")!) == number("1.5"))
        #expect(Set([number("2"), DecimalNumber(2), number("2.000")]).count == 1)
        #expect(number("0.1") + number("0.2") == number("0.3"))
    }

    @Test func arithmeticIsExactAndFallsBackWhenLarge() {
        let big = DecimalNumber(Int(Int64.max))
        #expect((big + DecimalNumber(1)).description == "9223372036854775808")
        #expect((big * DecimalNumber(10)).description == "92233720368547758070")
        #expect((number("1.25") * number("-0.2")).description == "-0.25")
        #expect((DecimalNumber(1) / DecimalNumber(4))?.description == "0.25")
        #expect(DecimalNumber(1) / DecimalNumber(0) == nil)
        #expect((DecimalNumber(100) / DecimalNumber(3))!.description.hasPrefix("33.333333333333333333"))
        #expect(number("-0.5").description == "-0.5" && number("0.05").description == "0.05")
        #expect(number("1.5") < number("1.51") && number("-2") < number("-1.99"))
    }

    @Test func roundingHalvesAwayFromZero() {
        #expect(number("2.345").rounded(2) == number("2.35"))
        #expect(number("-2.5").rounded(0) == DecimalNumber(-3))
        #expect(number("2.5").rounded(0, .towardZero) == DecimalNumber(2))
        #expect(number("-2.5").rounded(0, .towardZero) == DecimalNumber(-2))
        #expect(number("-2.5").rounded(0, .down) == DecimalNumber(-3))
        #expect(number("97.79193").rounded(1).description == "97.8")
    }

    @Test func sumsStayExactPastSixtyFourBits() {
        var sum = DecimalNumber.Sum()
        for _ in 0..<4 { sum.add(DecimalNumber(significand: Int64.max / 2, scale: 2)) }
        sum.add(number("0.01"))
        #expect(sum.value == DecimalNumber(Decimal(Int64.max / 2) * 4 / 100 + Decimal(string: "0.01")!))
        var cents = DecimalNumber.Sum()
        for _ in 0..<10 { cents.add(number("0.1")) }
        cents.add(DecimalNumber(3))
        #expect(cents.value == DecimalNumber(4))
    }

    /// Every rounding rule, on the 64-bit path and on Foundation's (past 18 digits), agrees with
    /// what `Double` does for values it holds exactly.
    @Test(arguments: [FloatingPointRoundingRule.toNearestOrAwayFromZero, .toNearestOrEven, .up, .down, .towardZero, .awayFromZero])
    func roundingRulesAgreeOnBothPaths(rule: FloatingPointRoundingRule) {
        for text in ["2.5", "-2.5", "3.5", "-3.5", "2.25", "-2.75", "7", "-0.5", "0.125"] {
            let small = DecimalNumber(string: text)!
            // As far from zero as 10^20 more, on the same side: 21 digits, Foundation's path.
            let offset = DecimalNumber(string: text.hasPrefix("-") ? "-100000000000000000000" : "100000000000000000000")!
            let large = small + offset
            let expected = (Double(text)! * 10).rounded(rule) / 10
            #expect(small.rounded(1, rule) == DecimalNumber(string: String(expected))!, "\(text) \(rule)")
            #expect(large.rounded(1, rule) - offset == DecimalNumber(string: String(expected))!, "\(text) \(rule), large")
        }
    }

    /// A remainder has the dividend's sign, for large decimals as for integers.
    @Test func remaindersOfLargeDecimalsTakeTheDividendsSign() {
        let large = Value.decimal(DecimalNumber(string: "-12345678901234567890.5")!)
        #expect(Value.remainder(large, .int(2)) == .decimal(DecimalNumber(string: "-0.5")!))
        #expect(Value.remainder(.decimal(DecimalNumber(string: "-7.5")!), .int(2)) == .decimal(DecimalNumber(string: "-1.5")!))
    }
}
