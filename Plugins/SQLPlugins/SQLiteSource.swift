import Foundation
import ReportKit

/// The result of a query on an SQLite database file, opened read-only.
public struct SQLiteSource: Source {
    public static let type = "sqlite"
    public static let summary = "the result of a query on an SQLite database file (read-only)"

    public struct Options: PluginOptions {
        @Option(doc: "the database file, relative to the recipe's folder", example: "data/office.db")
        var path: InputPath
        @Option(doc: "an SQL query", example: "select ward, year, admitted from admissions")
        var query: QueryText

        public init() {}
    }

    private let options: Options

    public init(options: Options, setup: PluginSetup) { self.options = options }

    public func inputFiles(in recipeDirectory: URL) throws -> [URL] {
        [try options.path.oneFile(reading: "database")]
    }

    public func load(context: RunContext) throws -> Table {
        let file = try inputFiles(in: context.recipeDirectory)[0]
        let sql = options.query.text
        do {
            let database = try SQLiteDatabase(path: file.path)
            database.allowReadingOnly()
            return try database.query(sql)
        } catch let failure as SQLiteDatabase.Failure {
            throw SQLPosition.diagnostic(failure, query: options.query, file: context.displayPath(of: file))
        }
    }
}

/// Places an SQLite error in the recipe: at the character of the query SQLite names, when
/// the query sits on one line, else at the query.
enum SQLPosition {
    static func diagnostic(_ failure: SQLiteDatabase.Failure, query: QueryText, file: String? = nil) -> Diagnostic {
        let location = failure.offset.map { query.location(at: $0) } ?? query.node.location
        return Diagnostic("SQL" + (file.map { " on '\($0)'" } ?? "") + ": \(failure.message)", at: location)
    }
}
