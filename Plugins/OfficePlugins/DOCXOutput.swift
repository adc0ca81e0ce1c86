import Foundation
import ReportKit

/// The report as a Word document (`.docx`): the title, the layout's headings, paragraphs,
/// tables (header row repeated on each page, numbers aligned right), metrics and native Word
/// charts, on A4, in styles a user changes in Word (Normal, Heading 1-3, Title, Caption, Report
/// Table, ...). `style: vn-official` lays it out as an official Vietnamese document (Decree
/// 30/2020/NĐ-CP; for party bodies, Guideline 36-HD/VPTW of 2018).
public struct DOCXOutput: Output {
    public static let type = "docx"
    public static let summary = "a Word document: headings, paragraphs, tables, metrics and native charts; vn-official for Vietnamese official documents"
    static let officialOnly: [OptionSpec] = [
        OptionSpec("heading", .choice(["national", "party"]), default: .string("national"),
                   doc: "vn-official: CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM (Decree 30/2020) or ĐẢNG CỘNG SẢN VIỆT NAM (Guideline 36-HD/VPTW) at the top right"),
        OptionSpec("issuer", .list(.template), doc: "vn-official: the issuing body at the top left, a line each, superior bodies first",
                   example: "[ĐẢNG BỘ THÀNH PHỐ HÀ NỘI, QUẬN ỦY {{params.district}}]"),
        OptionSpec("number", .template, doc: "vn-official: the number and symbol under the issuer, as written", example: "Số 125-BC/QU"),
        OptionSpec("place", .template, doc: "vn-official: the place of the place-and-date line", example: "Tây Hồ"),
        OptionSpec("date", .template, doc: "vn-official: the date (2025-03-15) of the place-and-date line; without it, room to write it by hand",
                   example: "2025-03-15"),
        OptionSpec("kind", .template, doc: "vn-official: the kind of document, over the title", example: "BÁO CÁO"),
        OptionSpec("signature", .record([
            OptionSpec("authority", .template, doc: "T/M, KT., TL. and the body", example: "T/M BAN THƯỜNG VỤ"),
            OptionSpec("position", .template, doc: "the signer's position", example: "BÍ THƯ"),
            OptionSpec("name", .template, doc: "the signer's name", example: "Nguyễn Văn A"),
        ]), doc: "vn-official: the signature block at the end, right"),
        OptionSpec("recipients", .list(.template), doc: "vn-official: the recipients (Nơi nhận) at the end, left", example: "[Thành ủy Hà Nội, Lưu Văn phòng]"),
    ]
    public static let options: [OptionSpec] = [
        OptionSpec("style", .choice(["default", "vn-official"]), default: .string("default"),
                   doc: "default: Arial 11 pt, 25.4 mm margins; vn-official: Decree 30/2020/NĐ-CP (Times New Roman 14 pt, margins 20/20/30/15 mm)"),
        OptionSpec("font", .string, doc: "the font of the whole document (default: the style's)", example: "Times New Roman"),
        OptionSpec("font_size", .number, doc: "the body text's size in points (vn-official: 13 to 14)", example: "13"),
        OptionSpec("margins", .record(["top", "bottom", "left", "right"].map { OptionSpec($0, .number, doc: "in millimetres") }),
                   doc: "page margins in millimetres (vn-official: top and bottom 20-25, left 30-35, right 15-20)",
                   example: "{top: 20, bottom: 20, left: 30, right: 15}"),
    ] + officialOnly + NumberStyle.options()

    private let numbers: NumberStyle
    private let look: WordLook
    /// The vn-official options that are templates, by option (and `signature.` key).
    private let templates: [String: YAMLNode]
    private let heading: OfficialParts.Heading

