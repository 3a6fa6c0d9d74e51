/// `launch.cancelled`: a launch is cancelled; the event's reason says why.
public struct LaunchCancelled: EventPayload {
    public static let type: EventType = "launch.cancelled"
    public static let summary = "Cancel a launch (a reason is required)."
    public static let requiresReason = true
    public static let fields: [PayloadField] = [
        .optional("date", CalendarDate.self, "The day it was called off, when not the effective date."),
    ]

    public let date: CalendarDate?

    /// A cancellation; see `fields`.
    public init(date: CalendarDate? = nil) { self.date = date }

    public init(reading r: PayloadReader) { date = r.optional("date") }

    public func write(to w: inout PayloadWriter) { w.set("date", date) }
}
