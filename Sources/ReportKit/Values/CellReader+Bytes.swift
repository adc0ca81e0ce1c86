import Foundation

/// Reading cells straight from the bytes of a file: plain integers, plain decimals and ISO
/// dates are parsed without making a `String` (the common case, and the hot loop of a large
/// file); anything else goes through the text path, with the same result.
extension CellReader {
    @inlinable
    public func read(bytes: UnsafeBufferPointer<UInt8>, as type: ColumnType, pattern: DatePattern? = nil) -> Value? {
        if bytes.isEmpty || isNullMarker(bytes) { return .null }
        switch type {
        case .int:
            if let value = Self.plainInteger(bytes) { return .int(value) }
        case .decimal:
            // `1.382` is a thousand and more where `.` groups digits (vi-VN, de-DE).
            if numbers.readsPointDecimals, let value = Self.plainDecimal(bytes) { return .decimal(value) }
        case .date where pattern == nil:
            if let date = Self.isoDate(bytes) { return .date(date) }
        case .string:
            return Self.text(bytes).map(Value.string)
        default:
            break
        }
        guard let text = Self.text(bytes) else { return nil }
        return read(Substring(text), as: type, pattern: pattern)
    }

    /// The bytes as text, `nil` when they are not UTF-8. `String(validating:)` is generic and
    /// looks up type metadata on every call, which shows in the hot loop; this is not.
    public static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard UTF8Validation.firstInvalidByte(in: bytes) == nil else { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { buffer in
            _ = buffer.initialize(fromContentsOf: bytes)
            return bytes.count
        }
    }

