/// Reading a payload field's value from text, as a command-line option or a spreadsheet cell gives it.
extension PayloadField {
    /// The field's JSON value from its texts (one per repeated option, or one cell): numbers, integers and
    /// booleans converted, people split as `People.split` reads a list (a cell may also hold a JSON
    /// array), objects parsed. A text that does not convert stays text, so validation names it ("expected a
    /// number, got \"fast\""). Nil when `texts` is empty.
    public func value(fromTexts texts: [String]) -> JSONValue? {
        guard let last = texts.last else { return nil }
        guard case .list(let element) = shape else { return shape.value(fromText: last) }
        if texts.count == 1, last.hasPrefix("["), case .array(let items)? = try? JSONValue.parse(last) { return .array(items) }
        let items = namesPeople ? texts.flatMap(People.split).filter { $0.contains { $0.isLetter || $0.isNumber } } : texts
        // A list that names nobody stays text, so validation refuses it instead of dropping it.
        return items.isEmpty ? .string(texts.joined(separator: ",")) : .array(items.map(element.value(fromText:)))
    }
}

extension PayloadField {
    /// The field's JSON value from a spreadsheet cell: as `value(fromTexts:)` reads one option, except that a
    /// list's items may also be separated by semicolons ("Per seat; Per seat with a free tier"), as `export`
    /// writes them.
    public func value(fromCell text: String) -> JSONValue? {
        guard case .list = shape, !text.hasPrefix("[") else { return value(fromTexts: [text]) }
        let items = text.split(separator: ";").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
        return value(fromTexts: items.isEmpty ? [text] : items)
    }
}

extension FieldShape {
    /// `text` as a value of this shape, or the text itself when it does not convert.
    public func value(fromText text: String) -> JSONValue {
        switch self {
        case .number, .integer:
            // The JSON number grammar, so an option reads a number exactly as a JSON draft does.
            if case .number(let number)? = try? JSONValue.parse(text.trimmingWhitespace) { return .number(number) }
            // As a spreadsheet writes it: 4.5%, 8,400, €8,400 (docs/rules.md, "Numbers in spreadsheets").
            if case .success(let number)? = CSVNumber.read(text, decimalComma: false) { return .number(number) }
            return .string(text)
        case .textOrInteger:
            if let integer = Int(text.trimmingWhitespace) { return .number(Double(integer)) }
            return .string(text)
        case .boolean:
            switch text.trimmingWhitespace.lowercased() {
            case "true", "yes": return .bool(true)
            case "false", "no": return .bool(false)
            default: return .string(text)
            }
        case .object:
            if case .object(let members)? = try? JSONValue.parse(text) { return .object(members) }
            return .string(text)
        case .json:
            // Whatever the text is as JSON (a number, true, an object…), else the text itself.
            return (try? JSONValue.parse(text.trimmingWhitespace)) ?? .string(text)
        default:
            return .string(text)
        }
    }
}

extension EventDraft {
    /// Sets each field of `kind` that `texts` gives text for (options, or a form's fields), read as
    /// `PayloadField.value(fromTexts:)` reads it; fields without text are left as they are.
    public mutating func setPayload(of kind: PayloadKind, texts: (PayloadField) -> [String]) {
        for field in kind.fields {
            if let value = field.value(fromTexts: texts(field)) { payload[field.name] = value }
        }
    }
}
