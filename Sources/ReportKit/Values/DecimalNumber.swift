import Foundation

/// An exact base-10 number. Everyday values (a significand of up to 18 digits and up to 18
/// digits after the point) are a 64-bit integer and a scale, so sums are integer additions;
/// anything larger, and every quotient, is Foundation's `Decimal` (38 significant digits).
/// Values are kept canonical (no trailing zeros after the point; small whenever they fit), so
/// that equal numbers are equal and hash alike whatever produced them.
///
/// Arithmetic never traps: a result whose magnitude is past 10^100 (or a non-zero one below
/// 10^-100) is ``isOutOfRange``, a value that every later operation keeps and that callers
/// report as an error. Foundation's `Decimal` traps or gives NaN near its own limits (10^127,
/// 10^-128), so operands are checked before it is called.
public struct DecimalNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    @usableFromInline
    enum Storage: Sendable, Hashable {
        /// `significand × 10^-scale`, with `scale` in 0...18.
        case small(Int64, Int)
        case large(Decimal)
    }

    @usableFromInline
    let storage: Storage

    private static let powers: [Int64] = (0...18).map { exponent in (0..<exponent).reduce(Int64(1)) { value, _ in value * 10 } }

    public init(_ value: Int) { self.init(storage: .small(Int64(value), 0)) }

    /// `significand × 10^-scale`, made canonical.
    public init(significand: Int64, scale: Int) {
        var significand = significand, scale = scale
        while scale > 0, significand % 10 == 0 {
            significand /= 10
            scale -= 1
        }
        if scale <= 18 {
            self.init(storage: .small(significand, scale))
        } else {
            self.init(storage: .large(Decimal(sign: significand < 0 ? .minus : .plus, exponent: -scale, significand: Decimal(significand.magnitude))))
        }
    }

    /// `significand × 10^-scale` already canonical (no trailing zero in the fraction, a scale
    /// of at most 18): what the byte reader makes, without the divisions that check it.
    @inlinable
    init(canonical significand: Int64, scale: Int) {
        self.init(storage: .small(significand, scale))
    }

    public init(_ value: Decimal) {
        // Small when the value has at most 18 fraction digits and its significand fits.
        let scale = max(0, -value.exponent)
        if scale <= 18, !value.isNaN, let significand = Int64(exactly: NSDecimalNumber(decimal: value * Decimal(sign: .plus, exponent: scale, significand: 1))),
           Decimal(sign: significand < 0 ? .minus : .plus, exponent: -scale, significand: Decimal(significand.magnitude)) == value {
            self.init(significand: significand, scale: scale)
        } else {
            self.init(storage: .large(value))
        }
    }

    @usableFromInline
    init(storage: Storage) {
        self.storage = storage
    }

    /// Reads `-?[0-9]+(\.[0-9]+)?`, `nil` for anything else.
    public init?(string text: String) {
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN else { return nil }
        self.init(value)
    }

    /// The value as Foundation's `Decimal`.
    public var decimalValue: Decimal {
        switch storage {
        case let .small(significand, scale):
            return Decimal(sign: significand < 0 ? .minus : .plus, exponent: -scale, significand: Decimal(significand.magnitude))
        case .large(let value): return value
        }
    }

    public var doubleValue: Double {
        switch storage {
        case let .small(significand, scale): return Double(significand) / Double(Self.powers[scale])
        case .large(let value): return NSDecimalNumber(decimal: value).doubleValue
        }
    }

    /// The largest power of ten a result may reach: `|x| < 10^100`, and a non-zero `|x|`
    /// at least `10^-100`.
    public static let largestExponent = 100

    /// The result of an operation past ``largestExponent``: kept by every later operation.
    public static let outOfRange = DecimalNumber(storage: .large(.nan))

    /// Whether an operation that made this value went past ``largestExponent``.
    public var isOutOfRange: Bool {
        if case .large(let value) = storage { return value.isNaN }
        return false
    }

    /// The power of ten of the leading digit (`123.4` -> 2); `nil` for zero.
    private var order: Int? {
        switch storage {
        case let .small(significand, scale):
            guard significand != 0 else { return nil }
            return String(significand.magnitude).count - 1 - scale
        case .large(let value):
            guard !value.isZero, !value.isNaN else { return nil }
            // The significand's digits, counted from its text: rare (only large values get here).
            return value.significand.magnitude.description.count - 1 + value.exponent
        }
    }

    /// `operation` on Foundation's decimals, when both operands and the result's magnitude
    /// (`estimate` of the operands' orders, within one) stay inside the range.
    private static func large(_ a: DecimalNumber, _ b: DecimalNumber, estimate: (Int, Int) -> Int,
                              _ operation: (Decimal, Decimal) -> Decimal) -> DecimalNumber {
        if a.isOutOfRange || b.isOutOfRange { return outOfRange }
        if let x = a.order, let y = b.order, abs(estimate(x, y)) > largestExponent + 1 { return outOfRange }
        return DecimalNumber(checking: operation(a.decimalValue, b.decimalValue))
    }

    /// `value`, or ``outOfRange`` when it is NaN or past ``largestExponent``.
    private init(checking value: Decimal) {
        self.init(value)
        if let order, order >= Self.largestExponent || order < -Self.largestExponent { self = Self.outOfRange }
        if value.isNaN { self = Self.outOfRange }
    }

    public var isZero: Bool {
        if case .small(let significand, _) = storage { return significand == 0 }
        return decimalValue.isZero
    }

    /// The significands of both at one scale, when that fits in 64 bits.
    private static func aligned(_ a: DecimalNumber, _ b: DecimalNumber) -> (Int64, Int64, Int)? {
        guard case let .small(x, xs) = a.storage, case let .small(y, ys) = b.storage else { return nil }
        let scale = max(xs, ys)
        let (left, leftOverflow) = x.multipliedReportingOverflow(by: powers[scale - xs])
        let (right, rightOverflow) = y.multipliedReportingOverflow(by: powers[scale - ys])
        return leftOverflow || rightOverflow ? nil : (left, right, scale)
    }

    public static func + (a: DecimalNumber, b: DecimalNumber) -> DecimalNumber {
        if let (x, y, scale) = aligned(a, b) {
            let (sum, overflow) = x.addingReportingOverflow(y)
            if !overflow { return DecimalNumber(significand: sum, scale: scale) }
        }
        return large(a, b, estimate: { max($0, $1) + 1 }, +)
    }

    public static prefix func - (a: DecimalNumber) -> DecimalNumber {
        if case let .small(significand, scale) = a.storage, significand != .min { return DecimalNumber(significand: -significand, scale: scale) }
        if a.isOutOfRange { return a }
        return DecimalNumber(-a.decimalValue)
    }

    public static func - (a: DecimalNumber, b: DecimalNumber) -> DecimalNumber { a + -b }

    public static func * (a: DecimalNumber, b: DecimalNumber) -> DecimalNumber {
        if case let .small(x, xs) = a.storage, case let .small(y, ys) = b.storage, xs + ys <= 18 {
            let (product, overflow) = x.multipliedReportingOverflow(by: y)
            if !overflow { return DecimalNumber(significand: product, scale: xs + ys) }
        }
        if a.isZero || b.isZero { return a.isOutOfRange || b.isOutOfRange ? outOfRange : DecimalNumber(0) }
        return large(a, b, estimate: { $0 + $1 + 1 }) { x, y in
            // Foundation traps when the exact product has digits below 10^-128, though it keeps
            // 38 digits only: drop fraction digits far below those it keeps, first.
            var x = x, y = y
            var excess = max(0, -x.exponent) + max(0, -y.exponent) - 120
            while excess > 0 {
                if -x.exponent >= -y.exponent {
                    let kept = max(0, -x.exponent - excess)
                    excess -= -x.exponent - kept
                    x = x.rounded(kept)
                } else {
                    let kept = max(0, -y.exponent - excess)
                    excess -= -y.exponent - kept
                    y = y.rounded(kept)
                }
            }
            return x * y
        }
    }

    /// To 38 significant digits; `nil` dividing by zero.
    public static func / (a: DecimalNumber, b: DecimalNumber) -> DecimalNumber? {
        if b.isZero { return nil }
        if a.isZero { return a.isOutOfRange || b.isOutOfRange ? outOfRange : a }
        return large(a, b, estimate: { $0 - $1 - 1 }, /)
    }

    /// Rounded to `scale` fraction digits (a negative scale rounds to tens, hundreds, ...) by
    /// `rule`: halves away from zero unless told otherwise, as people round; `.down` and `.up`
    /// toward minus and plus infinity (floor and ceiling); `.towardZero` drops the digits.
    /// A scale far past the value's digits is worked out here: Foundation's rounding loops
    /// for a very negative scale, and traps at `Int.min`. A ceiling or floor of 10^100 or
    /// more is ``outOfRange``.
    public func rounded(_ scale: Int, _ rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero) -> DecimalNumber {
        if isOutOfRange || isZero { return self }
        // Foundation keeps at most 128 fraction digits: a larger scale keeps every digit.
        if scale > 2 * Self.largestExponent { return self }
        if let order, scale <= -(order + 2) {
            // |self| < 10^(order + 1), less than half of 10^-scale: zero, or one unit of
            // 10^-scale when the rule moves away from zero.
            let negative = self < DecimalNumber(0)
            let away = switch rule {
            case .down: negative
            case .up: !negative
            case .awayFromZero: true
            default: false
            }
            guard away else { return DecimalNumber(0) }
            guard scale > -Self.largestExponent else { return Self.outOfRange }
            return DecimalNumber(Decimal(sign: negative ? .minus : .plus, exponent: -scale, significand: 1))
        }
        guard case let .small(significand, current) = storage, scale >= 0 else {
            let negative = self < DecimalNumber(0)
            let mode: NSDecimalNumber.RoundingMode = switch rule {
            case .down: .down
            case .up: .up
            case .towardZero: negative ? .up : .down
            case .awayFromZero: negative ? .down : .up
            case .toNearestOrEven: .bankers
            default: .plain
            }
            return DecimalNumber(checking: decimalValue.rounded(scale, mode))
        }
        if current <= scale { return self }
        let divisor = Self.powers[current - scale]
        var quotient = significand / divisor
        let remainder = significand % divisor, away: Int64 = significand < 0 ? -1 : 1
        if remainder != 0 {
            let twice = remainder.magnitude * 2, whole = UInt64(divisor)
            switch rule {
            case .down: if remainder < 0 { quotient -= 1 }
            case .up: if remainder > 0 { quotient += 1 }
            case .towardZero: break
            case .awayFromZero: quotient += away
            case .toNearestOrEven: if twice > whole || (twice == whole && quotient % 2 != 0) { quotient += away }
            default: if twice >= whole { quotient += away }
            }
        }
        return DecimalNumber(significand: quotient, scale: scale)
    }

    /// Every digit, `.` as the decimal mark, no exponent: `1382.25`, `-0.5`.
    public var description: String {
        guard case let .small(significand, scale) = storage, scale > 0 else {
            if case .small(let significand, _) = storage { return String(significand) }
            return decimalValue.description
        }
        let digits = String(significand.magnitude)
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        let point = padded.index(padded.endIndex, offsetBy: -scale)
        return (significand < 0 ? "-" : "") + padded[..<point] + "." + padded[point...]
    }

    /// The same as ``description``: what programs read.
    public var plainText: String { description }

    /// As an integer or the nearest `Double`, when that is one exact operation: a whole number
    /// that fits an `Int64`, or a significand within 2^53 divided by a power of ten up to
    /// 10^22 (both exact as doubles, so the one division rounds correctly). `nil` otherwise.
    /// For programs that store numbers as machine numbers (SQLite).
    public var machineNumber: MachineNumber? {
        guard case .small(let significand, let scale) = storage else { return nil }
        if scale == 0 { return .integer(significand) }
        guard significand.magnitude <= 1 << 53 else { return nil }
        return .double(Double(significand) / Self.doublePowers[scale])
    }

    public enum MachineNumber: Sendable, Equatable {
        case integer(Int64)
        case double(Double)
    }

    private static let doublePowers: [Double] = (0...18).map { exponent in (0..<exponent).reduce(1.0) { value, _ in value * 10 } }

    public static func < (a: DecimalNumber, b: DecimalNumber) -> Bool {
        if let (x, y, _) = aligned(a, b) { return x < y }
        return a.decimalValue < b.decimalValue
    }

    /// The running total of a column of numbers: exact, in 64 bits while it fits (the common
    /// case, so a sum costs an addition per row), then in `DecimalNumber`.
    public struct Sum: Sendable {
        private var significand: Int64 = 0
        private var scale = 0
        private var overflow: DecimalNumber?

        public init() {}

        public mutating func add(_ value: DecimalNumber) {
            if overflow == nil, case let .small(x, xs) = value.storage {
                if xs > scale {
                    let (raised, raiseOverflow) = significand.multipliedReportingOverflow(by: DecimalNumber.powers[xs - scale])
                    if !raiseOverflow {
                        significand = raised
                        scale = xs
                    }
                }
                if xs <= scale {
                    let (addend, addendOverflow) = x.multipliedReportingOverflow(by: DecimalNumber.powers[scale - xs])
                    let (sum, sumOverflow) = significand.addingReportingOverflow(addend)
                    if !addendOverflow, !sumOverflow {
                        significand = sum
                        return
                    }
                }
            }
            overflow = (overflow ?? DecimalNumber(significand: significand, scale: scale)) + value
            (significand, scale) = (0, 0)
        }

        public mutating func add(_ other: Sum) {
            add(other.value)
        }

        public var value: DecimalNumber {
            let kept = DecimalNumber(significand: significand, scale: scale)
            return overflow.map { $0 + kept } ?? kept
        }
    }
}
