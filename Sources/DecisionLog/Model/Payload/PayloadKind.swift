/// Everything the log knows about one event type: its name, fields, rules and how to read its payload. A
/// class of constants: looking one up while decoding costs one reference, not a copy of every field.
public final class PayloadKind: Sendable {
    /// The type's name.
    public let type: EventType
    /// One line for help.
    public let summary: String
    /// The payload's fields.
    public let fields: [PayloadField]
    /// The kind subjects of this type must have, if any.
    public let subjectKind: String?
    /// Whether a reason is required.
    public let requiresReason: Bool
    /// The schema version the running code writes and reads.
    public let schemaVersion: Int
    private let decodeJSON: @Sendable (JSONValue, String) throws(ValidationFailure) -> Payload

    init<P: EventPayload>(_ payload: P.Type, _ wrap: @escaping @Sendable (P) -> Payload) {
        type = P.type
        summary = P.summary
        fields = P.fields
        subjectKind = P.subjectKind
        requiresReason = P.requiresReason
        schemaVersion = P.schemaVersion
        let fields = P.fields
        decodeJSON = { (json: JSONValue, path: String) throws(ValidationFailure) -> Payload in
            let reader = PayloadReader(json, fields: fields, path: path)
            let payload = wrap(P(reading: reader))
            try reader.finish()
            return payload
        }
    }

    /// The kind of a team-defined type at `version`, described by its schema: fields from `properties`,
    /// the subject kind from `x-subject-kind`, the reason rule from `x-requires-reason`. Its payloads are
    /// taken as they are (the schema is checked before, by the caller).
    public init(team name: String, version: Int, schema: JSONValue) {
        type = EventType(name)
        let members = schema.objectValue ?? [:]
        summary = members["description"]?.stringValue ?? members["title"]?.stringValue ?? "A team-defined event type."
        fields = PayloadField.fields(fromSchema: schema)
        subjectKind = members["x-subject-kind"]?.stringValue
        requiresReason = members["x-requires-reason"] == .bool(true)
        schemaVersion = version
        decodeJSON = { (json: JSONValue, path: String) throws(ValidationFailure) -> Payload in
            guard case .object(let fields) = json else {
                throw ValidationFailure([ValidationIssue(path: path, message: "expected an object, got \(json.kindName)")])
            }
            return .custom(CustomPayload(type: EventType(name), version: version, fields: fields))
        }
    }

    /// Reads `json` as this type's payload; throws every problem, each with its path under `path`.
    public func decode(_ json: JSONValue, path: String = "payload") throws(ValidationFailure) -> Payload {
        try decodeJSON(json, path)
    }
}