    public init(options: PluginOptions) throws {
        numbers = try NumberStyle(options: options)
        let isOfficial = options.string("style") == "vn-official"
        var look = isOfficial ? WordLook.vietnameseOfficial : WordLook.standard
        var diagnostics = Diagnostics()
        if let font = options.string("font") {
            if font.trimmingCharacters(in: .whitespaces).isEmpty { diagnostics.append(options.error("the font needs a name", at: "font")) }
            look.font = font
        }
        if let size = options.node("font_size")?.resolved.doubleValue {
            let allowed = isOfficial ? 13.0...14.0 : 6.0...72.0
            if !allowed.contains(size) {
                diagnostics.append(options.error("the font size must be \(isOfficial ? "13 to 14 points for vn-official (Decree 30/2020/NĐ-CP)" : "6 to 72 points"), not \(Self.written(size))",
                                                 at: "font_size"))
            }
            look.size = size
        }
        if let margins = options.node("margins") {
            func read(_ side: String, _ range: ClosedRange<Double>, _ keep: Double) -> Double {
                guard let node = margins[side], let millimetres = node.resolved.doubleValue else { return keep }
                let allowed = isOfficial ? range : 0...100
                if !allowed.contains(millimetres) {
                    diagnostics.append(Diagnostic("the \(side) margin must be \(Self.written(allowed.lowerBound)) to \(Self.written(allowed.upperBound)) mm"
                        + (isOfficial ? " for vn-official (Decree 30/2020/NĐ-CP)" : "") + ", not \(Self.written(millimetres))", at: node.location))
                }
                return millimetres
            }
            look.margins = WordLook.Margins(top: read("top", 20...25, look.margins.top), bottom: read("bottom", 20...25, look.margins.bottom),
                                            left: read("left", 30...35, look.margins.left), right: read("right", 15...20, look.margins.right))
        }
        var templates: [String: YAMLNode] = [:]
        for spec in Self.officialOnly where options.has(spec.name) {
            if !isOfficial { diagnostics.append(options.error("'\(spec.name)' belongs to style: vn-official", at: spec.name)) }
        }
        for name in ["number", "place", "date", "kind"] { templates[name] = options.node(name) }
        for (index, node) in options.list("issuer").enumerated() { templates["issuer.\(index)"] = node }
        for (index, node) in options.list("recipients").enumerated() { templates["recipients.\(index)"] = node }
        for key in ["authority", "position", "name"] { templates["signature.\(key)"] = options.node("signature")?[key] }
        for (name, node) in templates {
            do { _ = try ReportTemplate(node.scalarText ?? "") } catch {
                diagnostics.append(Diagnostic("template error in '\(name)': \(error)", at: node.location))
            }
        }
        try diagnostics.throwIfAny()
        self.look = look
        self.templates = templates
        heading = OfficialParts.Heading(rawValue: options.string("heading") ?? "") ?? .national
    }

    /// A number of the recipe as messages write it: `12`, `12.5`, whatever the machine's locale.
    private static func written(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    public func render(_ report: Report) throws -> [UInt8] {
        let formatter = numbers.formatter(report.locale)
        let document = try DocumentBuilder(report: report, formatter: formatter, html: false).build()
        let values = CellValues(decimals: numbers.decimals, isFixed: numbers.isFixed, percentNames: [], locale: report.locale)
        let official = look.isOfficial ? try officialParts(report, formatter: formatter) : nil
        return try WordDocumentWriter(document: document, look: look, official: official, language: report.locale.identifier, values: values)
            .package().zipped()
    }

    /// The official parts with their templates rendered; a name no table, param or period
    /// answers is an error at its place, as in the layout's templates.
    private func officialParts(_ report: Report, formatter: ValueFormatter) throws -> OfficialParts {
        let names = TemplateNames(report: report)
        var diagnostics = Diagnostics()
        templates.keys.sorted().forEach { names.check(templates[$0]!).forEach { diagnostics.append($0) } }
        try diagnostics.throwIfAny()
        let ids = templates.values.reduce(into: TemplateContext.namedTables(in: report)) { $0.formUnion(ReportTemplate.tableIDs(in: $1.scalarText ?? "")) }
        let context = TemplateContext.make(report, formatter: formatter, tables: ids)
        func text(_ name: String) throws -> String? {
            guard let node = templates[name] else { return nil }
            return try ReportTemplate(node.scalarText ?? "").render(context, html: false)
        }
        func lines(_ prefix: String) throws -> [String] {
            try templates.keys.filter { $0.hasPrefix(prefix + ".") }.sorted { Int($0.dropFirst(prefix.count + 1))! < Int($1.dropFirst(prefix.count + 1))! }
                .compactMap { try text($0) }
        }
        var date: CivilDate?
        if let written = try text("date"), !written.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let parsed = CivilDate(iso: written.trimmingCharacters(in: .whitespaces)) else {
                throw Diagnostic("the date must be written 2025-03-15, not '\(written)'", at: templates["date"]?.location)
            }
            date = parsed
        }
        // The decree writes the issuing body, the kind of document and the signer's authority in
        // capitals: in the text itself, so that a copy keeps them, not only in the styles.
        let vietnamese = Locale(identifier: "vi_VN")
        return OfficialParts(heading: heading, issuer: try lines("issuer").map { $0.uppercased(with: vietnamese) }, number: try text("number"),
                             placeAndDate: OfficialParts.placeAndDate(place: try text("place"), date: date),
                             kind: try text("kind")?.uppercased(with: vietnamese),
                             authority: try [text("signature.authority"), text("signature.position")].compactMap { $0?.uppercased(with: vietnamese) },
                             signer: try text("signature.name"), recipients: try lines("recipients"), look: look)
    }
}
