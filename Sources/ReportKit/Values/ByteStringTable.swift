import Foundation

/// Numbers the distinct byte strings it is given: 0 for the first, 1 for the next new one, and
/// so on, so that a caller keeps what it learnt about a cell (its value, a condition's verdict)
/// in arrays and finds it again by the cell's bytes, without decoding them. Open addressing;
/// each entry keeps its first 16 bytes as two words, so that short strings (dates, names,
/// codes) are hashed and compared in a few instructions, and longer ones live in an arena.
/// Hand-written because `Dictionary` needs a key value per lookup (an allocation for bytes
/// longer than a few words) and hashes with SipHash, which costs more than the lookup it serves
/// in a per-cell loop.
public struct ByteStringTable: Sendable {
    private struct Head: Equatable {
        var low: UInt64
        var high: UInt64
        var count: Int
    }

    /// Entry number per slot, -1 when empty; a power of two long, at most half full.
    private var slots: [Int32]
    private var heads: [Head] = []
    /// Where each entry's bytes past the 16th start in `arena`.
    private var tails: [Int] = []
    private var arena: [UInt8] = []

    public init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: -1, count: size)
    }

    /// How many distinct strings it holds.
    public var count: Int { heads.count }

    /// The number of `bytes`, and whether they were new (numbered just now).
    @inline(__always)
    public mutating func number(of bytes: UnsafeBufferPointer<UInt8>) -> (number: Int, isNew: Bool) {
        number(of: UnsafeRawBufferPointer(bytes))
    }

    /// The number of `bytes` if they were numbered before, without numbering them: a lookup
    /// that does not make the table unique (a mutation checks that on each call).
    public func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let bytes = UnsafeRawBufferPointer(bytes)
        let head = Self.head(bytes)
        guard head.count <= 16 else { return probe(bytes, head).entry }
        // A short string is its head: probed apart, through pointers (a slot is below the mask,
        // an entry below the count), without the registers the comparison of a tail takes.
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(head, tail: 0)) & mask
        return slots.withUnsafeBufferPointer { slots in
            heads.withUnsafeBufferPointer { heads in
                while true {
                    let entry = Int(slots[slot])
                    if entry < 0 { return nil }
                    if heads[entry] == head { return entry }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// The number of the bytes of any plain values (a tuple of integers, say).
    public mutating func number(of bytes: UnsafeRawBufferPointer) -> (number: Int, isNew: Bool) {
        let head = Self.head(bytes)
        let (slot, found) = probe(bytes, head)
        if let found { return (found, false) }
        let entry = heads.count
        slots[slot] = Int32(entry)
        heads.append(head)
        tails.append(arena.count)
        if bytes.count > 16 { arena.append(contentsOf: bytes[16...]) }
        if heads.count * 2 > slots.count { grow() }
        return (entry, true)
    }

    /// Where `bytes` are: their slot and entry when they were numbered before, else the empty
    /// slot they would take.
    @inline(__always)
    private func probe(_ bytes: UnsafeRawBufferPointer, _ head: Head) -> (slot: Int, entry: Int?) {
        let hash = Self.hash(head, tail: head.count > 16 ? Self.hashTail(bytes) : 0)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { return (slot, nil) }
            if heads[entry] == head, head.count <= 16 || tailEquals(entry, bytes) { return (slot, entry) }
            slot = (slot + 1) & mask
        }
    }

    /// The first 16 bytes as two little-endian words, zero-padded, and the length.
    @inline(__always)
    private static func head(_ bytes: UnsafeRawBufferPointer) -> Head {
        let (low, high) = ByteWord.head(bytes)
        return Head(low: low, high: high, count: bytes.count)
    }

    private static func hashTail(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0
        var index = 16
        while index < bytes.count {
            let length = min(8, bytes.count - index)
            hash = mix(hash ^ ByteWord.load(bytes, from: index, length: length))
            index += length
        }
        return hash
    }

    private func tailEquals(_ entry: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        arena.withUnsafeBytes { memcmp($0.baseAddress! + tails[entry], bytes.baseAddress! + 16, bytes.count - 16) == 0 }
    }

    private mutating func grow() {
        var larger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = larger.count - 1
        for entry in heads.indices {
            let hash = rehash(entry)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while larger[slot] >= 0 { slot = (slot + 1) & mask }
            larger[slot] = Int32(entry)
        }
        slots = larger
    }

    /// An entry's hash, as ``number(of:)`` computes it from the bytes.
    private func rehash(_ entry: Int) -> UInt64 {
        let head = heads[entry]
        guard head.count > 16 else { return Self.hash(head, tail: 0) }
        let bytes = [UInt8](repeating: 0, count: 16) + arena[tails[entry]..<tails[entry] + head.count - 16]
        return Self.hash(head, tail: bytes.withUnsafeBytes(Self.hashTail))
    }

    @inline(__always)
    private static func hash(_ head: Head, tail: UInt64) -> UInt64 {
        let hash = mix(mix(head.low ^ 0x243F_6A88_85A3_08D3) ^ head.high ^ UInt64(truncatingIfNeeded: head.count) &<< 56)
        return tail == 0 ? hash : mix(hash ^ tail)
    }

    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        let product = value.multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
        return product.high ^ product.low
    }
}
