/// A sealed event: a decision as the log stores it — the envelope, the typed payload and the hash chain.
///
/// Events are immutable: a wrong one is retracted or corrected by a later event, never edited.
public struct Event: Sendable, Equatable {
    /// Position in the log: 1, 2, 3, … with no gaps.
    public let seq: Int
    /// Identity, unique in the log; appending an id that is already there is a no-op.
    public let id: EventID
    /// The version of the type's schema the payload was written with.
    public let schemaVersion: Int
    /// When the decision was made or takes effect (given by the user; may be back-dated).
    public let effectiveAt: Timestamp
    /// When the log learned of it (set by the log; never decreases along the log).
    public let recordedAt: Timestamp
    /// Who decided.
    public let actor: Actor
    /// Who typed it: the OS user or configured identity.
    public let recordedBy: String
    /// What it is about.
    public let subject: Subject
    /// Why, in the decider's words.
    public let reason: String?
    /// Other events this one refers to.
    public let links: [EventID]
    /// The typed payload; its case gives the event's type.
    public let payload: Payload
    /// The hash of the previous event (`Digest.zero` for the first).
    public let prev: Digest
    /// SHA-256 of this event's canonical line without its `hash` member.
    public let hash: Digest
    /// The payload as stored, when the event was written with an older schema version and `payload` is its
    /// upcast; the stored bytes always come from this.
    public let writtenPayload: JSONValue?
    /// Who vouches for it, when it is signed; stored after the hash, so it is not part of what the hash covers.
    public let signature: EventSignature?

    /// The event's type, e.g. `launch.slipped`.
    public var type: EventType { payload.type }

    /// An event from its parts; `hash` must be the hash of the others (`Sealer` computes it).
    public init(seq: Int, id: EventID, schemaVersion: Int, effectiveAt: Timestamp, recordedAt: Timestamp,
                actor: Actor, recordedBy: String, subject: Subject, reason: String?, links: [EventID],
                payload: Payload, prev: Digest, hash: Digest, writtenPayload: JSONValue? = nil, signature: EventSignature? = nil) {
        self.seq = seq
        self.id = id
        self.schemaVersion = schemaVersion
        self.effectiveAt = effectiveAt
        self.recordedAt = recordedAt
        self.actor = actor
        self.recordedBy = recordedBy
        self.subject = subject
        self.reason = reason
        self.links = links
        self.payload = payload
        self.prev = prev
        self.hash = hash
        self.writtenPayload = writtenPayload
        self.signature = signature
    }
}
