/// Text made safe for XML 1.0, in element content and attribute values alike.
///
/// Escapes the five special characters and drops what XML 1.0 cannot hold at all: control
/// characters other than tab, line feed and carriage return, and U+FFFE, U+FFFF. A report's
/// data may hold any of them (a CSV cell with a stray form feed), and a single one makes Word
/// and Excel refuse the whole file as corrupt.
enum XMLText {
    static func escape(_ text: some StringProtocol) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if isAllowed(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// XML 1.0's `Char` production, less tab and line ends, which callers treat themselves.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// `text` without the characters XML cannot hold, not escaped: for measuring and for
    /// comparing what a reader will see.
    static func cleaned(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { isAllowed($0) || $0 == "\t" || $0 == "\n" || $0 == "\r" }))
    }
}
