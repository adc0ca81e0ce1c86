import Foundation
import ReportKit

/// How the xlsx output writes a report's values into typed cells: numbers as numbers, exact,
/// rounded once to `decimals` as the report's documents round them, with a number format
/// that shows the digits the documents show (the same count down a column); percentages as
/// fractions with a percent format; dates as Excel serial numbers with the locale's date
/// format; text as text.
struct CellValues {
    let decimals: Int
    let isFixed: Bool
    /// Columns to write as percentages besides those the report marks (`ratio`, `share`).
    let percentNames: Set<String>
    let dateFormat: String
    let monthFormat: String
    /// Date-times are written at the wall clock of the recipe's time zone: Excel has no zones.
    let timeZone: TimeZone

    init(decimals: Int, isFixed: Bool, percentNames: Set<String>, locale: ReportLocale) {
        self.decimals = decimals
        self.isFixed = isFixed
        self.percentNames = percentNames
        decimalSeparator = locale.decimalSeparator
        timeZone = locale.timeZone
        let formatter = ValueFormatter(locale: locale)
        let sample = CivilDate(year: 2033, month: 11, day: 22)!
        dateFormat = Self.excelFormat(of: formatter.string(for: sample), tokens: [("2033", "yyyy"), ("11", "mm"), ("22", "dd")])
        monthFormat = Self.excelFormat(of: formatter.string(for: PeriodBucket(containing: sample, unit: .month)),
                                       tokens: [("2033", "yyyy"), ("11", "mm")])
    }

    let decimalSeparator: String

    /// The cells of a document's table, row by row.
    func rows(of table: DocumentTable) -> [[SheetCell]] {
        let layouts = table.columns.indices.map { index in
            layout(table.columns[index], values: table.values.map { $0[index] }, written: table.rows.map { $0[index] })
        }
        return table.values.indices.map { row in
            table.columns.indices.map { column in
                cell(table.values[row][column], layout: layouts[column], written: table.rows[row][column])
            }
        }
    }

    func isPercent(_ column: Column?) -> Bool {
        column.map { $0.isPercent || percentNames.contains($0.name) } ?? false
    }

    /// A document column's layout: its table column's (percent, plain) with its block's
    /// `formats:` over it.
    func layout(_ column: DocumentTable.Column, values: [Value], written: [String]) -> NumberLayout {
        var layout = self.layout(column.tableColumn, values: values)
        if let format = column.format { layout.apply(format, written: written, decimalSeparator: decimalSeparator) }
        return layout
    }

    func layout(_ column: Column?, values: [Value]) -> NumberLayout {
        var layout = NumberLayout(isPercent: isPercent(column), isPlain: column?.isPlain ?? false)
        let hasDecimals = column?.type == .decimal || values.contains { if case .decimal = $0 { true } else { false } }
        layout.fractionDigits = isFixed && hasDecimals ? decimals : values.map { value -> Int in
            guard case .decimal(let number) = value else { return 0 }
            return Self.fractionDigits(of: number.rounded(decimals))
        }.max() ?? 0
        return layout
    }

    /// One value as a cell; `written` is how the documents write it, for what a cell cannot
    /// hold as a number (a quarter, a date before 1900).
    func cell(_ value: Value, layout: NumberLayout, written: String) -> SheetCell {
        switch value {
        case .null: return .empty
        case .string(let text): return SheetCell(.text(text))
        case .bool(let flag): return SheetCell(.bool(flag))
        case .int(let number): return self.number(DecimalNumber(number), layout: layout)
        case .decimal(let number): return self.number(number, layout: layout)
        case .date(let date): return self.date(date, format: dateFormat, written: written)
        case .datetime(let instant): return dateTime(instant, written: written)
        case .period(let bucket):
            switch bucket.unit {
            case .year: return SheetCell(.number(String(bucket.start.year)), CellStyle(numberFormat: "0"))
            case .month: return self.date(bucket.start, format: monthFormat, written: written)
            case .day: return self.date(bucket.start, format: dateFormat, written: written)
            case .half, .quarter, .week: return SheetCell(.text(written))
            }
        }
    }

    /// A number rounded as the documents round it, as exact decimal text; `nil` for any
    /// other value.
    func numberText(_ value: Value) -> String? {
        switch value {
        case .int(let number): return String(number)
        case .decimal(let number): return number.rounded(decimals).plainText
        default: return nil
        }
    }

    private func number(_ number: DecimalNumber, layout: NumberLayout) -> SheetCell {
        var rounded = number.rounded(layout.roundsTo ?? decimals)
        // 97.66 (percent) is the fraction 0.9766, exact: a shift of the decimal point.
        if layout.isPercent { rounded = rounded * DecimalNumber(significand: 1, scale: 2) }
        return SheetCell(.number(rounded.plainText), CellStyle(numberFormat: layout.code))
    }

    /// A date-time as Excel's serial number with the time of day as its fraction, exact to
    /// the second (`45366.599305555556`), formatted as the date and hours and minutes.
    private func dateTime(_ instant: Instant, written: String) -> SheetCell {
        let (day, hour, minute, second) = instant.local(in: timeZone)
        let date = self.date(day, format: dateFormat + " hh:mm", written: written)
        guard case .number(let serial) = date.content, let days = Int(serial) else { return date }
        let seconds = hour * 3600 + minute * 60 + second
        let fraction = (DecimalNumber(seconds) / DecimalNumber(Instant.secondsPerDay))?.rounded(12) ?? DecimalNumber(0)
        return SheetCell(.number((DecimalNumber(days) + fraction).plainText), date.style)
    }

    /// A date as Excel's serial number (days since 1899-12-30, with Excel's 29 February 1900,
    /// which never was, counted as day 60); text where Excel has no serial (before 1900, after 9999).
    private func date(_ date: CivilDate, format: String, written: String) -> SheetCell {
        var serial = date.daysSinceEpoch + 25_569
        if serial < 61 { serial -= 1 }
        guard serial >= 1, date.year <= 9999 else { return SheetCell(.text(written)) }
        return SheetCell(.number(String(serial)), CellStyle(numberFormat: format))
    }

    static func fractionDigits(of number: DecimalNumber) -> Int {
        let text = number.plainText
        return text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
    }

    /// An Excel format code for the way `sample` writes a known date: each token's digits become
    /// the token's code, `/ - . ` stay as they are and any other text is quoted.
    static func excelFormat(of sample: String, tokens: [(digits: String, code: String)]) -> String {
        var code = "", literal = "", rest = Substring(sample)
        func flush() {
            if !literal.isEmpty { code += "\"" + literal.replacingOccurrences(of: "\"", with: "") + "\"" }
            literal = ""
        }
        while let character = rest.first {
            if let token = tokens.first(where: { rest.hasPrefix($0.digits) }) {
                flush()
                code += token.code
                rest = rest.dropFirst(token.digits.count)
            } else {
                if "/-. ".contains(character), literal.isEmpty { code.append(character) } else { literal.append(character) }
                rest = rest.dropFirst()
            }
        }
        flush()
        return code
    }
}
