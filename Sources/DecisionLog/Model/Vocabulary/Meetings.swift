/// `agreement.recorded`: the documented agreement an alignment meeting ends with — parties, objectives,
/// timeline and resources.
public struct AgreementRecorded: EventPayload {
    public static let type: EventType = "agreement.recorded"
    public static let summary = "Record an agreement between parties: objectives, timeline, resources."
    public static let fields: [PayloadField] = [
        .people("parties", required: true, "Who agreed (two or more)."),
        .required("objectives", [String].self, "What they agreed to achieve."),
        .optional("timeline", String.self, "When, in words or dates."),
        .optional("resources", [String].self, "People, budget or time committed."),
    ]

    public let parties: [String]
    public let objectives: [String]
    public let timeline: String?
    public let resources: [String]

    /// An agreement; see `fields`.
    public init(parties: [String], objectives: [String], timeline: String? = nil, resources: [String] = []) {
        self.parties = parties
        self.objectives = objectives
        self.timeline = timeline
        self.resources = resources
    }

    public init(reading r: PayloadReader) {
        let parties: [String]? = r.requiredOrNil("parties")
        let objectives: [String]? = r.requiredOrNil("objectives")
        self.parties = parties ?? []
        self.objectives = objectives ?? []
        timeline = r.optional("timeline")
        resources = r.optional("resources") ?? []
        if let parties, parties.count < 2 { r.problem("parties", "an agreement needs at least two parties") }
        if let objectives, objectives.isEmpty { r.problem("objectives", "list at least one objective") }
    }

    public func write(to w: inout PayloadWriter) {
        w.set("parties", parties)
        w.set("objectives", objectives)
        w.set("timeline", timeline)
        w.set("resources", resources)
    }
}

/// What kind of meeting a sync was.
public enum SyncKind: String, PayloadChoice {
    case weekly, alignment, planning, review, adhoc
}

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
