/// A typed payload of one event type of the vocabulary (`GoalSet` for `goal.set`, …).
public protocol EventPayload: Sendable, Equatable {
    /// The event type this payload belongs to.
    static var type: EventType { get }
    /// One line saying what recording such an event means, for help.
    static var summary: String { get }
    /// The payload's fields; validation refuses members not listed here.
    static var fields: [PayloadField] { get }
    /// The kind a subject of this type must have (`launch` for `launch/atlas`); nil allows any kind.
    static var subjectKind: String? { get }
    /// Whether the envelope's `reason` is required for this type (a retraction must say why).
    static var requiresReason: Bool { get }
    /// The version of this type's schema that the running code writes.
    static var schemaVersion: Int { get }
    /// Reads the payload; problems go to the reader, which the caller then finishes.
    init(reading reader: PayloadReader)
    /// Writes the payload's members.
    func write(to writer: inout PayloadWriter)
}

extension EventPayload {
    public static var subjectKind: String? { String(type.family) }
    public static var requiresReason: Bool { false }
    public static var schemaVersion: Int { 1 }

    /// The payload as its JSON object.
    public var json: JSONValue {
        var writer = PayloadWriter()
        write(to: &writer)
        return writer.json
    }
}
