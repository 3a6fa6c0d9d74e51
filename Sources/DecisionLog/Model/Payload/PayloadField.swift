/// One field of an event type's payload: its JSON name, shape, whether it is required, and what it means.
///
/// The field list of a type drives validation (unknown fields are refused), the `add` command's options
/// (`title` becomes `--title`, `reviewBy` becomes `--review-by`) and the help text.
public struct PayloadField: Sendable, Equatable {
    /// The JSON member name, lowerCamelCase.
    public let name: String
    /// How the value looks.
    public let shape: FieldShape
    /// Whether every event of the type must have it (rules between fields are checked by the type).
    public let isRequired: Bool
    /// Whether the field lists people: one option value may name several, separated by semicolons (a comma
    /// stays inside a name, as in "Okafor, Maya").
    public let namesPeople: Bool
    /// One line for help.
    public let summary: String

    /// A field every event of the type has.
    public static func required<T: PayloadValue>(_ name: String, _ type: T.Type, _ summary: String) -> PayloadField {
        PayloadField(name: name, shape: T.shape, isRequired: true, namesPeople: false, summary: summary)
    }

    /// A field an event may leave out.
    public static func optional<T: PayloadValue>(_ name: String, _ type: T.Type, _ summary: String) -> PayloadField {
        PayloadField(name: name, shape: T.shape, isRequired: false, namesPeople: false, summary: summary)
    }

    /// A list of people's names; on the command line `--deciders "Dana Reyes; Lee Park"` or the option repeated.
    public static func people(_ name: String, required: Bool = false, _ summary: String) -> PayloadField {
        PayloadField(name: name, shape: .list(.text), isRequired: required, namesPeople: true, summary: summary)
    }

    /// The command-line option for this field: `reviewBy` → `review-by`.
    public var optionName: String {
        var result = ""
        for character in name {
            if character.isUppercase { result += "-" + character.lowercased() } else { result.append(character) }
        }
        return result
    }
}

extension PayloadField {
    /// The fields a JSON Schema's top-level `properties` describe (for team-defined types), in name order:
    /// each shape from its `type` (the first besides null), `format`, `enum` and `items`, following `$ref`s
    /// into the schema's `$defs`; a property that allows several kinds of value takes any JSON. Required as
    /// the schema's `required` says.
    public static func fields(fromSchema schema: JSONValue) -> [PayloadField] {
        let members = schema.objectValue ?? [:]
        let required = Set(members["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let properties = members["properties"]?.objectValue ?? [:]
        return properties.keys.sorted().map { name in
            let property = resolved(properties[name]?.objectValue ?? [:], in: members)
            return PayloadField(name: name, shape: shape(of: property, in: members), isRequired: required.contains(name),
                                namesPeople: false, summary: property["description"]?.stringValue ?? "")
        }
    }

    /// `property`, or what its `$ref` (`#/$defs/name`) points to, up to a few references deep.
    private static func resolved(_ property: JSONObject, in root: JSONObject) -> JSONObject {
        var current = property
        for _ in 0..<8 {
            guard let reference = current["$ref"]?.stringValue, reference.hasPrefix("#/$defs/"),
                  let target = root["$defs"]?.objectValue?[String(reference.dropFirst("#/$defs/".count))]?.objectValue
            else { break }
            current = target.merging(current.filter { $0.key != "$ref" }) { $1 }
        }
        return current
    }

    private static func shape(of property: JSONObject, in root: JSONObject) -> FieldShape {
        if let words = property["enum"]?.arrayValue?.compactMap(\.stringValue), !words.isEmpty { return .choice(words) }
        let types = property["type"]?.stringValue.map { [$0] } ?? property["type"]?.arrayValue?.compactMap(\.stringValue) ?? []
        switch types.filter({ $0 != "null" }).first {
        case "number": return .number
        case "integer": return .integer
        case "boolean": return .boolean
        case "object": return .object
        case "array": return .list(shape(of: resolved(property["items"]?.objectValue ?? [:], in: root), in: root))
        case "string":
            switch property["format"]?.stringValue {
            case "date": return .date
            case "timeframe": return .timeframe
            case "uuid": return .eventID
            default: return .text
            }
        default:
            return .json
        }
    }
}
