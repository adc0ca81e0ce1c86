import Foundation
import ZIPFoundation

/// An Office Open XML package (ECMA-376 Part 2): parts by name, zipped into the bytes of an
/// `.xlsx` or `.docx`.
///
/// The zip is ZIPFoundation's, written in memory with every entry dated 1980-01-01 00:00 (the
/// first date a zip can hold; ZIPFoundation reads the date in UTC, so the time zone does not
/// matter), the same permissions and the parts in the order given, so that the same parts
/// always make the same bytes.
struct OfficePackage {
    struct Part {
        var name: String
        var contentType: String
        var bytes: [UInt8]
    }

    /// The parts, `[Content_Types].xml` excepted, which ``zipped()`` writes from their content types.
    var parts: [Part] = []

    mutating func add(_ name: String, _ contentType: String, _ xml: String) {
        parts.append(Part(name: name, contentType: contentType, bytes: Array(xml.utf8)))
    }

    mutating func add(_ name: String, _ contentType: String, bytes: [UInt8]) {
        parts.append(Part(name: name, contentType: contentType, bytes: bytes))
    }

    /// `[Content_Types].xml`: an override for each XML part, a default for each other extension.
    var contentTypes: String {
        var defaults = ["rels": "application/vnd.openxmlformats-package.relationships+xml", "xml": "application/xml"]
        var overrides = ""
        for part in parts {
            let fileExtension = part.name.split(separator: ".").last.map(String.init) ?? ""
            if fileExtension == "xml" || fileExtension == "rels" {
                if part.contentType != defaults[fileExtension] {
                    overrides += "<Override PartName=\"/\(XMLText.escape(part.name))\" ContentType=\"\(part.contentType)\"/>"
                }
            } else {
                defaults[fileExtension] = part.contentType
            }
        }
        let defaultElements = defaults.keys.sorted().map { "<Default Extension=\"\($0)\" ContentType=\"\(defaults[$0]!)\"/>" }.joined()
        return OfficeXML.declaration
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\(defaultElements)\(overrides)</Types>"
    }

    private static let fixedDate = Date(timeIntervalSince1970: 315_532_800)

    func zipped() throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        let entries = [Part(name: "[Content_Types].xml", contentType: "", bytes: Array(contentTypes.utf8))] + parts
        for entry in entries {
            let data = Data(entry.bytes)
            try archive.addEntry(with: entry.name, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.fixedDate,
                                 permissions: 0o644, compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw OfficePackageError.notWritten }
        return Array(data)
    }
}

enum OfficePackageError: Error, CustomStringConvertible {
    case notWritten
    var description: String { "the zip package could not be written in memory" }
}

/// Pieces of XML every part shares.
enum OfficeXML {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// A relationships part: `(id, type, target)`, a type without `://` relative to
    /// ``relationshipBase``.
    static func relationships(_ items: [(id: String, type: String, target: String)]) -> String {
        declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + items.map { item in
                let type = item.type.contains("://") ? item.type : relationshipBase + item.type
                return "<Relationship Id=\"\(item.id)\" Type=\"\(type)\" Target=\"\(XMLText.escape(item.target))\"/>"
            }.joined()
            + "</Relationships>"
    }

    static let relationshipsType = "application/vnd.openxmlformats-package.relationships+xml"
    static let corePropertiesRelationship = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

    static let relationshipBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

    /// `docProps/core.xml` with the title and language, and no dates: the same report gives
    /// the same bytes.
    static func coreProperties(title: String, language: String) -> String {
        declaration + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
            + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<dc:title>\(XMLText.escape(title))</dc:title><dc:language>\(XMLText.escape(language))</dc:language>"
            + "<dc:creator>reportgen</dc:creator></cp:coreProperties>"
    }

    static let corePropertiesType = "application/vnd.openxmlformats-package.core-properties+xml"
}
