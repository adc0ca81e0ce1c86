import Synchronization

/// What the steps of one run read of their inputs, recorded as they read it (on either core)
/// and turned into each table's ``TableLineage`` once the run is done.
public final class LineageLog: Sendable {
    struct Entry: Sendable {
        var reader: String
        var read: InputRead
        var dataSpan: ClosedRange<CivilDate>?
    }

    private let entries = Mutex<[Entry]>([])

    public init() {}

    func record(reader: String, read: InputRead, dataSpan: ClosedRange<CivilDate>?) {
        entries.withLock { list in
            if let index = list.firstIndex(where: { $0.reader == reader && $0.read.input == read.input }) {
                list[index] = Entry(reader: reader, read: read, dataSpan: dataSpan)
            } else {
                list.append(Entry(reader: reader, read: read, dataSpan: dataSpan))
            }
        }
    }

    /// What `reader` read of `input`, when it was recorded.
    func read(by reader: String, of input: String) -> Entry? {
        entries.withLock { list in list.first { $0.reader == reader && $0.read.input == input } }
    }

    /// The rows of `source` some reader was offered (every row of it), and the span they cover.
    func source(_ source: String) -> Entry? {
        entries.withLock { list in list.first { $0.read.input == source } }
    }
}
