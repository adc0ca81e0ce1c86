/// Finding invalid UTF-8 in files that users supply, to name the place in the error.
public enum UTF8Validation {
    /// The offset of the first byte at or after `start` that begins no valid UTF-8 sequence.
    public static func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        var index = start
        while index < bytes.count {
            // Eight bytes at a time: ASCII bytes (high bit clear) are skipped to the first that
            // is not, so that text mixing ASCII and accented letters (Vietnamese) is not
            // walked byte by byte.
            let remaining = bytes.count - index
            let word = ByteWord.load(bytes, from: index, length: min(8, remaining))
            let high = word & 0x8080_8080_8080_8080
            if high == 0 {
                index += min(8, remaining)
                continue
            }
            index += high.trailingZeroBitCount / 8
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { return index }
            // Overlong forms and surrogates: the second byte's range depends on the lead.
            let second = bytes[index + 1]
            if (lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F)
                || (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F) { return index }
            index += length
        }
        return nil
    }

    public static func firstInvalidByte(in bytes: [UInt8], from start: Int = 0) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidByte(in: $0, from: start) }
    }

    /// The line and column (in characters) of a byte offset.
    public static func location(ofByte offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        YAMLLoader.location(ofByte: offset, in: bytes, file: file)
    }
}
