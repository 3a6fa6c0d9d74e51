/// `schema.registered`: the team registers the JSON Schema of an event type of its own (e.g.
/// `pricing.changed`), or a new version of one. The schema is in the event, so the log itself says which
/// schema applied when. The subject is `schema/<type>`.
public struct SchemaRegistered: EventPayload {
    public static let type: EventType = "schema.registered"
    public static let summary = "Register the JSON Schema of a team-defined event type (decisionlog schema add FILE)."
    public static let subjectKind: String? = "schema"
    public static let fields: [PayloadField] = [
        .required("type", String.self, "The event type the schema defines, noun.verb, e.g. pricing.changed."),
        .required("version", Int.self, "The schema's version: 1, then 2, …"),
        .required("schema", SchemaDocument.self, "The JSON Schema (draft 2020-12) of the type's payload."),
    ]

    /// The event type defined.
    public let definedType: String
    /// Its version.
    public let version: Int
    /// The schema, as JSON.
    public let schema: JSONValue

    /// A registration; see `fields`.
    public init(type: String, version: Int, schema: JSONValue) {
        definedType = type
        self.version = version
        self.schema = schema
    }

    public init(reading r: PayloadReader) {
        definedType = r.required("type")
        version = r.required("version")
        schema = (r.required("schema") as SchemaDocument).json
        if r.has("version"), version < 1 { r.problem("version", "must be 1 or more") }
    }

    public func write(to w: inout PayloadWriter) {
        w.set("type", definedType)
        w.set("version", version)
        w.set("schema", SchemaDocument(object: schema))
    }
}
