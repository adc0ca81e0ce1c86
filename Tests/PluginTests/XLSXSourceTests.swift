import Foundation
import Testing
import ReportKit
@testable import XLSXPlugins

@Suite struct XLSXSourceTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func load(_ yaml: String) throws -> Table {
        let source = try XLSXSource(options: PluginHarness.options(yaml, kind: .source, type: "xlsx", specs: XLSXSource.options,
                                                                   directory: Self.fixtures))
        return try source.load(context: PluginHarness.context(Self.fixtures))
    }

    func error(_ yaml: String) -> String {
        PluginHarness.describe { _ = try load(yaml) }
    }

    @Test func readsASheetByNameBelowItsTitle() throws {
        let table = try load("{path: services.xlsx, sheet: 'Dữ liệu', header_row: 3}")
        #expect(table.columnNames == ["Phường", "Ngày", "Hồ sơ", "Tỷ lệ", "Đúng hạn", "Ghi chú"])
        #expect(table.columns.map(\.type) == [.string, .date, .int, .decimal, .bool, .string])
        #expect(table.rows[0] == [.string("Bưởi"), .date(CivilDate(year: 2024, month: 2, day: 29)!), .int(120),
                                  .decimal(Decimal(string: "97.5")!), .bool(true), .null])
        #expect(table.rows[1][1] == .date(CivilDate(year: 2024, month: 12, day: 31)!))
        #expect(table.rows[2][3] == .decimal(Decimal(string: "0.1")!))
        #expect(table.rows[2][5] == .string("12"))
    }

    @Test func readsASheetByNumber() throws {
        let table = try load("{path: services.xlsx, sheet: 1}")
        #expect(table.columnNames.count == 1 && table.rows.isEmpty)
    }

    @Test func errorsNameTheCellAndTheSheet() {
        #expect(error("{path: services.xlsx, sheet: Bad, columns: {n: int}}")
            == "services.xlsx:3:1: cell A3 of sheet 'Bad' holds 'x', which is not int (column 'n')")
        #expect(error("{path: services.xlsx, sheet: Dữ lieu}").hasSuffix("the workbook has no sheet 'Dữ lieu'; did you mean 'Dữ liệu'?"))
        #expect(error("{path: services.xlsx, sheet: 9}").hasSuffix("the workbook has 3 sheets (Notes, Dữ liệu, Bad), not 9"))
        #expect(error("{path: corrupt.xlsx}").hasPrefix("recipe.yaml:1:8: 'corrupt.xlsx' is not a valid .xlsx workbook: it is not a zip archive"))
        #expect(error("{path: services.xlsx, sheet: 'Dữ liệu', header_row: 2}").hasPrefix("services.xlsx:2:1: row 2 of sheet 'Dữ liệu' is empty"))
    }
}
