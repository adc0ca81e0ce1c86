import CSVPlugins
import ExamplePlugins
import Foundation
import HTMLPlugins
import InlinePlugins
import JSONPlugins
import MarkdownPlugins
import OfficePlugins
import PatternPlugins
import ReportKit
import SQLPlugins
import TableExtractors
import TextPlugins
import XLSXPlugins

/// A folder where inputs are run as `reportgen validate` runs a recipe: loaded, checked, every
/// table computed and every output rendered in memory. Anything a hostile input may cause is a
/// ``Diagnostic``; a trap, a stack overflow or a hang is the bug a fuzzer looks for, and any
/// other error is reported as ``Outcome/unexpected(_:)``.
public final class FuzzWorkspace {
    public enum Outcome {
        /// Read, computed and rendered.
        case ran
        /// Refused with diagnostics, as a user would see them.
        case refused([Diagnostic])
        /// An error that is not a diagnostic: a message without a place, which is a bug.
        case unexpected(any Error)
    }

    public let directory: URL
    private let registry = PluginRegistry(modules: [
        CSVPlugins.self, ExamplePlugins.self, HTMLPlugins.self, InlinePlugins.self, JSONPlugins.self, MarkdownPlugins.self,
        OfficePlugins.self, PatternPlugins.self, SQLPlugins.self, TableExtractors.self, TextPlugins.self, XLSXPlugins.self,
    ])

    /// A fresh folder, with small data files that fuzzed recipes may name: `d.csv`, `d.json`,
    /// `t.txt`.
    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("reportgen-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let files = [
            "d.csv": "date,ward,count,rate\n2024-02-29,Bưởi,12,97.5\n2025-01-01,Nhật Tân,-3,0.1\n",
            "d.json": #"[{"date": "2024-02-29", "ward": "Bưởi", "count": 12, "tags": [1, 2]}, {"date": null, "ward": "x", "count": 1.5}]"#,
            "t.txt": "Phường Bưởi kết nạp 1.382 đảng viên. Tỷ lệ đạt 95,5%.\n",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: directory.appendingPathComponent(name)) }
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `bytes` as an input of `kind`.
    public func run(_ kind: FuzzKind, _ bytes: [UInt8]) -> Outcome {
        do {
            switch kind {
            case .expression:
                try Self.expression(String(decoding: bytes, as: UTF8.self))
                return .ran
            case .recipe:
                try Data(bytes).write(to: directory.appendingPathComponent(kind.fileName))
                try render(directory.appendingPathComponent(kind.fileName))
            case .pattern:
                // The first line is the pattern, the rest the text it is matched against.
                let text = String(decoding: bytes, as: UTF8.self)
                let pattern = text.prefix { $0 != "\n" }
                try Data(text.dropFirst(pattern.count).utf8).write(to: directory.appendingPathComponent(kind.fileName))
                try write(kind.recipe(pattern: String(pattern)))
            default:
                try Data(bytes).write(to: directory.appendingPathComponent(kind.fileName))
                try write(kind.recipe())
            }
            return .ran
        } catch let diagnostic as Diagnostic {
            return .refused([diagnostic])
        } catch let diagnostics as Diagnostics {
            return .refused(diagnostics.all)
        } catch {
            return .unexpected(error)
        }
    }

    private func write(_ recipe: String) throws {
        let file = directory.appendingPathComponent("fuzz-recipe.yaml")
        try Data(recipe.utf8).write(to: file)
        try render(file)
    }

    private func render(_ file: URL) throws {
        let recipe = try RecipeLoader(registry: registry, environment: ["HOME": "/home/fuzz"], asOf: CivilDate(year: 2025, month: 6, day: 30)!)
            .load(file: file, displayPath: file.lastPathComponent)
        _ = try Runner(workingDirectory: directory).render(recipe)
    }

    /// Compiles `text` as a row expression and as a measure over typed columns, and evaluates
    /// it on rows of ordinary and extreme values.
    static func expression(_ text: String) throws {
        let columns = [Column("n", .int), Column("x", .decimal), Column("s", .string), Column("d", .date), Column("b", .bool)]
        let scope = ExpressionScope(columns: columns, params: ["target": .int(90), "big": .int(.max)],
                                    period: PeriodSpec(start: CivilDate(year: 2020, month: 1, day: 1)!,
                                                       end: CivilDate(year: 2025, month: 12, day: 31)!, every: .quarter))
        let rows: [Row] = [
            [.int(7), .decimal(DecimalNumber(string: "2.5")!), .string("Bưởi"), .date(CivilDate(year: 2024, month: 2, day: 29)!), .bool(true)],
            [.int(.max), .decimal(DecimalNumber(string: "99999999999999999999999999999999999999")!), .string(""),
             .date(CivilDate(year: 9999, month: 12, day: 31)!), .bool(false)],
            [.int(.min), .decimal(-DecimalNumber(string: "0.000000000000000001")!), .string("'"), .date(CivilDate(year: 1, month: 1, day: 1)!), .null],
            [.null, .null, .null, .null, .null],
        ]
        let place = SourceLocation(file: "recipe.yaml", line: 1, column: 1)
        var failure: (any Error)?
        do {
            let compiled = try ExpressionCompiler.compile(ExpressionText(text, at: place), scope: scope)
            for row in rows { _ = try? compiled.evaluate(row) }
        } catch {
            failure = error
        }
        if let measure = try? ExpressionCompiler.compileMeasure(ExpressionText(text, at: place), scope: scope, groupKeys: [columns[2]]) {
            var states = measure.aggregates.map { AggregateState($0.function) }
            for row in rows {
                for index in states.indices { states[index].add((try? measure.aggregates[index].argument?.evaluate(row)) ?? .bool(true)) }
            }
            _ = try? measure.outer.evaluate(states.map(\.result) + [.string("Bưởi")])
        }
        if let failure { throw failure }
    }
}
