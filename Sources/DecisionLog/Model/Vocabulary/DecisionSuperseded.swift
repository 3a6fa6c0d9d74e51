/// `decision.superseded`: a decision (the subject) is replaced by another.
public struct DecisionSuperseded: EventPayload {
    public static let type: EventType = "decision.superseded"
    public static let summary = "Mark a decision (the subject) superseded by another decision."
    public static let fields: [PayloadField] = [
        .required("by", Subject.self, "The decision that replaces it, e.g. decision/pricing-2026."),
    ]

    public let by: Subject

    /// A supersession; see `fields`.
    public init(by: Subject) { self.by = by }

    public init(reading r: PayloadReader) {
        by = r.required("by")
        if r.has("by"), by.kind != "decision" { r.problem("by", "expected a decision subject such as decision/pricing-2026, got \"\(by)\"") }
    }

    public func write(to w: inout PayloadWriter) { w.set("by", by) }
}
