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

    public struct Options: PluginOptions {
        @Option(doc: "default: Arial 11 pt, 25.4 mm margins; vn-official: Decree 30/2020/NĐ-CP (Times New Roman 14 pt, margins 20/20/30/15 mm)")
        var style = Style.default
        @Option(doc: "the font of the whole document (default: the style's)", example: "Times New Roman")
        var font: String?
        @Option(doc: "the body text's size in points (vn-official: 13 to 14)", example: "13")
        var fontSize: Double?
        @Option(doc: "page margins in millimetres (vn-official: top and bottom 20-25, left 30-35, right 15-20)",
                example: "{top: 20, bottom: 20, left: 30, right: 15}")
        var margins: Margins?
        @OptionGroup var official: OfficialOptions
        @OptionGroup var numbers: NumberOptions

        public init() {}
    }

    enum Style: String, OptionChoice {
        case `default`, vnOfficial = "vn-official"
    }

    struct Margins: OptionRecord {
        @Option(doc: "in millimetres") var top: Double?
        @Option(doc: "in millimetres") var bottom: Double?
        @Option(doc: "in millimetres") var left: Double?
        @Option(doc: "in millimetres") var right: Double?

        init() {}
    }

    /// The options of `style: vn-official` alone.
    struct OfficialOptions: OptionRecord {
        @Option(doc: "vn-official: CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM (Decree 30/2020) or ĐẢNG CỘNG SẢN VIỆT NAM (Guideline 36-HD/VPTW) at the top right")
        var heading = OfficialParts.Heading.national
        @Option(doc: "vn-official: the issuing body at the top left, a line each, superior bodies first",
                example: "[ĐẢNG BỘ THÀNH PHỐ HÀ NỘI, QUẬN ỦY {{params.district}}]")
        var issuer: [TemplateText] = []
        @Option(doc: "vn-official: the number and symbol under the issuer, as written", example: "Số 125-BC/QU")
        var number: TemplateText?
        @Option(doc: "vn-official: the place of the place-and-date line", example: "Tây Hồ")
        var place: TemplateText?
        @Option(doc: "vn-official: the date (2025-03-15) of the place-and-date line; without it, room to write it by hand", example: "2025-03-15")
        var date: TemplateText?
        @Option(doc: "vn-official: the kind of document, over the title", example: "BÁO CÁO")
        var kind: TemplateText?
        @Option(doc: "vn-official: the signature block at the end, right")
        var signature: Signature?
        @Option(doc: "vn-official: the recipients (Nơi nhận) at the end, left", example: "[Thành ủy Hà Nội, Lưu Văn phòng]")
        var recipients: [TemplateText] = []

        init() {}

        /// Every template, in the order of the document.
        var templates: [TemplateText] {
            issuer + [number, place, date, kind, signature?.authority, signature?.position, signature?.name].compactMap { $0 } + recipients
        }
    }

    struct Signature: OptionRecord {
        @Option(doc: "T/M, KT., TL. and the body", example: "T/M BAN THƯỜNG VỤ") var authority: TemplateText?
        @Option(doc: "the signer's position", example: "BÍ THƯ") var position: TemplateText?
        @Option(doc: "the signer's name", example: "Nguyễn Văn A") var name: TemplateText?

        init() {}
    }

    private let numbers: NumberStyle
    private let look: WordLook
    private let official: OfficialOptions

    public init(options: Options, setup: PluginSetup) throws {
        numbers = try NumberStyle(options.numbers)
        let isOfficial = options.style == .vnOfficial
        var look = isOfficial ? WordLook.vietnameseOfficial : WordLook.standard
        var diagnostics = Diagnostics()
        if let font = options.font {
            if font.trimmingCharacters(in: .whitespaces).isEmpty { diagnostics.append(options.$font.mustBe("a font's name", not: "'\(font)'")) }
            look.font = font
        }
        if let size = options.fontSize {
            let allowed = isOfficial ? 13.0...14.0 : 6.0...72.0
            if !allowed.contains(size) {
                diagnostics.append(options.$fontSize.mustBe(isOfficial ? "13 to 14 points for vn-official (Decree 30/2020/NĐ-CP)" : "6 to 72 points",
                                                            not: Self.written(size)))
            }
            look.size = size
        }
        if let margins = options.margins {
            func read(_ side: Double?, _ site: OptionSite, _ range: ClosedRange<Double>, _ keep: Double) -> Double {
                guard let millimetres = side else { return keep }
                let allowed = isOfficial ? range : 0...100
                if !allowed.contains(millimetres) {
                    diagnostics.append(site.mustBe("\(Self.written(allowed.lowerBound)) to \(Self.written(allowed.upperBound)) mm"
                        + (isOfficial ? " for vn-official (Decree 30/2020/NĐ-CP)" : ""), not: Self.written(millimetres)))
                }
                return millimetres
            }
            look.margins = WordLook.Margins(top: read(margins.top, margins.$top, 20...25, look.margins.top),
                                            bottom: read(margins.bottom, margins.$bottom, 20...25, look.margins.bottom),
                                            left: read(margins.left, margins.$left, 30...35, look.margins.left),
                                            right: read(margins.right, margins.$right, 15...20, look.margins.right))
        }
        if !isOfficial {
            for site in options.official.written { diagnostics.append(site.error("'\(site.key)' belongs to style: vn-official")) }
        }
        for template in options.official.templates {
            do { _ = try ReportTemplate(template.text) } catch {
                diagnostics.append(Diagnostic("template error in '\(template.key)': \(error)", at: template.node.location))
            }
        }
        try diagnostics.throwIfAny()
        self.look = look
        official = options.official
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
        try Diagnostics(official.templates.flatMap { names.check($0.node) }).throwIfAny()
        let ids = official.templates.reduce(into: TemplateContext.namedTables(in: report)) { $0.formUnion(ReportTemplate.tableIDs(in: $1.text)) }
        let context = TemplateContext.make(report, formatter: formatter, tables: ids)
        func text(_ template: TemplateText?) throws -> String? {
            try template.map { try ReportTemplate($0.text).render(context, html: false) }
        }
        var date: CivilDate?
        if let written = try text(official.date), !written.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let parsed = CivilDate(iso: written.trimmingCharacters(in: .whitespaces)) else {
                throw Diagnostic("the date must be written 2025-03-15, not '\(written)'", at: official.date?.node.location)
            }
            date = parsed
        }
        // The decree writes the issuing body, the kind of document and the signer's authority in
        // capitals: in the text itself, so that a copy keeps them, not only in the styles.
        let vietnamese = Locale(identifier: "vi_VN")
        let signature = official.signature
        return OfficialParts(heading: official.heading, issuer: try official.issuer.compactMap { try text($0) }.map { $0.uppercased(with: vietnamese) },
                             number: try text(official.number),
                             placeAndDate: OfficialParts.placeAndDate(place: try text(official.place), date: date),
                             kind: try text(official.kind)?.uppercased(with: vietnamese),
                             authority: try [text(signature?.authority), text(signature?.position)].compactMap { $0?.uppercased(with: vietnamese) },
                             signer: try text(signature?.name), recipients: try official.recipients.compactMap { try text($0) }, look: look)
    }
}
