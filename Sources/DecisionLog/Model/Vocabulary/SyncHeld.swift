/// `sync.held`: a meeting took place — who attended, what came out, which decisions it took.
public struct SyncHeld: EventPayload {
    public static let type: EventType = "sync.held"
    public static let summary = "Record a sync meeting: kind, attendees, outcomes, decisions taken."
    public static let fields: [PayloadField] = [
        .required("kind", SyncKind.self, "What kind of meeting."),
        .people("attendees", required: true, "Who attended."),
        .optional("outcomes", [String].self, "What came out of it."),
        .optional("decisions", [Subject].self, "Decisions taken, e.g. decision/pricing-2025."),
    ]

    public let kind: SyncKind
    public let attendees: [String]
    public let outcomes: [String]
    public let decisions: [Subject]

    /// A meeting; see `fields`.
    public init(kind: SyncKind, attendees: [String], outcomes: [String] = [], decisions: [Subject] = []) {
        self.kind = kind
        self.attendees = attendees
        self.outcomes = outcomes
        self.decisions = decisions
    }

    public init(reading r: PayloadReader) {
        kind = r.required("kind")
        let attendees: [String]? = r.requiredOrNil("attendees")
        self.attendees = attendees ?? []
        outcomes = r.optional("outcomes") ?? []
        decisions = r.optional("decisions") ?? []
        if let attendees, attendees.isEmpty { r.problem("attendees", "list at least one attendee") }
        for (i, decision) in decisions.enumerated() where decision.kind != "decision" {
            r.problem("decisions[\(i)]", "expected a decision subject such as decision/pricing-2025, got \"\(decision)\"")
        }
    }

    public func write(to w: inout PayloadWriter) {
        w.set("kind", kind)
        w.set("attendees", attendees)
        w.set("outcomes", outcomes)
        w.set("decisions", decisions)
    }
}
