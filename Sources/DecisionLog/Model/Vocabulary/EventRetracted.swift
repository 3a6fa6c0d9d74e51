/// `event.retracted`: an earlier event was wrong and stops counting. Nothing is edited: the retracted event
/// stays in the log, and history shows both. The subject is the retracted event's subject.
public struct EventRetracted: EventPayload {
    public static let type: EventType = "event.retracted"
    public static let summary = "Retract an earlier event that was wrong (a reason is required)."
    public static let subjectKind: String? = nil
    public static let requiresReason = true
    public static let fields: [PayloadField] = [
        .required("event", EventID.self, "The id of the event retracted (or #seq on the command line)."),
    ]

    public let event: EventID

    /// A retraction of `event`.
    public init(event: EventID) { self.event = event }

    public init(reading r: PayloadReader) { event = r.required("event") }

    public func write(to w: inout PayloadWriter) { w.set("event", event) }
}
