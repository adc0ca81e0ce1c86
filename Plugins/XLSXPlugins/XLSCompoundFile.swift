import Foundation

/// The streams of a Compound File (OLE2, [MS-CFB]), the container of Excel 97-2003 workbooks:
/// enough of it to read one named stream. Written by hand: no library on the mirror reads it.
/// Every sector number is checked and every chain is bounded, so that a damaged file is an
/// error, never a crash or a loop.
struct XLSCompoundFile {
    struct Invalid: Error {
        var message: String
    }

    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    private static let endOfChain: UInt32 = 0xFFFF_FFFE

    private let bytes: [UInt8]
    private let sectorSize: Int
    private let miniSectorSize: Int
    private let miniStreamCutoff: Int
    private var fat: [UInt32] = []
    private var miniFAT: [UInt32] = []
    private var miniStream: [UInt8] = []
    /// Each directory entry's name, type (2 a stream, 5 the root), first sector and size.
    private var entries: [(name: String, type: UInt8, start: UInt32, size: Int)] = []

    init(bytes: [UInt8]) throws {
        self.bytes = bytes
        guard bytes.count >= 512, bytes.starts(with: Self.signature) else { throw Invalid(message: "it is not a Compound File") }
        let sectorShift = Int(Self.u16(bytes, 0x1E)), miniShift = Int(Self.u16(bytes, 0x20))
        guard sectorShift == 9 || sectorShift == 12, miniShift == 6 else { throw Invalid(message: "its sector sizes are not those of a Compound File") }
        sectorSize = 1 << sectorShift
        miniSectorSize = 1 << miniShift
        miniStreamCutoff = Int(Self.u32(bytes, 0x38))
        // The sectors of the FAT: 109 listed in the header, the rest in a chain of DIFAT sectors.
        var fatSectors = (0..<109).map { Self.u32(bytes, 0x4C + 4 * $0) }.filter { $0 < 0xFFFF_FFFA }
        var difat = Self.u32(bytes, 0x44)
        var hops = 0
        while difat < 0xFFFF_FFFA, hops < bytes.count / sectorSize {
            let base = try offset(of: difat)
            let perSector = sectorSize / 4 - 1
            fatSectors += (0..<perSector).map { Self.u32(bytes, base + 4 * $0) }.filter { $0 < 0xFFFF_FFFA }
            difat = Self.u32(bytes, base + 4 * perSector)
            hops += 1
        }
        for sector in fatSectors {
            let base = try offset(of: sector)
            fat += (0..<sectorSize / 4).map { Self.u32(bytes, base + 4 * $0) }
        }
        let directory = try chain(from: Self.u32(bytes, 0x30))
        for start in stride(from: 0, to: directory.count - 127, by: 128) {
            let entry = Array(directory[start..<start + 128])
            let length = min(Int(Self.u16(entry, 0x40)), 64)
            let name = String(decoding: stride(from: 0, to: max(0, length - 2), by: 2).map { Self.u16(entry, $0) }, as: UTF16.self)
            entries.append((name, entry[0x42], Self.u32(entry, 0x74), Int(Self.u32(entry, 0x78))))
        }
        guard let root = entries.first, root.type == 5 else { throw Invalid(message: "it has no root directory entry") }
        miniStream = Array(try chain(from: root.start).prefix(root.size))
        let miniTable = try chain(from: Self.u32(bytes, 0x3C))
        miniFAT = stride(from: 0, to: miniTable.count - 3, by: 4).map { Self.u32(miniTable, $0) }
    }

    /// The stream named one of `names` (the first found), or `nil`.
    func stream(named names: [String]) throws -> [UInt8]? {
        guard let entry = entries.first(where: { $0.type == 2 && names.contains($0.name) }) else { return nil }
        if entry.size < miniStreamCutoff {
            var data: [UInt8] = [], sector = entry.start, hops = 0
            while sector != Self.endOfChain, data.count < entry.size {
                let start = Int(sector) * miniSectorSize
                guard Int(sector) < miniFAT.count, start + miniSectorSize <= miniStream.count, hops <= miniStream.count / miniSectorSize else {
                    throw Invalid(message: "a stream's mini sectors run out of the file")
                }
                data += miniStream[start..<start + miniSectorSize]
                sector = miniFAT[Int(sector)]
                hops += 1
            }
            guard data.count >= entry.size else { throw Invalid(message: "a stream is shorter than its directory says") }
            return Array(data.prefix(entry.size))
        }
        let data = try chain(from: entry.start)
        guard data.count >= entry.size else { throw Invalid(message: "a stream is shorter than its directory says") }
        return Array(data.prefix(entry.size))
    }

    /// The bytes of the sectors chained from `first`.
    private func chain(from first: UInt32) throws -> [UInt8] {
        var data: [UInt8] = [], sector = first, hops = 0
        while sector != Self.endOfChain {
            // A chain longer than the file has sectors loops.
            guard hops <= bytes.count / sectorSize else { throw Invalid(message: "a chain of sectors loops") }
            let base = try offset(of: sector)
            // The last sector may be cut short where the file ends.
            data += bytes[base..<min(base + sectorSize, bytes.count)]
            guard Int(sector) < fat.count else { throw Invalid(message: "a chain of sectors leaves the allocation table") }
            sector = fat[Int(sector)]
            hops += 1
        }
        return data
    }

    private func offset(of sector: UInt32) throws -> Int {
        let base = (Int(sector) + 1) * sectorSize
        guard sector < 0xFFFF_FFFA, base < bytes.count else { throw Invalid(message: "a sector lies past the end of the file") }
        return base
    }

    static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        at + 1 < bytes.count ? UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 : 0
    }

    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        at + 3 < bytes.count ? UInt32(u16(bytes, at)) | UInt32(u16(bytes, at + 2)) << 16 : 0
    }
}
