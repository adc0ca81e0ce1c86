import Foundation
import ReportKit

/// What reading cells told of the types of a CSV source's columns: each undeclared column's
/// type narrowed cell by cell (see ``ColumnTypeGuess``), the cell that made it text, and the
/// evidence of the order of day and month in its dates.
///
/// The file is read once when it can be: the types are guessed from the records of its first
/// ``CSVRowReader/guessBytes`` bytes, and every cell that an extractor reads is checked against
/// the guess as the rows are delivered (``GuessCheck``). Inference gives a column the narrowest
/// type of every cell, so a later cell that does not fit the guess shows that the column's type
/// is another: the columns read are then inferred from every cell, and the rows delivered
/// again (``ColumnsRevised``). A column no extractor reads keeps its guess, which no figure can
/// show.
struct CSVInference: Sendable {
    typealias Witness = (text: String, place: SourceLocation)

    var names: [String] = []
    var declared: [ColumnSpec?] = []
    var guesses: [ColumnTypeGuess] = []
    var textBecause: [String?] = []
    /// Per column, the first cell of each kind of day-order evidence, with its place.
    var dayOrderWitnesses: [[ColumnTypeGuess.DayOrderEvidence: Witness]] = []
    var sawRecord = false
    /// The undeclared columns whose every cell was read: their types are inferred, not guessed.
    var final: Set<Int> = []

    var undeclared: [Int] { names.indices.filter { declared[$0] == nil } }

    /// Takes `full`'s knowledge of `columns`, which it read whole.
    mutating func adopt(_ columns: Set<Int>, from full: CSVInference) {
        for index in columns {
            guesses[index] = full.guesses[index]
            textBecause[index] = full.textBecause[index]
            dayOrderWitnesses[index] = full.dayOrderWitnesses[index]
        }
        sawRecord = sawRecord || full.sawRecord
        final.formUnion(columns)
    }
}

/// A column guessed wrong: a cell that an extractor reads does not fit its guessed type.
struct CSVGuessFailed: Error {}

extension CSVRowReader {
    /// Records in this many bytes at the start of the input are read to guess the types of the
    /// columns that `columns` does not declare.
    static let guessBytes = 1 << 18

    /// The types of the columns, guessed from the first records; a column that the first
    /// records show as dates in the order the locale does not use is read whole at once, since
    /// only every cell of it can tell whether that is an error.
    func guessTypes() throws -> CSVInference {
        var inference = try infer(columns: nil, budget: Self.guessBytes)
        let suspects = inference.undeclared.filter { index in
            !inference.final.contains(index) && inference.guesses[index].hasSeenValue
                && inference.guesses[index].type == .string && inference.guesses[index].fitsTheOtherDayOrder
        }
        if !suspects.isEmpty {
            inference.adopt(Set(suspects), from: try infer(columns: Set(suspects), budget: nil))
        }
        return inference
    }

    /// Reads the cells of the undeclared columns among `wanted` (all when `nil`) to infer their
    /// types: every record, or those in the first `budget` bytes.
    func infer(columns wanted: Set<Int>?, budget: Int?) throws -> CSVInference {
        var result = CSVInference()
        var fields: [CSVParser.Field] = []
        var consumed = 0, complete = true
        reading: for file in files {
            var parser = try CSVParser(input: CSVFileInput.open(file.url, display: file.display, encoding: encoding), delimiter: delimiter, file: file.display)
            guard let header = try readHeader(&parser, expected: result.names.isEmpty ? nil : result.names, firstFile: files[0].display) else { continue }
            if result.names.isEmpty {
                result.names = header
                result.declared = header.map { name in specs.first { $0.name == name }?.spec }
                result.guesses = header.map { _ in ColumnTypeGuess() }
                result.textBecause = header.map { _ in nil }
                result.dayOrderWitnesses = header.map { _ in [:] }
            }
            let observed = header.indices.filter { result.declared[$0] == nil && (wanted?.contains($0) ?? true) }
            if observed.isEmpty { break }
            while try parser.nextFields(&fields) {
                if let budget, consumed + parser.recordStart >= budget {
                    complete = false
                    break reading
                }
                result.sawRecord = true
                if fields.count != header.count { try checkWidth(fields.map(parser.offset(of:)), header.count, parser) }
                for index in observed where !result.guesses[index].isSettled {
                    try observe(fields[index], column: index, in: &result, parser)
                }
            }
            consumed += parser.recordStart
        }
        if complete { result.final = Set(result.undeclared.filter { wanted?.contains($0) ?? true }) }
        return result
    }

