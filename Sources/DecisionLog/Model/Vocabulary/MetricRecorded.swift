/// `metric.recorded`: an actual value of a KPI, for a period or on a date. The subject names the metric.
public struct MetricRecorded: EventPayload {
    public static let type: EventType = "metric.recorded"
    public static let summary = "Record a KPI's actual value for a period or a date (the subject names the metric)."
    public static let fields: [PayloadField] = [
        .required("value", Double.self, "The measured value, in the metric's unit."),
        .optional("period", Timeframe.self, "The period it covers (give this or date)."),
        .optional("date", CalendarDate.self, "The day it was measured (give this or period)."),
        .optional("source", String.self, "Where the number comes from, e.g. \"HubSpot dashboard\"."),
    ]

    public let value: Double
    public let period: Timeframe?
    public let date: CalendarDate?
    public let source: String?

    /// A measurement; see `fields`. Give `period`, `date` or both.
    public init(value: Double, period: Timeframe? = nil, date: CalendarDate? = nil, source: String? = nil) {
        self.value = value
        self.period = period
        self.date = date
        self.source = source
    }

    public init(reading r: PayloadReader) {
        value = r.required("value")
        period = r.optional("period")
        date = r.optional("date")
        source = r.optional("source")
        if !r.has("period") && !r.has("date") { r.problem("period", "missing; give the period (2025-Q3) or the date the value is for") }
    }

    public func write(to w: inout PayloadWriter) {
        w.set("value", value)
        w.set("period", period)
        w.set("date", date)
        w.set("source", source)
    }
}
