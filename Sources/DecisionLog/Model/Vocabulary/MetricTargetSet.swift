/// `metric.target.set`: a KPI gets a target for a timeframe. The subject names the metric.
public struct MetricTargetSet: EventPayload {
    public static let type: EventType = "metric.target.set"
    public static let summary = "Set a KPI's target for a timeframe (the subject names the metric)."
    public static let fields: [PayloadField] = [
        .required("target", Double.self, "The value to reach, in the metric's unit."),
        .required("timeframe", Timeframe.self, "By when: 2025, 2025-H2, 2025-Q3 or 2025-09."),
    ]

    public let target: Double
    public let timeframe: Timeframe

    /// A target; see `fields`.
    public init(target: Double, timeframe: Timeframe) {
        self.target = target
        self.timeframe = timeframe
    }

    public init(reading r: PayloadReader) {
        target = r.required("target")
        timeframe = r.required("timeframe")
    }

    public func write(to w: inout PayloadWriter) {
        w.set("target", target)
        w.set("timeframe", timeframe)
    }
}