    /// Narrows column `index`'s type by one cell; notes the cell that made it text, and what
    /// the cell says of the order of day and month.
    private func observe(_ field: CSVParser.Field, column index: Int, in result: inout CSVInference, _ parser: CSVParser) throws {
        let madeText = parser.withBytes(of: field) { result.guesses[index].observe(bytes: $0, with: cells) }
        guard madeText || (result.guesses[index].fitsTheOtherDayOrder && field.end > field.start) else { return }
        // Rare: once per column at most, or while its cells may be dates in the other order.
        let text = try parser.text(of: field)
        if madeText {
            result.textBecause[index] = "\(parser.location(ofByte: parser.offset(of: field))) holds '\(text)'"
                + BadCell.hint(for: text, type: result.guesses[index].typeBefore, cells: cells)
        }
        if let evidence = result.guesses[index].noteDayOrder(Substring(text), with: cells), result.dayOrderWitnesses[index][evidence] == nil {
            result.dayOrderWitnesses[index][evidence] = (text, parser.location(ofByte: parser.offset(of: field)))
        }
    }

    /// The columns as `inference` types them, and what a cell of each must be for its guess to
    /// hold; errors for columns of dates in the order the locale does not use.
    func columnTypes(_ inference: CSVInference) throws -> (columns: [Column], checks: [GuessCheck]) {
        let header = inference.names
        var textBecause = inference.textBecause
        // A column no cell gave a type to is text by default: type errors say why, and how to declare it.
        for index in inference.undeclared where !inference.guesses[index].hasSeenValue {
            let file = files.first?.display ?? "the file"
            textBecause[index] = (inference.sawRecord ? "every cell of it in \(file) is empty" : "\(file) has a header but no rows")
                + ", so no cell tells its type"
        }
        var diagnostics = Diagnostics()
        for index in inference.final.sorted() where inference.guesses[index].type == .string && inference.guesses[index].fitsTheOtherDayOrder {
            guard let other = inference.dayOrderWitnesses[index][.otherOrderOnly] else { continue }
            diagnostics.append(dayOrderError(column: header[index], other: other, either: inference.dayOrderWitnesses[index][.eitherOrder]))
        }
        try diagnostics.throwIfAnyAsFound()
        let columns = header.indices.map { index in
            inference.declared[index].map { Column(header[index], $0.type, plain: $0.isPlain) }
                ?? Column(header[index], inference.guesses[index].type, textBecause: textBecause[index])
        }
        let checks = header.indices.map { index -> GuessCheck in
            guard inference.declared[index] == nil, !inference.final.contains(index) else { return .none }
            let guess = inference.guesses[index]
            if !guess.hasSeenValue { return .empty }
            switch guess.type {
            case .string: return .none
            case .int, .decimal: return .number
            default: return .value
            }
        }
        return (columns, checks)
    }

    /// A column of dates written in the order of day and month that the locale does not read:
    /// an error showing a cell only that order reads and, when there is one, a cell both read
    /// (which would silently be a wrong date), asking for the column's `format`.
    private func dayOrderError(column: String, other: CSVInference.Witness, either: CSVInference.Witness?) -> Diagnostic {
        let locale = cells.dateLocale
        let dayFirst = !locale.isDayFirst
        let separator = other.text.first { !$0.isNumber } ?? "/"
        let format = (dayFirst ? ["%d", "%m", "%Y"] : ["%m", "%d", "%Y"]).joined(separator: String(separator))
        var message = "column '\(column)' writes dates with the \(dayFirst ? "day" : "month") first ('\(other.text)'), "
            + "which the locale \(locale.identifier) does not read that way"
        var notes: [Diagnostic.Note] = []
        if let either, let date = cells.readDate(Substring(either.text)) {
            message += "; it would read '\(either.text)' as \(date)"
            notes.append(.init("'\(either.text)' reads both ways", at: either.place))
        }
        message += ". Declare the column's format: columns: {\(column): {type: date, format: '\(format)'}}"
        return Diagnostic(message, at: other.place, notes: notes)
    }
}
