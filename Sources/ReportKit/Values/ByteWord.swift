/// Eight bytes at a time, for the byte loops over large files (cells, JSON strings, hash keys):
/// a word loaded without reading past the end of a buffer, and marks on the bytes of a word
/// below a value. In one place so that the loops share one reading of these tricks.
public enum ByteWord {
    /// `length` (0 to 8) bytes from `start` as a little-endian word, zero above them; loaded
    /// as one word or two half-words that may overlap (an overlapping byte lands in the same
    /// place from both), never past the end of `bytes`.
    @inlinable @inline(__always)
    public static func load(_ bytes: UnsafeRawBufferPointer, from start: Int, length: Int) -> UInt64 {
        if length >= 8 { return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self)) }
        if length >= 4 {
            let first = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: start, as: UInt32.self)))
            let last = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: start + length - 4, as: UInt32.self)))
            return first | last &<< UInt64((length - 4) * 8)
        }
        if length <= 0 { return 0 }
        return UInt64(bytes[start]) | UInt64(bytes[start + length / 2]) &<< UInt64(length / 2 * 8)
            | UInt64(bytes[start + length - 1]) &<< UInt64((length - 1) * 8)
    }

    @inlinable @inline(__always)
    public static func load(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, length: Int) -> UInt64 {
        load(UnsafeRawBufferPointer(bytes), from: start, length: length)
    }

    /// The first sixteen bytes (fewer when there are fewer) as two little-endian words, zero
    /// above the bytes: the head by which short strings are hashed and compared (``ByteStringTable``,
    /// an aggregate's recent cells).
    @inlinable @inline(__always)
    public static func head(_ bytes: UnsafeRawBufferPointer) -> (low: UInt64, high: UInt64) {
        let count = bytes.count
        return (load(bytes, from: 0, length: min(count, 8)), count > 8 ? load(bytes, from: 8, length: min(count - 8, 8)) : 0)
    }

    /// A word of eight `byte`s.
    @inlinable @inline(__always)
    public static func repeating(_ byte: UInt8) -> UInt64 {
        0x0101_0101_0101_0101 &* UInt64(byte)
    }

    /// The high bit set in each byte of `word` below `limit` (at most 0x80): `limit` 1 marks
    /// the zero bytes, so `marks(word ^ repeating(b), below: 1)` marks the bytes equal to `b`.
    /// The lowest mark is always a true one; a borrow may mark a byte above it.
    @inlinable @inline(__always)
    public static func marks(_ word: UInt64, below limit: UInt8) -> UInt64 {
        (word &- repeating(limit)) & ~word & 0x8080_8080_8080_8080
    }
}
