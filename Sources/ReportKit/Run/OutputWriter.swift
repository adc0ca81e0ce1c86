import Foundation

/// Writes a run's files all or nothing, as far as a file system allows. Every output has been
/// rendered in memory before this is called (an error in any leaves the folder untouched).
/// Then, holding the output folder's lock (runs on one folder take turns), each file is
/// written into a staging folder inside the output folder and synced, and each is renamed
/// over its destination, the file it replaces moved aside; if a rename fails, the ones done
/// are undone and the error names the output. A run that dies between renames is undone by
/// the next run on the folder (see ``OutputStaging``). A path that leaves the output folder
/// (through `..` or a symbolic link) or that names a file the recipe reads is refused first.
public struct OutputWriter: Sendable {
    public struct File: Sendable {
        public var path: String
        public var bytes: [UInt8]
        public var location: SourceLocation

        public init(path: String, bytes: [UInt8], location: SourceLocation) {
            self.path = path
            self.bytes = bytes
            self.location = location
        }
    }

    public var directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public func write(_ files: [File], protecting inputs: [URL]) throws -> [URL] {
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic("cannot create the output folder '\(directory.path)': \(error.localizedDescription)", at: nil)
        }
        let protected = Self.resolvedPaths(of: inputs)
        let root = directory.standardizedFileURL.resolvingSymlinksInPath()
        var diagnostics = Diagnostics()
        var destinations: [URL] = []
        for file in files {
            guard let destination = OutputPath.resolve(file.path, in: directory) else {
                diagnostics.append(Diagnostic("'\(file.path)' leaves the output folder through a symbolic link", at: file.location))
                continue
            }
            if protected.contains(destination.path) {
                diagnostics.append(Diagnostic("'\(file.path)' would overwrite an input of this recipe; choose another --out folder or path",
                                              at: file.location))
            }
            destinations.append(destination)
        }
        try diagnostics.throwIfAny()

        let lock: Int32
        do { lock = try OutputStaging.lock(root) } catch {
            throw Diagnostic("cannot lock the output folder '\(directory.path)': \(error.localizedDescription)", at: nil)
        }
        defer { close(lock) }
        OutputStaging.recover(in: root)
        Self.removeStaleTemporaries(besides: destinations)
        let paths = destinations.map { String($0.path.dropFirst(root.path.count).drop { $0 == "/" }) }
        var staging: OutputStaging
        do {
            staging = try OutputStaging(in: root)
            for (file, path) in zip(files, paths) { try staging.stage(file.bytes, at: path) }
            try staging.writeJournal(paths)
        } catch {
            throw Diagnostic("cannot write the outputs into '\(directory.path)': \(error.localizedDescription)", at: nil)
        }
        for (index, file) in files.enumerated() {
            do {
                try staging.commit(index)
            } catch {
                staging.rollBack(count: index)
                var isFolder: ObjCBool = false
                let reason = fileManager.fileExists(atPath: destinations[index].path, isDirectory: &isFolder) && isFolder.boolValue
                    ? "a folder is in the way" : error.localizedDescription
                throw Diagnostic("cannot write '\(file.path)' (\(reason)); no output was written, the earlier ones are as they were",
                                 at: file.location)
            }
        }
        staging.finish()
        return destinations
    }

    /// The inputs' paths, standardized and with every symbolic link resolved, as
    /// `standardizedFileURL.resolvingSymlinksInPath()` gives them, so that an output reached
    /// through a link to an input is refused. That call looks at every folder of the path, for
    /// every file; here each folder is resolved once and a file looked at alone (an input that
    /// is a link, or is gone, is resolved whole, as before): one `lstat` per input.
    static func resolvedPaths(of inputs: [URL]) -> Set<String> {
        var folders: [String: String] = [:]
        var paths = Set<String>()
        for path in Set(inputs.map(DisplayPath.standardPath)) {
            guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else {
                paths.insert(URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
                continue
            }
            var status = stat()
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT != S_IFLNK else {
                paths.insert(URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
                continue
            }
            let folder = String(path[..<slash])
            let resolved = folders[folder] ?? URL(fileURLWithPath: folder, isDirectory: true).resolvingSymlinksInPath().path
            folders[folder] = resolved
            paths.insert((resolved.hasSuffix("/") ? resolved : resolved + "/") + path[path.index(after: slash)...])
        }
        return paths
    }

    /// Removes the temporary files (`.NAME.reportgen-PID.tmp`) that runs of earlier versions
    /// left beside their outputs when they died: those of processes no longer running.
    private static func removeStaleTemporaries(besides destinations: [URL]) {
        let folders = Set(destinations.map { $0.deletingLastPathComponent().path })
        for folder in folders {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(".") && name.hasSuffix(".tmp") {
                guard let marker = name.range(of: ".reportgen-", options: .backwards),
                      let pid = Int32(name[marker.upperBound...].dropLast(4)), kill(pid, 0) != 0, errno == ESRCH
                else { continue }
                try? FileManager.default.removeItem(atPath: folder + "/" + name)
            }
        }
    }
}
