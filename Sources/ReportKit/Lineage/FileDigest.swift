import Crypto
import Foundation

/// SHA-256 (apple/swift-crypto) of files and of bytes, read in 1 MiB chunks so that a large
/// input is hashed in constant memory.
public enum FileDigest {
    public static func file(_ url: URL, display: String) throws -> InputFile {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw Diagnostic("cannot read '\(display)' to record its digest", at: nil)
        }
        defer { try? handle.close() }
        var hasher = SHA256(), size = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += chunk.count
        }
        return InputFile(path: display, size: size, sha256: hex(hasher.finalize()))
    }

    public static func bytes(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
