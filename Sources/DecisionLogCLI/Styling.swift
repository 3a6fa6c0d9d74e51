/// Colour and bold for a terminal (ANSI escapes), applied to finished text line by line: table headers bold,
/// added rows green, removed red, changed yellow; on standard error, "Error:" red and "warning:" yellow.
enum Styling {
    private static let bold = "\u{1B}[1m", red = "\u{1B}[31m", green = "\u{1B}[32m", yellow = "\u{1B}[33m", reset = "\u{1B}[0m"

    /// Output text with its headers and change marks styled.
    static func output(_ text: String) -> String {
        restyle(text) { line in
            if isHeader(line) { return bold + line + reset }
            for (mark, colour) in [("+  ", green), ("−  ", red), ("~  ", yellow)] where line.hasPrefix(mark) {
                return colour + String(line.prefix(1)) + reset + line.dropFirst()
            }
            if line.hasPrefix("Verified ") { return green + line + reset }
            return String(line)
        }
    }

    /// Error text with its "Error:" and "warning:" prefixes styled.
    static func error(_ text: String) -> String {
        restyle(text) { line in
            for (prefix, colour) in [("Error:", bold + red), ("warning:", yellow), ("note:", yellow)] where line.hasPrefix(prefix) {
                return colour + prefix + reset + line.dropFirst(prefix.count)
            }
            return String(line)
        }
    }

    /// A table header or section title: two or more letters and no lowercase ones ("SEQ  EFFECTIVE  TYPE").
    private static func isHeader(_ line: Substring) -> Bool {
        var letters = 0
        for character in line where character.isLetter {
            if character.isLowercase { return false }
            letters += 1
        }
        return letters >= 2
    }

    private static func restyle(_ text: String, _ style: (Substring) -> String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(style).joined(separator: "\n")
    }
}
