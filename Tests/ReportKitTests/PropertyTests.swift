import Foundation
import PropertyBased
import ReportgenTesting
import Testing
@testable import ReportKit

/// Properties that must hold for any data, checked on generated inputs.
@Suite struct PropertyTests {
    /// Decimals with up to 4 fraction digits, as amounts and rates are written.
    static let amounts = Gen.int(in: -10_000_000...10_000_000).map { Decimal($0) / Decimal(10_000) }.array(of: 0...60)

    @Test func exactSumsDoNotDependOnRowOrder() async {
        await propertyCheck(input: Self.amounts, Gen.int(in: 0...1_000_000)) { amounts, seed in
            var forward = AggregateState(.sum, decimalArgument: true), shuffled = AggregateState(.sum, decimalArgument: true)
            for amount in amounts { forward.add(.decimal(amount)) }
            var generator = SeededGenerator(seed: UInt64(seed))
            for amount in amounts.shuffled(using: &generator) { shuffled.add(.decimal(amount)) }
            #expect(forward.result == shuffled.result)
            let exact = amounts.reduce(Decimal(0), +)
            // A sum of no values is null, as in SQL.
            #expect(forward.result == (amounts.isEmpty ? .null : .decimal(exact)))
        }
    }

    @Test func integerSumsNeverLoseACount() async {
        await propertyCheck(input: Gen.int(in: Int.max / 4...Int.max).array(of: 1...8)) { numbers in
            var state = AggregateState(.sum)
            for number in numbers { state.add(.int(number)) }
            let exact = numbers.reduce(Decimal(0)) { $0 + Decimal($1) }
            #expect(state.result.decimalValue?.decimalValue == exact)
        }
    }

    /// Two cores each aggregate half of the rows and merge: the result must be what one core
    /// gives, for every aggregate and wherever the split falls.
    @Test func mergingHalvesEqualsOnePass() async {
        let values = Gen.int(in: -50...50).map { $0 == 0 ? Value.null : ($0 % 3 == 0 ? Value.decimal(Decimal($0) / 10) : Value.int($0)) }
            .array(of: 0...40)
        await propertyCheck(input: values, Gen.int(in: 0...40)) { values, cut in
            let split = min(cut, values.count)
            for function in AggregateFunction.allCases {
                var whole = AggregateState(function), first = AggregateState(function), second = AggregateState(function)
                values.forEach { whole.add($0) }
                values[..<split].forEach { first.add($0) }
                values[split...].forEach { second.add($0) }
                first.merge(second)
                #expect(first.result == whole.result, "\(function) split at \(split)")
            }
        }
    }

    @Test func everyDateFallsInExactlyOneBucket() async {
        let days = Gen.int(in: CivilDate(year: 1990, month: 1, day: 1)!.daysSinceEpoch...CivilDate(year: 2040, month: 12, day: 31)!.daysSinceEpoch)
        await propertyCheck(input: days, Gen.int(in: 0...(PeriodUnit.allCases.count - 1))) { day, unitIndex in
            let date = CivilDate(daysSinceEpoch: day)
            let unit = PeriodUnit.allCases[unitIndex]
            let bucket = PeriodBucket(containing: date, unit: unit)
            #expect(bucket.start <= date && date <= bucket.end)
            #expect(bucket.previous.end < date && bucket.next.start > date)
            #expect(bucket.next.start.daysSinceEpoch == bucket.end.daysSinceEpoch + 1)
            #expect(PeriodBucket(code: bucket.code) == bucket)
            let spec = PeriodSpec(start: CivilDate(daysSinceEpoch: day - 400), end: CivilDate(daysSinceEpoch: day + 400), every: unit)
            #expect(spec.buckets.filter { $0.start <= date && date <= $0.end }.count == 1)
        }
    }
}

/// Whatever a user feeds in, the readers answer with data or a positioned error, never a crash.
@Suite struct ReaderRobustnessTests {
    /// Bytes biased toward the characters that matter to YAML, CSV and expressions.
    static let bytes = Gen.int(in: 0...40).map { choice -> UInt8 in
        let interesting = Array(":-[]{}&*!|>'\"#,\n\r\t ?%@`\\.0123aé(".utf8) + [0xC3, 0xFF, 0x00]
        return choice < interesting.count ? interesting[choice] : UInt8(truncatingIfNeeded: choice * 7)
    }.array(of: 0...120)

    @Test func yamlNeverCrashes() async {
        await propertyCheck(count: 300, input: Self.bytes) { bytes in
            let result = Result { () throws(Diagnostic) in try YAMLLoader().load(bytes: bytes, file: "f.yaml") }
            if case .failure(let diagnostic) = result { #expect((diagnostic.location?.line ?? 0) >= 1) }
        }
    }

    @Test func expressionsNeverCrash() async {
        let scope = ExpressionScope(columns: [Column("a", .int), Column("b", .string)])
        await propertyCheck(count: 300, input: Self.bytes) { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                let compiled = try ExpressionCompiler.compile(ExpressionText(text, at: SourceLocation(file: "r", line: 1, column: 1)), scope: scope)
                _ = try compiled.evaluate([.int(1), .string("x")])
            } catch let diagnostic as Diagnostic {
                #expect(diagnostic.location != nil)
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }
}
