/// Where a source's row is written, so that a person can find it and recount by hand: a file
/// and a line, a JSON Pointer, or a sheet's row.
public struct RowOrigin: Sendable, Hashable, CustomStringConvertible {
    /// The file, as messages name it (relative to the working directory when inside it).
    public var file: String
    /// `line 17`, `/data/records/41`, `row 7 of sheet 'Budget'`.
    public var place: String

    public init(file: String, place: String) {
        self.file = file
        self.place = place
    }

    /// A line of a file: written `file:17`, as errors are.
    public init(file: String, line: Int) {
        self.init(file: file, place: "\(line)")
    }

    public var description: String {
        place.first?.isNumber == true ? "\(file):\(place)" : "\(file) \(place)"
    }
}

/// A source that can say where each of its rows comes from (`explain --rows`).
///
/// Contract: ``loadTraced(context:)`` returns what ``Source/load(context:)`` returns, and one
/// origin per row, in the same order.
public protocol TraceableSource: Source {
    func loadTraced(context: RunContext) throws -> (table: Table, origins: [RowOrigin])
}

/// An extractor that can say which rows of its input make one of its rows (`explain --rows`):
/// an aggregate, the rows of one group.
///
/// Contract: given the input it would read (already cut to its span) and the values of its
/// group keys that pick its row (by column name, as text: `nam=2023`, `period=2025-Q3`), it
/// returns the indices of the input rows that it would put in that row, in input order; a key
/// not named selects every value. It throws, at the selection, for a name that is not a key.
public protocol RowTracingExtractor: Extractor {
    /// The table it reads rows of.
    var tracedInput: String { get }
    func contributingRows(of input: Table, selecting: [String: String], context: RunContext) throws -> [Int]
}
