/// `priority.changed`: an item (the subject, e.g. feature/sso) gets a new priority. The previous value is
/// not stored: views derive it from the events before.
public struct PriorityChanged: EventPayload {
    public static let type: EventType = "priority.changed"
    public static let summary = "Change an item's priority (MoSCoW, Kano, RICE or rank); the subject is the item."
    public static let subjectKind: String? = nil
    public static let fields: [PayloadField] = [
        .required("framework", PriorityFramework.self, "The prioritisation framework."),
        .optional("to", JSONValue.self,
                  "The new priority: must|should|could|wont (moscow), must-be|performance|attractive|indifferent|reverse (kano), 1, 2, … (rank)."),
        .optional("reach", Double.self, "RICE: people reached per period."),
        .optional("impact", Double.self, "RICE: 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal."),
        .optional("confidence", Double.self, "RICE: confidence in percent, 0–100."),
        .optional("effort", Double.self, "RICE: effort in person-months."),
        .optional("scope", String.self, "Where the priority applies, e.g. a release or 2025-Q3."),
    ]

    public let priority: PriorityValue
    public let scope: String?

    /// A priority change; see `fields`.
    public init(priority: PriorityValue, scope: String? = nil) {
        self.priority = priority
        self.scope = scope
    }

    public init(reading r: PayloadReader) {
        let framework: PriorityFramework? = r.requiredOrNil("framework")
        let to: JSONValue? = r.optional("to")
        let reach: Double? = r.optional("reach"), impact: Double? = r.optional("impact")
        let confidence: Double? = r.optional("confidence"), effort: Double? = r.optional("effort")
        scope = r.optional("scope")
        let riceNames = ["reach", "impact", "confidence", "effort"]
        guard let framework else { priority = .rank(0); return }
        if framework != .rice {
            for name in riceNames where r.has(name) { r.problem(name, "only a rice priority has \(name)") }
        }
        switch framework {
        case .moscow:
            priority = .moscow(PriorityChanged.level(to, r))
        case .kano:
            priority = .kano(PriorityChanged.level(to, r))
        case .rank:
            guard let to else { r.problem("to", "missing; expected the new rank, an integer of 1 or more"); priority = .rank(0); return }
            guard case .number(let n) = to, n == n.rounded(), n >= 1, n <= 1_000_000 else {
                r.problem("to", "expected a rank, an integer of 1 or more, got \(to.excerpt())")
                priority = .rank(0)
                return
            }
            priority = .rank(Int(n))
        case .rice:
            if r.has("to") { r.problem("to", "a rice priority has no 'to'; its score comes from reach, impact, confidence and effort") }
            for (name, value) in zip(riceNames, [reach, impact, confidence, effort]) where value == nil && !r.has(name) {
                r.problem(name, "missing; a rice priority needs reach, impact, confidence and effort")
            }
            if let reach, reach < 0 { r.problem("reach", "must be 0 or more") }
            if let impact, impact <= 0 { r.problem("impact", "must be more than 0 (3 massive … 0.25 minimal)") }
            if let confidence, !(0...100).contains(confidence) { r.problem("confidence", "must be a percentage between 0 and 100") }
            if let effort, effort <= 0 { r.problem("effort", "must be more than 0 person-months") }
            priority = .rice(RICEScore(reach: reach ?? 0, impact: impact ?? 1, confidence: confidence ?? 0, effort: effort ?? 1))
        }
    }

    /// Reads `to` as a word of the framework's set, recording a problem when it is missing or not one.
    private static func level<T: PayloadChoice>(_ to: JSONValue?, _ r: PayloadReader) -> T {
        guard let to else {
            r.problem("to", "missing; expected \(T.shape.expectation)")
            return T.placeholder
        }
        do throws(FieldProblem) { return try T(json: to) } catch {
            r.problem("to", error.message)
            return T.placeholder
        }
    }

    public func write(to w: inout PayloadWriter) {
        w.set("framework", priority.framework)
        switch priority {
        case .moscow(let value): w.set("to", value)
        case .kano(let value): w.set("to", value)
        case .rank(let value): w.set("to", value)
        case .rice(let inputs):
            w.set("reach", inputs.reach)
            w.set("impact", inputs.impact)
            w.set("confidence", inputs.confidence)
            w.set("effort", inputs.effort)
        }
        w.set("scope", scope)
    }
}
