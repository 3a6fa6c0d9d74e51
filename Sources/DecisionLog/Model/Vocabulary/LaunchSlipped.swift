/// `launch.slipped`: a launch moves to a new date. A later date is a slip; an earlier one, a pull-in.
public struct LaunchSlipped: EventPayload {
    public static let type: EventType = "launch.slipped"
    public static let summary = "Move a launch to a new date (later is a slip, earlier a pull-in)."
    public static let fields: [PayloadField] = [
        .required("date", CalendarDate.self, "The new launch date."),
        .optional("cause", String.self, "What caused the move, e.g. \"security review\"."),
    ]

    public let date: CalendarDate
    public let cause: String?

    /// A move; see `fields`.
    public init(date: CalendarDate, cause: String? = nil) {
        self.date = date
        self.cause = cause
    }

    public init(reading r: PayloadReader) {
        date = r.required("date")
        cause = r.optional("cause")
    }

    public func write(to w: inout PayloadWriter) {
        w.set("date", date)
        w.set("cause", cause)
    }
}
