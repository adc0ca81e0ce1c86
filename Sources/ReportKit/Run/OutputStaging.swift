import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A run's outputs on their way into the output folder, so that they appear together or not
/// at all (see ``OutputWriter``). Inside the output folder, so that every move is a rename on
/// one file system:
///
/// - the output folder itself is locked (`flock`) while a run writes, so that runs on one
///   folder take turns, and no lock file is left behind;
/// - `.reportgen-run-PID-ID/files/PATH`: the new files, written and synced first;
/// - `.reportgen-run-PID-ID/previous/PATH`: each file a run replaces, moved aside;
/// - `.reportgen-run-PID-ID/journal`: the paths, and whether each had a previous file, written
///   before the first rename; `committed` once every rename is done.
///
/// A run that died between renames (`kill -9`, a power cut) leaves its folder behind; the next
/// run on the output folder, holding the lock, undoes what it had done from the journal before
/// writing, so that the folder holds one run's set of files, never a mix of two.
struct OutputStaging {
    static let prefix = ".reportgen-run-"

    let root: URL
    let folder: URL
    private var entries: [(path: String, hadPrevious: Bool)] = []

    /// A fresh staging folder in `root`.
    init(in root: URL) throws {
        self.root = root
        folder = root.appendingPathComponent("\(Self.prefix)\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("files"), withIntermediateDirectories: true)
    }

    /// The error `errno` names.
    private static func lastError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }

    /// Waits for, then holds, the lock of `root`; released when the descriptor is closed.
    static func lock(_ root: URL) throws -> Int32 {
        let descriptor = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.lastError() }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let failure = Self.lastError()
                close(descriptor)
                throw failure
            }
        }
        return descriptor
    }

    /// Writes `bytes` as the new file at `path` (relative to the root), synced to the disk.
    func stage(_ bytes: [UInt8], at path: String) throws {
        let file = folder.appendingPathComponent("files").appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.lastError() }
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let result = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    throw Self.lastError()
                }
                written += result
            }
        }
        guard fsync(descriptor) == 0 else { throw Self.lastError() }
    }

    /// Records what is about to be renamed, before the first rename.
    mutating func writeJournal(_ paths: [String]) throws {
        entries = paths.map { path in
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isFolder)
            return (path, exists && !isFolder.boolValue)
        }
        let text = entries.map { "\($0.hadPrevious ? 1 : 0)\t\($0.path)\n" }.joined()
        try Data(text.utf8).write(to: folder.appendingPathComponent("journal"), options: .atomic)
    }

    /// Moves the previous file of entry `index` aside, then the new one into place.
    func commit(_ index: Int) throws {
        let path = entries[index].path
        let destination = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        if entries[index].hadPrevious {
            let previous = folder.appendingPathComponent("previous").appendingPathComponent(path)
            try FileManager.default.createDirectory(at: previous.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard rename(destination.path, previous.path) == 0 else { throw Self.lastError() }
        }
        guard rename(folder.appendingPathComponent("files").appendingPathComponent(path).path, destination.path) == 0 else {
            let failure = Self.lastError()
            Self.restore(path, hadPrevious: entries[index].hadPrevious, in: root, from: folder)
            throw failure
        }
    }

    /// Marks every rename done and removes the staging folder.
    func finish() {
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("committed").path, contents: nil)
        try? FileManager.default.removeItem(at: folder)
    }

    /// Undoes the renames of entries before `count`, last first, and removes the folder.
    func rollBack(count: Int) {
        for entry in entries.prefix(count).reversed() { Self.restore(entry.path, hadPrevious: entry.hadPrevious, in: root, from: folder) }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Puts back what was at `path` before a run: its previous file if it had one moved aside,
    /// else nothing (the new file removed, if it got there).
    private static func restore(_ path: String, hadPrevious: Bool, in root: URL, from folder: URL) {
        let destination = root.appendingPathComponent(path)
        let staged = folder.appendingPathComponent("files").appendingPathComponent(path)
        let previous = folder.appendingPathComponent("previous").appendingPathComponent(path)
        if FileManager.default.fileExists(atPath: previous.path) {
            _ = rename(previous.path, destination.path)
        } else if !hadPrevious, !FileManager.default.fileExists(atPath: staged.path) {
            // Renamed into place (it is no longer staged) where there was nothing before.
            _ = unlink(destination.path)
        }
    }

    /// Undoes and removes what runs that died left in `root` (the lock held, none is running).
    static func recover(in root: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let folder = root.appendingPathComponent(name)
            let committed = FileManager.default.fileExists(atPath: folder.appendingPathComponent("committed").path)
            if !committed, let journal = try? String(contentsOf: folder.appendingPathComponent("journal"), encoding: .utf8) {
                for line in journal.split(separator: "\n").reversed() {
                    guard let tab = line.firstIndex(of: "\t") else { continue }
                    restore(String(line[line.index(after: tab)...]), hadPrevious: line[..<tab] == "1", in: root, from: folder)
                }
            }
            try? FileManager.default.removeItem(at: folder)
        }
    }
}
