import Synchronization
import Foundation

/// The files each input path of one loaded recipe names, matched once. The configurator (to
/// protect inputs), validation, the source's reading, its lineage and the writer's check all
/// ask for a source's files; a folder of 2,000 reports was listed and every match stat'ed five
/// times over. One list also means the files protected are the files read. A recipe loaded
/// again (each `burst` unit, each run) starts a new cache, so files added between runs count.
public final class InputFileCache: Sendable {
    private let found = Mutex<[String: [URL]]>([:])

    public init() {}

    /// ``InputFiles/resolve(_:in:at:)``, once per pattern and folder; a pattern that matches
    /// nothing is looked for again each time (its error names the asker's place).
    public func files(_ pattern: String, in base: URL, at location: SourceLocation) throws -> [URL] {
        let key = base.path + "\u{0}" + pattern
        if let known = found.withLock({ $0[key] }) { return known }
        let files = try InputFiles.resolve(pattern, in: base, at: location)
        found.withLock { $0[key] = files }
        return files
    }
}
