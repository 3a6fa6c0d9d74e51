/// `launch.shipped`: a launch shipped on a date.
public struct LaunchShipped: EventPayload {
    public static let type: EventType = "launch.shipped"
    public static let summary = "Mark a launch shipped on a date."
    public static let fields: [PayloadField] = [
        .required("date", CalendarDate.self, "The day it shipped."),
    ]

    public let date: CalendarDate

    /// A shipment; see `fields`.
    public init(date: CalendarDate) { self.date = date }

    public init(reading r: PayloadReader) { date = r.required("date") }

    public func write(to w: inout PayloadWriter) { w.set("date", date) }
}
