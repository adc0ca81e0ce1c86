import ArgumentParser
import Foundation
import ReportKit

/// `reportgen init [NAME]`: a folder with a starter recipe and sample data that runs as it is.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a folder with a starter recipe and sample data.")

    @Argument(help: "The folder to create.")
    var name: String = "my-report"

    @Option(help: ArgumentHelp("The recipe's locale; vi-VN gives a starter written in Vietnamese.", valueName: "tag"))
    var locale: String = "en-US"

    func validate() throws {
        guard ReportLocale(locale) != nil else { throw ValidationError(ReportLocale.unknownMessage(locale)) }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: name, relativeTo: RecipeSession.workingDirectory).standardizedFileURL
        let fileManager = FileManager.default
        if let contents = try? fileManager.contentsOfDirectory(atPath: folder.path), !contents.isEmpty {
            Console.printError("error: '\(name)' already exists and is not empty; choose another name\n")
            throw ExitCode(1)
        }
        do {
            for file in StarterRecipe.files(locale: locale) {
                let url = folder.appendingPathComponent(file.path)
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url, options: .withoutOverwriting)
            }
        } catch {
            Console.printError("error: cannot create '\(name)': \(error.localizedDescription)\n")
            throw ExitCode(1)
        }
        Console.print("""
            created \(name)/recipe.yaml and \(name)/data/visits.csv (locale \(locale))
            run it:  reportgen run \(name)/recipe.yaml --out \(name)/out
            """)
    }
}

/// The files `init` writes: the recipe in Vietnamese for a Vietnamese locale, in English for
/// any other (with that locale's numbers and dates).
enum StarterRecipe {
    static func files(locale: String) -> [(path: String, contents: String)] {
        let vietnamese = locale.lowercased().hasPrefix("vi")
        let recipe = (vietnamese ? vietnameseRecipe : recipe).replacingOccurrences(of: "locale: en-US", with: "locale: \(locale)")
            .replacingOccurrences(of: "locale: vi-VN", with: "locale: \(locale)")
        return [("recipe.yaml", recipe), ("data/visits.csv", visits)]
    }

    static let vietnameseRecipe = """
        # Công thức mẫu: sửa theo ý mình, rồi chạy `reportgen run recipe.yaml`.
        # `reportgen plugins` liệt kê các nguồn, bộ trích xuất và đầu ra; `reportgen validate` kiểm tra tệp này.
        reportgen: 1
        title: Lượt bạn đọc thư viện {{period.label}}
        subtitle: Báo cáo mẫu
        locale: vi-VN
        period: {from: 2025-01, to: 2025-03, every: month}

        params:
          chi_tieu_thang: 400

        sources:
          visits:                      # mỗi nguồn là một bảng, gọi theo tên (id)
            type: csv
            path: data/visits.csv      # tính từ thư mục chứa tệp này
            columns: {date: date, visits: int}
            dated_by: date             # mọi số liệu chỉ tính các dòng trong kỳ báo cáo (--period đổi kỳ)

        extractors:
          theo_thang:
            type: aggregate
            input: visits
            group_by: [period(date)]
            measures: {luot: sum(visits)}
          so_voi_chi_tieu:
            type: compare
            input: theo_thang
            value: luot
            target: params.chi_tieu_thang
          tong:
            type: aggregate
            input: visits
            measures: {luot: sum(visits), chi_nhanh: count_distinct(branch)}

        layout:
          - metrics:
              - {label: Lượt bạn đọc, value: tong.luot}
          - text: |
              {{tong.chi_nhanh}} chi nhánh đã đón {{tong.luot}} lượt bạn đọc trong {{period.label}}.
              {{#so_voi_chi_tieu}}{{period}}: {{luot}} lượt ({{status}} chỉ tiêu {{target}}).
              {{/so_voi_chi_tieu}}
          - chart: {type: bar, table: theo_thang, x: period, y: luot, title: Lượt bạn đọc mỗi tháng}
          - table: so_voi_chi_tieu
            columns: {period: Tháng, luot: Lượt bạn đọc, target: Chỉ tiêu, status: Đánh giá}

        outputs:                       # ghi vào thư mục --out (mặc định ./out)
          - {type: text, path: bao-cao.txt}
          - {type: html, path: bao-cao.html}
          - {type: csv, table: theo_thang, path: luot-theo-thang.csv}

        """

    static let recipe = """
        # A starter recipe: edit it, then run `reportgen run recipe.yaml`.
        # `reportgen plugins` lists the sources, extractors and outputs; `reportgen validate` checks this file.
        reportgen: 1
        title: Library visits {{period.label}}
        subtitle: A starter report
        locale: en-US
        period: {from: 2025-01, to: 2025-03, every: month}

        params:
          monthly_target: 400

        sources:
          visits:                      # one table per source, named by its id
            type: csv
            path: data/visits.csv      # relative to this file
            columns: {date: date, visits: int}
            dated_by: date             # every figure counts the report's period's rows (--period moves it)

        extractors:
          per_month:
            type: aggregate
            input: visits
            group_by: [period(date)]
            measures: {visits: sum(visits)}
          against_target:
            type: compare
            input: per_month
            value: visits
            target: params.monthly_target
          totals:
            type: aggregate
            input: visits
            measures: {visits: sum(visits), branches: count_distinct(branch)}

        layout:
          - metrics:
              - {label: Visits, value: totals.visits}
          - text: |
              {{totals.branches}} branches counted {{totals.visits}} visits in {{period.label}}.
              {{#against_target}}{{period}}: {{visits}} ({{status}} the target of {{target}}).
              {{/against_target}}
          - chart: {type: bar, table: per_month, x: period, y: visits, title: Visits per month}
          - table: against_target
            columns: {period: Month, visits: Visits, target: Target, status: Status}

        outputs:                       # written into the --out folder (default ./out)
          - {type: text, path: report.txt}
          - {type: html, path: report.html}
          - {type: csv, table: per_month, path: visits-per-month.csv}

        """

    static let visits = """
        date,branch,visits
        2025-01-31,Central,240
        2025-01-31,Riverside,155
        2025-02-28,Central,262
        2025-02-28,Riverside,170
        2025-03-31,Central,281
        2025-03-31,Riverside,166

        """
}
