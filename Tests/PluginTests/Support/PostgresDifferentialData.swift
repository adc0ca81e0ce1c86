import Foundation

/// The rows the differential tests read, as CSV and as PostgreSQL tables of the same types.
struct DifferentialData: Sendable {
    var name: String
    /// Name, reportgen type, SQL type.
    var columns: [(name: String, type: String, sql: String)]
    var csv: String

    /// The `columns` option that declares every column, for both sources.
    var declared: String { "{" + columns.map { "\($0.name): \($0.type)" }.joined(separator: ", ") + "}" }

    var table: (name: String, columns: [(String, String)], csv: String) { (name, columns.map { ($0.name, $0.sql) }, csv) }
}

extension PostgresDifferentialTests {
    static let eventColumns: [(name: String, type: String, sql: String)] = [
        ("id", "int", "bigint"), ("date", "date", "date"), ("unit", "string", "text"), ("category", "string", "varchar(20)"),
        ("amount", "decimal", "numeric(14,2)"), ("status", "string", "text"), ("n", "int", "integer"), ("flag", "bool", "boolean"),
    ]

    /// 480 events from 2018 to mid-2025 with the awkward parts of real data: no row at all in
    /// 2021's second quarter, a few rows without a date, ward, amount or count, negative and
    /// large amounts, a category with a comma, Vietnamese names that sort apart by their marks.
    static let events: String = {
        var lines = ["id,date,unit,category,amount,status,n,flag"]
        var seed: UInt64 = 20_250_517
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let units = ["Bưởi", "Nhật Tân", "Quảng An", "Thụy Khuê", "Xuân La", "Yên Phụ", "Tứ Liên", "Phú Thượng", "Buoi", ""]
        let categories = ["\"a, b\"", "khác", "Đường", "ao"]
        let statuses = ["done", "open", "Done", ""]
        var day = CivilDateLike(year: 2018, month: 1, day: 3)
        for id in 1...480 {
            day = day.adding(days: 1 + next(6))
            if day.year == 2021, (4...6).contains(day.month) { day = CivilDateLike(year: 2021, month: 7, day: 1 + next(20)) }
            let date = next(40) == 0 ? "" : day.text
            let cents = next(2_000_000) - 150_000
            let amount = next(25) == 0 ? "" : next(60) == 0 ? "123456789.01" : String(format: "%d.%02d", cents / 100, abs(cents % 100))
            let count = next(12) == 0 ? "" : String(next(10))
            let flag = next(15) == 0 ? "" : next(2) == 0 ? "true" : "false"
            lines.append("\(id),\(date),\(units[next(units.count)]),\(categories[next(categories.count)]),\(amount),"
                         + "\(statuses[next(statuses.count)]),\(count),\(flag)")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    /// Moments around midnight in UTC and in Hanoi (+07:00), so that the day a row falls on
    /// depends on the recipe's time zone.
    static let moments: String = {
        var lines = ["at,amount"]
        for index in 0..<240 {
            let day = 1 + index % 28, month = 1 + index / 28 % 12, hour = [0, 6, 16, 17, 18, 23][index % 6]
            lines.append(String(format: "2024-%02d-%02dT%02d:%02d:00+00:00,%d.%02d", month, day, hour, index % 60, index * 7 % 500, index % 100))
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    static let dataSets: [String: DifferentialData] = [
        "moments": DifferentialData(name: "moments", columns: [("at", "datetime", "timestamptz"), ("amount", "decimal", "numeric")], csv: moments),
        "events": DifferentialData(name: "events", columns: eventColumns, csv: events),
        "empty": DifferentialData(name: "empty", columns: eventColumns, csv: "id,date,unit,category,amount,status,n,flag\n"),
        "years": DifferentialData(name: "years", columns: [("phuong", "string", "text"), ("nam", "int", "integer"), ("ket_nap", "int", "integer")],
                                  csv: (try? String(contentsOf: PluginHarness.repositoryRoot.appendingPathComponent("recipes/tay-ho-2020-2025/data/admissions.csv"),
                                                    encoding: .utf8)) ?? ""),
    ]
}

/// Days for generating test data, without the library's own date type.
struct CivilDateLike {
    var year: Int, month: Int, day: Int

    func adding(days: Int) -> CivilDateLike {
        var result = self
        for _ in 0..<days {
            result.day += 1
            let length = [31, result.year % 4 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][result.month - 1]
            if result.day > length {
                result.day = 1
                result.month += 1
                if result.month > 12 { result.month = 1; result.year += 1 }
            }
        }
        return result
    }

    var text: String { String(format: "%04d-%02d-%02d", year, month, day) }
}
