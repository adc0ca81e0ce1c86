import CSQLite

/// SQL's `printf` (and its other name, `format`) with its widths and precisions limited to
/// ``largestField``: SQLite 3.40's own loops over a precision of `%.*c` character by character
/// even once past the length limit (`printf('%.*c', 2147483647, 'x')` took 16 s and returned
/// nothing). The call is checked here, then made on a second connection whose `printf` is
/// SQLite's, so that the formatting itself is SQLite's, not a copy of it.
final class SQLitePrintf {
    static let largestField = 1_000_000

    private var helper: OpaquePointer?
    /// Prepared `select printf(?1, ..., ?n)` by argument count.
    private var statements: [Int32: OpaquePointer] = [:]

    /// Installs the check on `database`, whose values may be at most `longestValue` long.
    init(on database: OpaquePointer?, longestValue: Int32) throws {
        guard sqlite3_open_v2(":memory:", &helper, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, nil) == SQLITE_OK else {
            sqlite3_close(helper)
            throw SQLiteDatabase.Failure(message: "cannot open SQLite")
        }
        sqlite3_limit(helper, SQLITE_LIMIT_LENGTH, longestValue)
        let context = Unmanaged.passUnretained(self).toOpaque()
        for name in ["printf", "format"] {
            sqlite3_create_function_v2(database, name, -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, context, { call, count, arguments in
                let printf = Unmanaged<SQLitePrintf>.fromOpaque(sqlite3_user_data(call)!).takeUnretainedValue()
                printf.call(call, count, arguments)
            }, nil, nil, nil)
        }
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close(helper)
    }

    private func call(_ call: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?) {
        let values = (0..<Int(count)).map { arguments![$0] }
        if let format = values.first.flatMap({ sqlite3_value_text($0) }), let problem = Self.check(format, values) {
            sqlite3_result_error(call, problem, -1)
            return
        }
        var statement = statements[count]
        if statement == nil {
            let placeholders = (1...max(1, Int(count))).map { "?\($0)" }.joined(separator: ", ")
            guard sqlite3_prepare_v2(helper, "select printf(\(count == 0 ? "" : placeholders))", -1, &statement, nil) == SQLITE_OK else {
                sqlite3_result_error(call, sqlite3_errmsg(helper), -1)
                return
            }
            statements[count] = statement
        }
        defer { sqlite3_reset(statement) }
        for (index, value) in values.enumerated() { sqlite3_bind_value(statement, Int32(index + 1), value) }
        if sqlite3_step(statement) == SQLITE_ROW {
            sqlite3_result_value(call, sqlite3_column_value(statement, 0))
        } else if sqlite3_errcode(helper) == SQLITE_TOOBIG {
            sqlite3_result_error_toobig(call)
        } else {
            sqlite3_result_error(call, sqlite3_errmsg(helper), -1)
        }
    }

    /// What is wrong with the widths and precisions of `format` (`%10s`, `%.*c` with its
    /// argument), if anything.
    private static func check(_ format: UnsafePointer<UInt8>, _ values: [OpaquePointer?]) -> String? {
        var index = 0, argument = 1
        func field() -> Int {
            if format[index] == UInt8(ascii: "*") {
                index += 1
                defer { argument += 1 }
                guard argument < values.count else { return 0 }
                let value = sqlite3_value_int64(values[argument])
                return value == .min ? .max : Int(value.magnitude)
            }
            var number = 0
            while format[index] >= UInt8(ascii: "0"), format[index] <= UInt8(ascii: "9") {
                number = min(number * 10 + Int(format[index] - UInt8(ascii: "0")), Int(Int32.max))
                index += 1
            }
            return number
        }
        while format[index] != 0 {
            guard format[index] == UInt8(ascii: "%") else { index += 1; continue }
            index += 1
            if format[index] == UInt8(ascii: "%") { index += 1; continue }
            while "-+ #0!,".utf8.contains(format[index]) { index += 1 }
            let width = field()
            var precision = 0
            if format[index] == UInt8(ascii: ".") {
                index += 1
                precision = field()
            }
            if max(width, precision) > largestField {
                return "printf: a width or precision of \(max(width, precision)) is past the \(largestField) allowed"
            }
            if format[index] != 0 {
                index += 1
                argument += 1
            }
        }
        return nil
    }
}
