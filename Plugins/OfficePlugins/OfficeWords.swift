import ReportKit

/// The words the office outputs write themselves (a workbook's summary sheet, its headings),
/// in the report's language where one is known, else English.
struct OfficeWords {
    let summary: String, period: String, figure: String, value: String, target: String, status: String, tables: String

    init(locale: ReportLocale) {
        switch locale.languageCode {
        case "vi":
            (summary, period, figure, value, target, status, tables) =
                ("Tổng quan", "Thời kỳ", "Số liệu chính", "Giá trị", "Chỉ tiêu", "Đánh giá", "Các bảng")
        default:
            (summary, period, figure, value, target, status, tables) = ("Summary", "Period", "Figure", "Value", "Target", "Status", "Tables")
        }
    }
}
