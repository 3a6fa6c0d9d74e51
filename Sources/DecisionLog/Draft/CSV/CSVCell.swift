/// How a cell's text is kept from being run as a formula when the team opens an exported CSV file in a
/// spreadsheet (CSV injection: `=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)` in a reason or a title), and read back
/// as the same text by `import`: one rule for both directions.
///
/// Writing, a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` in front
/// (spreadsheets show it as text) — unless the whole cell is a plain number such as `-5` or `4.5`, which no
/// spreadsheet runs. A cell that already starts with `'` and then one of those characters or another `'` gets
/// one more, so that reading can tell. Reading, a cell that starts with `'` followed by one of those
/// characters or by `'` loses that first `'`. So every text survives export and import unchanged.
public enum CSVCell {
    /// The characters a spreadsheet may take as the start of a formula.
    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `text` as an exported cell holds it.
    public static func protect(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        if formulaStarts.contains(first) { return isPlainNumber(text) ? text : "'" + text }
        if first == "'", startsWithMarker(text) { return "'" + text }
        return text
    }

    /// The text an exported cell `cell` stands for.
    public static func unprotect(_ cell: String) -> String {
        startsWithMarker(cell) ? String(cell.unicodeScalars.dropFirst()) : cell
    }

    /// Whether `text` is `'` followed by a formula start or another `'`.
    private static func startsWithMarker(_ text: String) -> Bool {
        var scalars = text.unicodeScalars.makeIterator()
        guard scalars.next() == "'", let second = scalars.next() else { return false }
        return second == "'" || formulaStarts.contains(second)
    }

    /// Whether `text` is a number and nothing else: an optional minus, digits, an optional fraction and
    /// exponent.
    private static func isPlainNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            let count = bytes.prefix { (0x30...0x39).contains($0) }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        guard digits() > 0 else { return false }
        if bytes.first == UInt8(ascii: ".") { bytes = bytes.dropFirst(); guard digits() > 0 else { return false } }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
