import CLibPQ
import Foundation

/// One session with a PostgreSQL server (or one that speaks its protocol: Citus, Redshift,
/// YugabyteDB, CockroachDB), through libpq.
///
/// libpq rather than postgres-nio: libpq is Debian's `libpq-dev`, a system library target
/// that builds in seconds (postgres-nio and its SwiftNIO took over 5 minutes on 2 cores), its
/// connection strings, `.pgpass`, `PGSERVICE` and `sslmode` behave exactly as in psql, its
/// single-row mode streams a result in constant memory, and its synchronous calls fit the
/// synchronous `Source` (postgres-nio's API is async). It returns `numeric` as exact text and
/// says at which character of a statement an error lies.
///
/// The session only reads: every statement runs in one read-only, repeatable-read
/// transaction (so that every query of a run sees the same data), under a statement timeout.
final class PostgresConnection {
    struct Failure: Error {
        var message: String
        /// The character (Unicode scalar) offset in the statement where the server found the
        /// problem, from 0, when it says.
        var position: Int?
    }

    /// A column of a result: its name and the server's type number.
    struct Field {
        var name: String
        var typeOID: UInt32
    }

    /// libpq's functions (see ``LibPQ``).
    private let pq: clibpq_functions
    private let rowFunctions: PostgresRow.Functions
    private let handle: OpaquePointer
    /// The password of the connection string, never to appear in a message.
    private let secret: String?

