/// A team-defined type's schema as the log registered it: the `schema.registered` event's payload and the
/// event's provenance.
public struct SchemaRegistration: Sendable {
    /// The type defined, e.g. `pricing.changed`.
    public let type: String
    /// Its version.
    public let version: Int
    /// The schema JSON.
    public let schema: JSONValue
    /// The registering event; nil for a draft not yet in the log (an earlier line of the same import).
    public let stamp: Stamp?

    /// The registration `payload` makes, by the event stamped `stamp`.
    public init(_ payload: SchemaRegistered, stamp: Stamp?) {
        type = payload.definedType
        version = payload.version
        schema = payload.schema
        self.stamp = stamp
    }

    /// The registration `event` makes, or nil when it is not a `schema.registered` event.
    public init?(_ event: Event) {
        guard case .schemaRegistered(let registered) = event.payload else { return nil }
        self.init(registered, stamp: Stamp(event))
    }
}