    /// Digits with a leading zero (`08123`, `-007`): a code, not a number, to inference.
    @inlinable
    public static func hasLeadingZero(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "0") else { return false }
        return bytes[index + 1] &- 48 < 10
    }

    /// Whether the bytes are a value of `type`, without making the value where that costs
    /// (text is only checked to be UTF-8): what a consumer that keeps a row only now and then
    /// does with the cells of the rows it does not keep, so that a bad cell is found as when
    /// every row is decoded.
    @inlinable
    public func fits(bytes: UnsafeBufferPointer<UInt8>, as type: ColumnType, pattern: DatePattern? = nil) -> Bool {
        if bytes.isEmpty { return true }
        switch type {
        case .string: return UTF8Validation.firstInvalidByte(in: bytes) == nil
        case .int: if Self.plainInteger(bytes) != nil { return true }
        case .decimal: if numbers.readsPointDecimals, Self.plainDecimal(bytes) != nil { return true }
        case .date where pattern == nil: if Self.isoDate(bytes) != nil { return true }
        default: break
        }
        return read(bytes: bytes, as: type, pattern: pattern) != nil
    }

    /// `-?[0-9]{1,18}`: fits an `Int` without overflow checks.
    @inlinable
    static func plainInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0, negative = false
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            index = 1
        }
        let digits = bytes.count - index
        guard digits >= 1, digits <= 18 else { return nil }
        var value = 0
        while index < bytes.count {
            let digit = bytes[index] &- 48
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int(digit)
            index += 1
        }
        return negative ? -value : value
    }

    /// `-?[0-9]+(\.[0-9]+)?` with at most 18 digits in all, made exact without text. The
    /// fraction's trailing zeros are dropped as they are read, so the value is made canonical
    /// without dividing (this runs once per cell of a large file).
    @inlinable
    static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> DecimalNumber? {
        let count = bytes.count
        var index = 0, negative = false
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            index = 1
        }
        if count - index <= 8 { return shortDecimal(bytes, from: index, negative: negative) }
        let integerStart = index
        var mantissa: UInt64 = 0
        while index < count {
            let digit = bytes[index] &- 48
            if digit >= 10 { break }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            index += 1
        }
        let integerDigits = index - integerStart
        guard integerDigits > 0 else { return nil }
        var scale = 0, digits = integerDigits
        if index < count {
            guard bytes[index] == UInt8(ascii: ".") else { return nil }
            index += 1
            let fractionStart = index
            // The mantissa and scale up to the last non-zero fraction digit.
            var kept = mantissa, keptScale = 0
            while index < count {
                let digit = bytes[index] &- 48
                guard digit < 10 else { return nil }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                index += 1
                if digit != 0 {
                    kept = mantissa
                    keptScale = index - fractionStart
                }
            }
            guard index > fractionStart else { return nil }
            digits += index - fractionStart
            mantissa = kept
            scale = keptScale
        }
        guard digits <= 18 else { return nil }
        if scale == 0 { return DecimalNumber(significand: negative ? -Int64(mantissa) : Int64(mantissa), scale: 0) }
        return DecimalNumber(canonical: negative ? -Int64(mantissa) : Int64(mantissa), scale: scale)
    }

    /// ``plainDecimal(_:)`` of at most eight bytes after the sign (nearly every amount in a
    /// file), without a loop: the bytes in one word, checked and turned into a number eight
    /// digits at a time (D. Lemire's multiplications). The loop's exits mispredict on numbers
    /// of varying lengths, which made it as costly as scanning the record.
    @inlinable @inline(__always)
    static func shortDecimal(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, negative: Bool) -> DecimalNumber? {
        let length = bytes.count - start
        guard length > 0 else { return nil }
        let word = ByteWord.load(bytes, from: start, length: length)
        let lanes: UInt64 = length == 8 ? ~0 : (1 &<< UInt64(length * 8)) &- 1
        // The point: the first byte equal to '.', if any (a zero byte of word ^ "........").
        let pointMarks = ByteWord.marks(word ^ ByteWord.repeating(UInt8(ascii: ".")), below: 1) & lanes
        var digits = word, digitCount = length, scale = 0
        if pointMarks != 0 {
            let point = pointMarks.trailingZeroBitCount / 8
            scale = length - point - 1
            guard point > 0, scale > 0 else { return nil }
            // The digits after the point move down over it.
            let below: UInt64 = (1 &<< UInt64(point * 8)) &- 1
            digits = (word & below) | ((word &>> UInt64(point * 8 + 8)) &<< UInt64(point * 8))
            digitCount = length - 1
        }
        let mask: UInt64 = digitCount == 8 ? ~0 : (1 &<< UInt64(digitCount * 8)) &- 1
        // Every byte '0' to '9': high nibble 3, low nibble at most 9 (a second point fails here).
        guard digits & 0xF0F0_F0F0_F0F0_F0F0 & mask == 0x3030_3030_3030_3030 & mask,
              ((digits & 0x0F0F_0F0F_0F0F_0F0F) &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 & mask == 0
        else { return nil }
        // The digit values, the last one in the top byte and zeros (leading zeros) below the first.
        var values = (digits & 0x0F0F_0F0F_0F0F_0F0F & mask) &<< UInt64((8 - digitCount) * 8)
        // The fraction's trailing zeros are the top zero bytes; dropping them makes it canonical.
        let trailingZeros = min(values.leadingZeroBitCount / 8, scale)
        values = trailingZeros == 8 ? 0 : values &<< UInt64(trailingZeros * 8)
        scale -= trailingZeros
        values = (values &* 10) &+ (values &>> 8)
        values = (((values & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 &<< 32)))
                  &+ (((values &>> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 &<< 32)))) &>> 32
        let magnitude = Int64(truncatingIfNeeded: values)
        return DecimalNumber(canonical: negative ? -magnitude : magnitude, scale: scale)
    }

    /// `YYYY-MM-DD` exactly.
    @inlinable
    static func isoDate(_ bytes: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        isoDateDigits(bytes).flatMap { CivilDate(year: $0.year, month: $0.month, day: $0.day) }
    }

    /// The numbers written in `YYYY-MM-DD` exactly, whether or not they make a day of the
    /// calendar (month 13 is read as 13).
    @inlinable
    public static func isoDateDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int, day: Int)? {
        // Eight bytes at a time (a date is read per cell of large files): `YYYY-MM-` as one
        // little-endian word, whose dashes are checked and then replaced by the day's two digits,
        // so that one test checks all eight digits and two multiplications read the numbers.
        guard bytes.count == 10 else { return nil }
        let raw = UnsafeRawBufferPointer(bytes)
        let head = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        let day = UInt64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)))
        guard head & 0xFF00_00FF_0000_0000 == 0x2D00_002D_0000_0000 else { return nil }
        // Lanes: year digits 0-3, the day's first digit 4, month digits 5-6, the day's second 7.
        let digits = head & 0x00FF_FF00_FFFF_FFFF | (day & 0xFF) << 32 | (day >> 8) << 56
        // Every byte '0' to '9': high nibble 3, low nibble at most 9.
        guard digits & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030,
              ((digits & 0x0F0F_0F0F_0F0F_0F0F) &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0 else { return nil }
        let values = digits & 0x0F0F_0F0F_0F0F_0F0F
        // Each lane times ten plus the next lane: two-digit numbers (at most 99, no carry) in
        // lanes 0 and 2 (the year's halves) and 5 (the month).
        let pairs = values &* 10 &+ values &>> 8
        return (Int(pairs & 0xFF) * 100 + Int(pairs >> 16 & 0xFF), Int(pairs >> 40 & 0xFF),
                Int(values >> 32 & 0xFF) * 10 + Int(values >> 56))
    }
}
