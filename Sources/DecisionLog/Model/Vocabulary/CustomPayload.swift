/// The fields of an event of a team-defined type: the payload as it was validated against its schema.
public struct CustomPayload: Sendable, Equatable {
    /// The team's type, e.g. `pricing.changed`.
    public let type: EventType
    /// The schema version it was validated against.
    public let version: Int
    /// The payload's members.
    public let fields: JSONObject

    /// A team event's payload; see the properties.
    public init(type: EventType, version: Int, fields: JSONObject) {
        self.type = type
        self.version = version
        self.fields = fields
    }
}