    /// Connects with `conninfo` (key=value pairs or a `postgresql://` URI; empty: the
    /// environment's `PG*` variables, as psql), then opens the read-only transaction.
    init(conninfo: String, statementTimeout seconds: Int) throws {
        let pq = try LibPQ.functions()
        self.pq = pq
        rowFunctions = (pq.PQgetisnull, pq.PQgetlength, pq.PQgetvalue)
        secret = try Self.password(in: conninfo, pq)
        // `dbname` last, so that what the user's connection string says wins over our defaults.
        let keywords = ["connect_timeout", "fallback_application_name", "dbname"]
        let values = ["10", "reportgen", conninfo]
        let connection = keywords.withCStrings { keys in
            values.withCStrings { vals in pq.PQconnectdbParams(keys, vals, 1) }
        }
        guard let connection else { throw Failure(message: "out of memory") }
        handle = connection
        guard pq.PQstatus(connection) == CONNECTION_OK else {
            // Every stored property is set, so deinit finishes the connection.
            let message = Self.scrub(Self.text(pq.PQerrorMessage(connection)), secret: secret)
            throw Failure(message: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        _ = pq.PQsetClientEncoding(connection, "UTF8")
        // Settings some servers that speak the protocol lack are tried one by one; the rest must hold.
        for optional in ["SET synchronize_seqscans = off", "SET extra_float_digits = 1"] {
            try? execute(optional)
        }
        try execute("SET statement_timeout = \(max(1, seconds) * 1000)")
        try execute("SET DateStyle = 'ISO, YMD'")
        try execute("SET TimeZone = 'UTC'")
        try execute("SET default_transaction_read_only = on")
        try execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    }

    deinit {
        pq.PQfinish(handle)
    }

    /// Runs a statement that returns no rows.
    func execute(_ sql: String) throws {
        guard let result = pq.PQexec(handle, sql) else { throw failure(nil, statement: sql) }
        defer { pq.PQclear(result) }
        let status = pq.PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else { throw failure(result, statement: sql) }
    }

    /// Runs a query with its `$n` parameters as text (the statement casts each to its type),
    /// handing `fields` the columns before the first row and `body` each row, one at a time
    /// in single-row mode: a large result is never held whole.
    func query(_ sql: String, parameters: [String?] = [], fields: ([Field]) throws -> Void,
               _ body: (PostgresRow) throws -> Void) throws {
        let sent = parameters.withOptionalCStrings { values in
            pq.PQsendQueryParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        guard sent == 1 else { throw failure(nil, statement: sql) }
        _ = pq.PQsetSingleRowMode(handle)
        var described = false
        var problem: (any Error)?
        while let result = pq.PQgetResult(handle) {
            defer { pq.PQclear(result) }
            guard problem == nil else { continue }
            let status = pq.PQresultStatus(result)
            guard status == PGRES_SINGLE_TUPLE || status == PGRES_TUPLES_OK else {
                problem = failure(result, statement: sql)
                continue
            }
            do {
                if !described {
                    described = true
                    try fields((0..<pq.PQnfields(result)).map { Field(name: Self.text(pq.PQfname(result, $0)), typeOID: pq.PQftype(result, $0)) })
                }
                if status == PGRES_SINGLE_TUPLE { try body(PostgresRow(result: result, pq: rowFunctions)) }
            } catch {
                problem = error
                cancel()
            }
        }
        if let problem { throw problem }
    }

    /// Asks the server to stop the running query; its remaining results are then drained.
    private func cancel() {
        guard let cancel = pq.PQgetCancel(handle) else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = pq.PQcancel(cancel, &buffer, Int32(buffer.count))
        pq.PQfreeCancel(cancel)
    }

    private func failure(_ result: OpaquePointer?, statement: String?) -> Failure {
        let primary = result.flatMap { pq.PQresultErrorField($0, Int32(UInt8(ascii: "M"))) }.map { String(cString: $0) }
        let message = primary ?? Self.text(pq.PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
        var position: Int?
        if let statement, let field = result.flatMap({ pq.PQresultErrorField($0, Int32(UInt8(ascii: "P"))) }),
           let number = Int(String(cString: field)), number >= 1, number <= statement.unicodeScalars.count + 1 {
            position = number - 1
        }
        return Failure(message: Self.scrub(message, secret: secret), position: position)
    }

    /// The password a connection string gives, if any; an error when libpq cannot read it.
    /// libpq's message quotes pieces of the string, which may be the password itself, so only
    /// an unknown key's name is kept.
    private static func password(in conninfo: String, _ pq: clibpq_functions) throws -> String? {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = pq.PQconninfoParse(conninfo, &error) else {
            let message = error.map { String(cString: $0) } ?? "out of memory"
            if let error { pq.PQfreemem(error) }
            let safe = message.hasPrefix("invalid connection option") ? message
                : message.replacingOccurrences(of: "\"[^\"]*\"", with: "\"…\"", options: .regularExpression)
            throw Failure(message: "the connection string cannot be read: " + safe.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        defer { pq.PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "password", let value = option.pointee.val { return String(cString: value) }
            option += 1
        }
        return nil
    }

    /// A C string libpq returned, empty when it returned none.
    private static func text(_ string: UnsafeMutablePointer<CChar>?) -> String {
        string.map { String(cString: $0) } ?? ""
    }

    private static func scrub(_ message: String, secret: String?) -> String {
        guard let secret, !secret.isEmpty else { return message }
        return message.replacingOccurrences(of: secret, with: "***")
    }
}

/// One row of a result, valid only during the call that receives it.
struct PostgresRow {
    let result: OpaquePointer
    /// libpq's functions a row reads with (not its whole table, copied for every row).
    typealias Functions = (PQgetisnull: @convention(c) (OpaquePointer?, Int32, Int32) -> Int32,
                           PQgetlength: @convention(c) (OpaquePointer?, Int32, Int32) -> Int32,
                           PQgetvalue: @convention(c) (OpaquePointer?, Int32, Int32) -> UnsafeMutablePointer<CChar>?)
    let pq: Functions

    func isNull(_ column: Int) -> Bool { pq.PQgetisnull(result, 0, Int32(column)) == 1 }

    /// The column's text, as the server wrote it.
    func text(_ column: Int) -> String {
        withBytes(column) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the column's bytes, valid only inside it.
    func withBytes<T>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let length = Int(pq.PQgetlength(result, 0, Int32(column)))
        guard let value = pq.PQgetvalue(result, 0, Int32(column)) else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try value.withMemoryRebound(to: UInt8.self, capacity: length) {
            try body(UnsafeBufferPointer(start: $0, count: length))
        }
    }
}

extension Array where Element == String {
    /// Calls `body` with the strings as a C array of C strings.
    fileprivate func withCStrings<T>(_ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
        map { Optional($0) }.withOptionalCStrings(body)
    }
}

extension Array where Element == String? {
    fileprivate func withOptionalCStrings<T>(_ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
        let copies = map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } } + [nil]
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
