/// `goal.set`: a goal is set or restated — what we aim at, for when, who owns it, with what target, and
/// (since version 2) how confident its owner is.
public struct GoalSet: EventPayload {
    public static let type: EventType = "goal.set"
    public static let schemaVersion = 3
    public static let summary = "Set or restate a goal: title, timeframe, owner, metric, target and confidence."
    public static let fields: [PayloadField] = [
        .required("title", String.self, "What the goal is, e.g. \"Grow qualified pipeline\"."),
        .required("timeframe", Timeframe.self, "When it is due: 2025, 2025-H2, 2025-Q3 or 2025-09."),
        .optional("owner", String.self, "The person accountable for it."),
        .optional("metric", Subject.self, "The metric that measures it, e.g. metric/pipeline."),
        .optional("target", Double.self, "The value to reach."),
        .optional("unit", MeasureUnit.self, "The target's unit."),
        .optional("confidence", Double.self, "How sure the owner is that the goal will be met, in percent (0–100)."),
    ]

    public let title: String
    public let timeframe: Timeframe
    public let owner: String?
    public let metric: Subject?
    public let target: Double?
    public let unit: MeasureUnit?
    /// Version 2: the owner's confidence in percent, 0–100.
    public let confidence: Double?

    /// A goal; see `fields` for what each part means.
    public init(title: String, timeframe: Timeframe, owner: String? = nil, metric: Subject? = nil,
                target: Double? = nil, unit: MeasureUnit? = nil, confidence: Double? = nil) {
        self.title = title
        self.timeframe = timeframe
        self.owner = owner
        self.metric = metric
        self.target = target
        self.unit = unit
        self.confidence = confidence
    }

    public init(reading r: PayloadReader) {
        title = r.required("title")
        timeframe = r.required("timeframe")
        owner = r.optional("owner")
        metric = r.optional("metric")
        target = r.optional("target")
        unit = r.optional("unit")
        confidence = r.optional("confidence")
        if let confidence, !(0...100).contains(confidence) { r.problem("confidence", "must be a percentage between 0 and 100") }
        if let metric, metric.kind != "metric" { r.problem("metric", "expected a metric subject such as metric/pipeline, got \"\(metric)\"") }
        if unit != nil && !r.has("target") { r.problem("unit", "a unit needs a target; add --target") }
    }

    public func write(to w: inout PayloadWriter) {
        w.set("title", title)
        w.set("timeframe", timeframe)
        w.set("owner", owner)
        w.set("metric", metric)
        w.set("target", target)
        w.set("unit", unit)
        w.set("confidence", confidence)
    }
}
