/// `goal.closed`: a goal is closed as achieved, missed or dropped.
public struct GoalClosed: EventPayload {
    public static let type: EventType = "goal.closed"
    public static let summary = "Close a goal as achieved, missed or dropped."
    public static let fields: [PayloadField] = [
        .required("outcome", GoalOutcome.self, "How it ended."),
        .optional("note", String.self, "What happened, in a sentence."),
    ]

    public let outcome: GoalOutcome
    public let note: String?

    /// A closing; see `fields`.
    public init(outcome: GoalOutcome, note: String? = nil) {
        self.outcome = outcome
        self.note = note
    }

    public init(reading r: PayloadReader) {
        outcome = r.required("outcome")
        note = r.optional("note")
    }

    public func write(to w: inout PayloadWriter) {
        w.set("outcome", outcome)
        w.set("note", note)
    }
}
