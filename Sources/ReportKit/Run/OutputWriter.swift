import Foundation

/// Writes a run's files all or nothing: each to a temporary file beside its destination, then,
/// once all are written, each renamed over its destination. A path that leaves the output
/// folder (through `..` or a symbolic link) or that names an input file is refused first.
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
        let protected = Set(inputs.map { $0.standardizedFileURL.resolvingSymlinksInPath().path })
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

        var temporaries: [URL] = []
        do {
            for (file, destination) in zip(files, destinations) {
                let folder = destination.deletingLastPathComponent()
                try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
                let temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).reportgen-\(getpid()).tmp")
                temporaries.append(temporary)
                try Data(file.bytes).write(to: temporary)
            }
            for (temporary, destination) in zip(temporaries, destinations) {
                guard rename(temporary.path, destination.path) == 0 else {
                    throw Diagnostic("cannot write '\(destination.path)': \(String(cString: strerror(errno)))", at: nil)
                }
            }
        } catch {
            for temporary in temporaries { try? fileManager.removeItem(at: temporary) }
            if error is Diagnostic { throw error }
            throw Diagnostic("cannot write the outputs: \(error.localizedDescription)", at: nil)
        }
        return destinations
    }
}
