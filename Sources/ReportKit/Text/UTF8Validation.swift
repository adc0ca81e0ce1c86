import CSVScan

/// Finding invalid UTF-8 in files that users supply, to name the place in the error.
public enum UTF8Validation {
    /// The offset of the first byte at or after `start` (where a character begins) that
    /// begins no valid UTF-8 sequence, or one the bytes end inside of (`CSVScan`: sixteen bytes
    /// at a time).
    public static func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress else { return nil }
        let end = csvscan_utf8_invalid(base, start, bytes.count)
        return end < bytes.count ? end : nil
    }

    public static func firstInvalidByte(in bytes: [UInt8], from start: Int = 0) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidByte(in: $0, from: start) }
    }

    /// The line and column (in characters) of a byte offset.
    public static func location(ofByte offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        YAMLLoader.location(ofByte: offset, in: bytes, file: file)
    }
}
