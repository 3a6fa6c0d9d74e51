/// One event as the rules see it: where it falls, what it is about, and what it does.
public struct RuleEvent: Provenance, Equatable {
    public let seq: Int
    public let effectiveAt: Timestamp
    /// The event's id (retractions name it).
    public let id: EventID
    /// Its type.
    public let type: EventType
    /// Its subject.
    public let subject: Subject
    /// What it does.
    public let step: RuleStep

    /// `event` as the rules see it, or nil when no rule is about it.
    public init?(_ event: Event) {
        guard let step = RuleStep(event.payload) else { return nil }
        seq = event.seq
        effectiveAt = event.effectiveAt
        id = event.id
        type = event.type
        subject = event.subject
        self.step = step
    }
}
