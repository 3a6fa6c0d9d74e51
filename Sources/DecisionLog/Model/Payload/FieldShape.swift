/// How a payload field's value looks in JSON, for validation messages, the command line and help.
public indirect enum FieldShape: Sendable, Equatable {
    case text
    case number
    case integer
    case date
    case timeframe
    case eventID
    case subject
    /// One of a fixed set of words.
    case choice([String])
    /// A list of values of one shape.
    case list(FieldShape)
    /// Text or an integer, depending on another field (a priority's `to`).
    case textOrInteger
    /// true or false.
    case boolean
    /// A JSON object (a schema).
    case object
    /// Any JSON value (a team field whose schema allows several kinds).
    case json

    /// The shape in words with an article: "a date (YYYY-MM-DD)".
    public var expectation: String {
        switch self {
        case .text: "a non-empty text"
        case .number: "a number"
        case .integer: "an integer"
        case .date: "a date (YYYY-MM-DD)"
        case .timeframe: "a timeframe (2025, 2025-H2, 2025-Q3 or 2025-09)"
        case .eventID: "an event id (a UUID)"
        case .subject: "a subject (kind/name, e.g. launch/atlas)"
        case .choice(let words): "one of " + words.joined(separator: ", ")
        case .list(let element): "a list of " + element.pluralNoun
        case .textOrInteger: "a text or an integer"
        case .boolean: "true or false"
        case .object: "an object"
        case .json: "a JSON value"
        }
    }

    /// The shape as a short placeholder for usage lines: `<date>`, `<number>`.
    public var placeholder: String {
        switch self {
        case .text: "<text>"
        case .number: "<number>"
        case .integer: "<integer>"
        case .date: "<date>"
        case .timeframe: "<timeframe>"
        case .eventID: "<event>"
        case .subject: "<subject>"
        case .choice(let words): "<" + words.joined(separator: "|") + ">"
        case .list(let element): element.placeholder
        case .textOrInteger: "<value>"
        case .boolean: "<true|false>"
        case .object: "<json>"
        case .json: "<value>"
        }
    }

    private var pluralNoun: String {
        switch self {
        case .text: "texts"
        case .number: "numbers"
        case .integer: "integers"
        case .date: "dates"
        case .timeframe: "timeframes"
        case .eventID: "event ids"
        case .subject: "subjects"
        case .choice(let words): "words from " + words.joined(separator: ", ")
        case .list: "lists"
        case .textOrInteger: "texts or integers"
        case .boolean: "true or false values"
        case .object: "objects"
        case .json: "JSON values"
        }
    }
}
