import ReportKit

/// Translates reportgen expressions into PostgreSQL where, and only where, the database gives
/// the same answer on every row; anything else is `nil`, and reportgen computes it. The
/// allow-list, and why the rest is left out:
///
/// - columns (read through ``PostgresColumn/sql``), and constants: a part that reads no column
///   (`12`, `'Bưởi'`, `params.target`, `period.end`, `params.ward is null`) is computed by
///   reportgen and bound as a typed parameter, never spliced into the text;
/// - `and`, `or`, `not`, `is [not] null`, `[not] in`, comparisons: SQL's three-valued logic
///   is reportgen's; texts order with `COLLATE "C"`, the order of code points, which is
///   Swift's order for text in Unicode's composed form (NFC), and are equal when their bytes
///   are (any deterministic collation, so that an index on the column serves `=` and `in`);
/// - `+ - *` on numbers, in `numeric` (exact, and an integer past 64 bits becomes a decimal as
///   in reportgen, rather than an error), a date minus a date; not `/` and `%` (reportgen
///   divides to 38 significant digits, PostgreSQL to its own scale) nor dates plus days;
/// - `year month quarter day` of a date, `abs`, `coalesce`, `if` and `case when`, `date` of a date,
///   `contains` of a constant non-empty text (`strpos`), `lower` and `upper` when the server's
///   case mapping agrees with Unicode's (``PostgresSession/caseMappingAgrees()``); not `round`,
///   `floor`, `ceil`, `||` nor `date` of a text (an error in SQL where reportgen gives null),
///   nor anything of a date-time, which reportgen computes in the recipe's time zone.
struct SQLTranslator {
    let session: PostgresSession
    let scope: ExpressionScope
    /// The texts bound to `$1`, `$2`, ..., each a value written as reportgen writes it.
    private(set) var parameters: [String?] = []
    private var bound: [String: Int] = [:]

    init(session: PostgresSession, scope: ExpressionScope) {
        self.session = session
        self.scope = scope
    }

    /// The SQL type of a reportgen type.
    static func sqlType(_ type: ColumnType?) -> String? {
        switch type {
        case .int: return "bigint"
        case .decimal: return "numeric"
        case .string: return "text"
        case .date: return "date"
        case .bool: return "boolean"
        case .datetime, .period, nil: return nil
        }
    }

    /// `value` bound as a parameter of its type: `CAST($3 AS date)`; null is `NULL`.
    mutating func bind(_ value: Value) -> String? {
        guard !value.isNull else { return "NULL" }
        guard let type = Self.sqlType(value.type) else { return nil }
        let key = "\(type)\u{0}\(value.plainText)"
        if let index = bound[key] { return "CAST($\(index) AS \(type))" }
        parameters.append(value.plainText)
        bound[key] = parameters.count
        return "CAST($\(parameters.count) AS \(type))"
    }

    /// The SQL of `part` and its type, or `nil` when it is not on the allow-list (and then no
    /// parameter of it stays bound).
    mutating func translate(_ part: ExpressionPart) -> (sql: String, type: ColumnType?)? {
        let (parameterCount, boundBefore) = (parameters.count, bound)
        guard let translated = translatePart(part) else {
            parameters.removeLast(parameters.count - parameterCount)
            bound = boundBefore
            return nil
        }
        return translated
    }

    private mutating func translatePart(_ part: ExpressionPart) -> (sql: String, type: ColumnType?)? {
        guard let compiled = try? part.compiled(in: scope) else { return nil }
        if compiled.columns.isEmpty {
            guard let value = try? compiled.evaluate(Row(repeating: .null, count: scope.columns.count)) else { return nil }
            return bind(value).map { ($0, compiled.type) }
        }
        switch part.node.kind {
        case .literal:
            return nil
        case .name(let parts):
            // Date-times are computed in reportgen, in the recipe's time zone.
            guard parts.count == 1, let index = scope.columns.firstIndex(where: { $0.name == parts[0] }),
                  scope.columns[index].type != .datetime
            else { return nil }
            return (session.sourceColumns[index].sql, scope.columns[index].type)
        case .negate(let operand):
            guard let inner = translate(part.part(operand)) else { return nil }
            return ("(-CAST(\(inner.sql) AS numeric))", compiled.type)
        case .not(let operand):
            return translate(part.part(operand)).map { ("(NOT \($0.sql))", .bool) }
        case .isNull(let operand, let negated):
            return translate(part.part(operand)).map { ("(\($0.sql) IS \(negated ? "NOT " : "")NULL)", .bool) }
        case .inList(let operand, let items, let negated):
            guard let left = translate(part.part(operand)) else { return nil }
            var list: [String] = []
            for item in items {
                guard let right = comparand(part.part(item), against: left.type) else { return nil }
                list.append(right)
            }
            return ("(\(left.sql) \(negated ? "NOT " : "")IN (\(list.joined(separator: ", "))))", .bool)
        case .binary(let op, let left, let right):
            return binary(op, part.part(left), part.part(right), type: compiled.type)
        case .call(let name, let arguments):
            return call(name, arguments.map(part.part), type: compiled.type)
        case .caseWhen(let parts, let otherwise):
            guard let sqlType = Self.sqlType(compiled.type) else { return nil }
            var sql = "(CASE"
            for index in stride(from: 0, to: parts.count - 1, by: 2) {
                guard let condition = translate(part.part(parts[index])), let value = translate(part.part(parts[index + 1])) else { return nil }
                sql += " WHEN \(condition.sql) THEN CAST(\(value.sql) AS \(sqlType))"
            }
            if let otherwise {
                guard let value = translate(part.part(otherwise)) else { return nil }
                sql += " ELSE CAST(\(value.sql) AS \(sqlType))"
            }
            return (sql + " END)", compiled.type)
        }
    }

