/// The fields of a form the browser posted (`application/x-www-form-urlencoded`), in order, decoded; or the
/// fields to fill a form with when it is drawn again.
struct WebForm {
    /// The fields, in the order sent.
    var fields: [(name: String, value: String)]

    /// Reads a posted body; nil when it is not one (a bad escape, bytes that are not UTF-8).
    init?(body: [UInt8]) {
        var fields: [(name: String, value: String)] = []
        for pair in body.split(separator: UInt8(ascii: "&")) {
            let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
            guard let name = HTTPRequestParser.percentDecoded(pair[..<equals], plusIsSpace: true),
                  let value = HTTPRequestParser.percentDecoded(equals < pair.endIndex ? pair[(equals + 1)...] : [], plusIsSpace: true, allowingLineBreaks: true)
            else { return nil }
            // A browser sends a box's line breaks as CR LF; the log's texts break lines with LF.
            fields.append((name, value.replacing("\r\n", with: "\n")))
        }
        self.fields = fields
    }

    /// A form holding `fields`.
    init(_ fields: [(name: String, value: String)]) { self.fields = fields }

    /// The first value called `name`, trimmed; nil when missing or blank.
    func value(_ name: String) -> String? {
        guard let value = fields.first(where: { $0.name == name })?.value.trimmingWhitespace, !value.isEmpty else { return nil }
        return value
    }

    /// Every non-blank line of every value called `name`, trimmed: a list typed one item a line.
    func lines(_ name: String) -> [String] {
        fields.filter { $0.name == name }.flatMap { $0.value.split(whereSeparator: \.isNewline) }
            .map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
    }
}
