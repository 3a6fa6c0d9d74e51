/// A draft that passed validation: typed, complete, and ready to be sealed.
public struct ValidatedDraft: Sendable, Equatable {
    /// The id the draft asked for; a new one is made at sealing when nil.
    public let id: EventID?
    /// When the decision takes effect.
    public let effectiveAt: Timestamp
    /// True when the draft gave no effective time and `effectiveAt` is the time of validation; a retry of
    /// the same draft then counts as the same event whatever the clock says.
    public let effectiveAtIsDefault: Bool
    /// Who decided.
    public let actor: Actor
    /// What it is about.
    public let subject: Subject
    /// Why.
    public let reason: String?
    /// Events it refers to.
    public let links: [EventID]
    /// The typed payload.
    public let payload: Payload

    /// The event type.
    public var type: EventType { payload.type }

    /// A validated draft from typed parts (for code that builds events directly, such as the demo).
    public init(id: EventID? = nil, effectiveAt: Timestamp, effectiveAtIsDefault: Bool = false, actor: Actor,
                subject: Subject, reason: String? = nil, links: [EventID] = [], payload: Payload) {
        self.id = id
        self.effectiveAt = effectiveAt
        self.effectiveAtIsDefault = effectiveAtIsDefault
        self.actor = actor
        self.subject = subject
        self.reason = reason
        self.links = links
        self.payload = payload
    }

    /// The same draft with `id`.
    public func identified(as id: EventID) -> ValidatedDraft {
        ValidatedDraft(id: id, effectiveAt: effectiveAt, effectiveAtIsDefault: effectiveAtIsDefault, actor: actor, subject: subject, reason: reason,
                       links: links, payload: payload)
    }
}
