import Foundation

/// Checks that every entry of a zip file lies inside the file, before ZIPFoundation reads it:
/// ZIPFoundation 0.9 reads an entry until it has its declared compressed size, and an entry
/// that declares more than the file holds made it read empty chunks at the end forever (found
/// by fuzzing). Reads only the central directory and each local header's two lengths.
enum XLSXZipCheck {
    /// Why the zip at `url` cannot be read safely, or `nil` when every entry fits.
    static func problem(in url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url), let size = try? handle.seekToEnd() else { return "it cannot be read" }
        defer { try? handle.close() }
        func read(_ count: Int, at offset: UInt64) -> [UInt8]? {
            guard offset + UInt64(count) <= size, (try? handle.seek(toOffset: offset)) != nil,
                  let data = try? handle.read(upToCount: count), data.count == count else { return nil }
            return Array(data)
        }
        // The end of central directory record: in the last 22 + 65,535 (comment) bytes.
        let tailCount = Int(min(size, 22 + 65_535))
        guard let tail = read(tailCount, at: size - UInt64(tailCount)),
              let end = stride(from: tail.count - 22, through: 0, by: -1).first(where: { tail[$0..<$0 + 4].elementsEqual([0x50, 0x4B, 0x05, 0x06]) })
        else { return nil }  // Not a zip: ZIPFoundation says so.
        var entries = UInt64(value(tail, end + 10, 2)), directorySize = value(tail, end + 12, 4), directoryOffset = value(tail, end + 16, 4)
        if entries == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: the locator just before points at the ZIP64 end record.
            let record = size - UInt64(tailCount) + UInt64(end)
            guard record >= 20, let locator = read(20, at: record - 20),
                  locator[0..<4].elementsEqual([0x50, 0x4B, 0x06, 0x07]),
                  let wide = read(56, at: value(locator, 8, 8)), wide[0..<4].elementsEqual([0x50, 0x4B, 0x06, 0x06])
            else { return "its ZIP64 directory is damaged" }
            entries = value(wide, 32, 8)
            directorySize = value(wide, 40, 8)
            directoryOffset = value(wide, 48, 8)
        }
        guard directoryOffset + directorySize <= size, directorySize <= 64 << 20, let directory = read(Int(directorySize), at: directoryOffset) else {
            return "its central directory lies outside the file"
        }
        var position = 0
        for _ in 0..<entries {
            guard position + 46 <= directory.count, directory[position..<position + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02]) else {
                return "its central directory is damaged"
            }
            let nameLength = Int(value(directory, position + 28, 2)), extraLength = Int(value(directory, position + 30, 2))
            let commentLength = Int(value(directory, position + 32, 2))
            guard position + 46 + nameLength + extraLength + commentLength <= directory.count else { return "its central directory is damaged" }
            let name = String(decoding: directory[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            var compressed = value(directory, position + 20, 4), uncompressed = value(directory, position + 24, 4)
            var offset = value(directory, position + 42, 4)
            // ZIP64 extended information: the fields that are 0xFFFFFFFF above, in this order.
            var extra = position + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = value(directory, extra, 2), length = Int(value(directory, extra + 2, 2))
                guard extra + 4 + length <= extraEnd else { break }
                if id == 0x0001 {
                    var field = extra + 4
                    for which in 0..<3 {
                        let current = which == 0 ? uncompressed : which == 1 ? compressed : offset
                        guard current == 0xFFFF_FFFF, field + 8 <= extra + 4 + length else { continue }
                        let wide = value(directory, field, 8)
                        if which == 0 { uncompressed = wide } else if which == 1 { compressed = wide } else { offset = wide }
                        field += 8
                    }
                }
                extra += 4 + length
            }
            guard let local = read(30, at: offset), local[0..<4].elementsEqual([0x50, 0x4B, 0x03, 0x04]) else {
                return "the entry \(name) has no local header where its directory says"
            }
            let dataStart = offset + 30 + value(local, 26, 2) + value(local, 28, 2)
            guard dataStart <= size, compressed <= size - dataStart else {
                return "the entry \(name) says it holds \(compressed) bytes, more than the file has after it"
            }
            position += 46 + nameLength + extraLength + commentLength
        }
        return nil
    }

    /// The little-endian number of `count` bytes at `offset`.
    private static func value(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> UInt64 {
        (0..<count).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
    }
}
