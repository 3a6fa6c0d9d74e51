/// A JSON document as a tree: what drafts, payloads and stored events are parsed into.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// Every number is a finite Double; integers up to ±2^53 are exact.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The string, when this is one.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The number, when this is one.
    public var numberValue: Double? { if case .number(let n) = self { n } else { nil } }
    /// The members, when this is an object.
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }
    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }

    /// The JSON kind with an article, for messages: "a string", "an object", "null".
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The value as compact JSON, cut to `limit` characters with an ellipsis, for messages.
    public func excerpt(limit: Int = 40) -> String {
        let text = canonicalString
        if text.count <= limit { return text }
        return String(text.prefix(limit - 1)) + "…"
    }
}

/// Literals for JSON in code. There is deliberately no `nil` literal: `nil` must mean "no value" (an absent
/// optional), never a JSON `null`, which is written `.null`.
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements))
    }
}