    private mutating func binary(_ op: Expression.BinaryOperator, _ left: ExpressionPart, _ right: ExpressionPart,
                                 type: ColumnType?) -> (sql: String, type: ColumnType?)? {
        switch op {
        case .and, .or:
            guard let a = translate(left), let b = translate(right) else { return nil }
            return ("(\(a.sql) \(op == .and ? "AND" : "OR") \(b.sql))", .bool)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let a = translate(left), a.type != .period, let b = comparand(right, against: a.type) else { return nil }
            let symbol = op == .notEqual ? "<>" : op.rawValue
            let ordered = op != .equal && op != .notEqual
            return ("(\(ordered ? collated(a) : a.sql) \(symbol) \(b))", .bool)
        case .add, .subtract, .multiply:
            guard let a = translate(left), let b = translate(right) else { return nil }
            if op == .subtract, a.type == .date, b.type == .date { return ("(\(a.sql) - \(b.sql))", .int) }
            guard a.type?.isNumeric ?? true, b.type?.isNumeric ?? true else { return nil }
            return ("(CAST(\(a.sql) AS numeric) \(op.rawValue) CAST(\(b.sql) AS numeric))", type)
        case .divide, .remainder, .concat:
            return nil
        }
    }

    /// The other side of a comparison with a value of `type`: a text constant compared with a
    /// date is the date it writes, as reportgen reads it.
    private mutating func comparand(_ part: ExpressionPart, against type: ColumnType?) -> String? {
        if type == .date, case .literal(.string(let text)) = part.node.kind {
            guard let date = CivilDate(iso: text) else { return nil }
            return bind(.date(date))
        }
        guard let translated = translate(part), translated.type != .period else { return nil }
        return translated.sql
    }

    /// A text in the order of code points, for `<`, `min` and the like.
    func collated(_ translated: (sql: String, type: ColumnType?)) -> String {
        translated.type == .string ? "(\(translated.sql) COLLATE \"C\")" : translated.sql
    }

    private mutating func call(_ name: String, _ arguments: [ExpressionPart], type: ColumnType?) -> (sql: String, type: ColumnType?)? {
        switch name {
        case "year", "month", "quarter", "day":
            guard let date = translate(arguments[0]) else { return nil }
            return ("CAST(EXTRACT(\(name.uppercased()) FROM \(date.sql)) AS integer)", .int)
        case "date":
            guard let date = translate(arguments[0]), date.type == .date else { return nil }
            return date
        case "abs":
            return translate(arguments[0]).map { ("abs(CAST(\($0.sql) AS numeric))", type) }
        case "coalesce", "if":
            guard let sqlType = Self.sqlType(type) else { return nil }
            var parts: [String] = []
            for (index, argument) in arguments.enumerated() {
                guard let translated = translate(argument) else { return nil }
                parts.append(name == "if" && index == 0 ? translated.sql : "CAST(\(translated.sql) AS \(sqlType))")
            }
            if name == "if" { return ("(CASE WHEN \(parts[0]) THEN \(parts[1]) ELSE \(parts[2]) END)", type) }
            return ("COALESCE(\(parts.joined(separator: ", ")))", type)
        case "lower", "upper":
            guard session.caseMappingAgrees(), let text = translate(arguments[0]) else { return nil }
            return ("\(name)(\(text.sql))", .string)
        case "contains":
            guard let needle = try? arguments[1].compiled(in: scope), needle.columns.isEmpty,
                  case .string(let text)? = try? needle.evaluate(Row(repeating: .null, count: scope.columns.count)), !text.isEmpty,
                  let haystack = translate(arguments[0]), let bound = bind(.string(text))
            else { return nil }
            return ("(strpos(\(haystack.sql), \(bound)) > 0)", .bool)
        default:
            return nil
        }
    }

    /// The first day of the bucket of `period(x)` that `date` (SQL) falls in, in the recipe's
    /// period unit: `date_trunc` on a `timestamp` (immutable, so Citus runs it on every node),
    /// never on a `timestamptz`, whose buckets would depend on the session's time zone.
    static func bucketStart(of date: String, unit: PeriodUnit) -> String {
        switch unit {
        case .day: return date
        case .half:
            return "make_date(CAST(EXTRACT(YEAR FROM \(date)) AS integer), CASE WHEN EXTRACT(MONTH FROM \(date)) <= 6 THEN 1 ELSE 7 END, 1)"
        case .year, .quarter, .month, .week:
            return "CAST(date_trunc('\(unit.rawValue)', CAST(\(date) AS timestamp)) AS date)"
        }
    }
}
