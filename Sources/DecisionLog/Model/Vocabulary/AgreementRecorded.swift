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
