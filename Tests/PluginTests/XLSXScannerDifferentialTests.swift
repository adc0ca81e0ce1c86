import Foundation
import Testing
@testable import XLSXPlugins

/// The sheet scanner against Foundation's XML parser on thousands of damaged sheets (seeded,
/// so every run is the same): neither crashes, they never read the same sheet differently,
/// and the scanner accepts nothing the parser refuses but processing instructions, which the
/// parser is not given (it crashes on `<?p?>`).
@Suite struct XLSXScannerDifferentialTests {
    static let sheet = #"<?xml version="1.0"?><worksheet xmlns="x"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Bưởi &amp; x</t></is></c><c r="B1" s="2"><v>12.5</v></c></row><row r="2"><c r="A2" t="s"><v>3</v></c><c r="C2" t="b"><v>1</v></c></row></sheetData></worksheet>"#
    static let pieces = ["<", ">", "/", "\"", "'", "&", "&amp;", "&#65;", "&#xZZ;", " ", "=", "<row>", "</row>", "<c>", "</c>", "<v>", "</v>",
                         "a", ":", "<!-- x -->", "<?p?>", "\n", "r=\"5\""]

    /// Every row as text, or nil when reading fails.
    static func rows(_ data: Data, _ read: (Data, String, @escaping (Int, [XLSXSheetReader.Cell]) throws -> Void) throws -> Void) -> String? {
        var seen: [String] = []
        do {
            try read(data, "s.xml") { number, cells in
                seen.append("\(number):" + cells.map { "\($0.column)/\($0.style)/\($0.content)" }.joined(separator: ","))
            }
            return seen.joined(separator: ";")
        } catch {
            return nil
        }
    }

    @Test func scannerAndParserAgreeOnDamagedSheets() {
        var state: UInt64 = 42
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var bothRead = 0
        for _ in 0..<1500 {
            var bytes = Array(Self.sheet.utf8)
            for _ in 0..<(1 + random(3)) {
                let place = random(bytes.count)
                switch random(3) {
                case 0: bytes.remove(at: place)
                case 1: bytes.insert(contentsOf: Array(Self.pieces[random(Self.pieces.count)].utf8), at: place)
                default: bytes[place] = UInt8(32 + random(95))
                }
            }
            let data = Data(bytes)
            guard XLSXSheetScanner.canScan(data) else { continue }
            let scanned = Self.rows(data) { try XLSXSheetScanner.forEachRow(in: $0, path: $1, $2) }
            let parsed = Self.rows(data, XLSXSheetReader.forEachRowParsing)
            switch (scanned, parsed) {
            case let (scanned?, parsed?):
                bothRead += 1
                #expect(scanned == parsed, "\(String(decoding: bytes, as: UTF8.self))")
            case (_?, nil):
                #expect(String(decoding: bytes.dropFirst(2), as: UTF8.self).contains("<?"), "\(String(decoding: bytes, as: UTF8.self))")
            case (nil, _):
                break
            }
        }
        #expect(bothRead > 50, "some damage leaves a sheet readable, so the comparison means something")
    }
}
