import Foundation

/// A text file's encoding when it is not UTF-8, as a source's `encoding` option names it.
/// Single-byte code pages are read through a table of what each byte is, made once from
/// Foundation's converters, so that a large file can be read a chunk at a time;
/// `windows-1258` is what Excel's "CSV" writes on a Vietnamese Windows (tone marks as
/// combining characters, which reportgen compares as equal to precomposed ones).
public struct TextEncoding: Sendable {
    public enum Kind: Sendable {
        case utf8
        /// `nil`: the byte order mark decides, little-endian without one.
        case utf16(bigEndian: Bool?)
        /// The UTF-8 of each byte; `nil` for a byte the code page leaves undefined.
        case singleByte([[UInt8]?])
    }

    public let name: String
    public let kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// The names the `encoding` option takes.
    public static let names = ["utf-8", "utf-16", "utf-16le", "utf-16be"] + singleByteNames.map(\.name)

    private static let singleByteNames: [(name: String, encoding: String.Encoding)] = [
        ("windows-1258", String.Encoding(rawValue: 0x8000_0508)),
        ("windows-1252", .windowsCP1252), ("windows-1250", .windowsCP1250), ("windows-1251", .windowsCP1251),
        ("windows-1253", .windowsCP1253), ("windows-1254", .windowsCP1254), ("iso-8859-1", .isoLatin1),
        ("iso-8859-2", .isoLatin2), ("iso-8859-15", String.Encoding(rawValue: 0x8000_020F)),
    ]

    /// The doc of the `encoding` option of every source that reads text.
    public static let optionDoc = "the file's encoding when it is not UTF-8 (windows-1258: Excel's CSV on a Vietnamese Windows); default UTF-8, or UTF-16 after its byte order mark"

    public static func named(_ name: String) -> TextEncoding? {
        switch name.lowercased() {
        case "utf-8": return TextEncoding(name: name, kind: .utf8)
        case "utf-16": return TextEncoding(name: name, kind: .utf16(bigEndian: nil))
        case "utf-16le": return TextEncoding(name: name, kind: .utf16(bigEndian: false))
        case "utf-16be": return TextEncoding(name: name, kind: .utf16(bigEndian: true))
        default:
            guard let encoding = singleByteNames.first(where: { $0.name == name.lowercased() })?.encoding else { return nil }
            let table = (0...255).map { byte in String(data: Data([UInt8(byte)]), encoding: encoding).map { Array($0.utf8) } }
            return TextEncoding(name: name, kind: .singleByte(table))
        }
    }

    /// The byte order a UTF-16 byte order mark at the start of `bytes` announces: `true` for
    /// big-endian, `false` for little-endian, `nil` when there is none.
    public static func utf16ByteOrder(of bytes: some Collection<UInt8>) -> Bool? {
        if bytes.starts(with: [0xFE, 0xFF]) { return true }
        if bytes.starts(with: [0xFF, 0xFE]) { return false }
        return nil
    }

    /// A whole file's text; `nil` when its bytes are not text in this encoding.
    public func decode(_ bytes: [UInt8]) -> String? {
        switch kind {
        case .utf8:
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            return String(validating: body, as: UTF8.self)
        case .utf16(let bigEndian):
            let mark = Self.utf16ByteOrder(of: bytes)
            let big = bigEndian ?? mark ?? false
            return String(bytes: mark == nil ? bytes : Array(bytes.dropFirst(2)), encoding: big ? .utf16BigEndian : .utf16LittleEndian)
        case .singleByte(let table):
            var utf8: [UInt8] = []
            utf8.reserveCapacity(bytes.count)
            for byte in bytes {
                guard let character = table[Int(byte)] else { return nil }
                utf8 += character
            }
            return String(decoding: utf8, as: UTF8.self)
        }
    }
}
