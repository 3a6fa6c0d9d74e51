/// `launch.scheduled`: a launch is committed to a date. The first one sets the baseline slips count from.
public struct LaunchScheduled: EventPayload {
    public static let type: EventType = "launch.scheduled"
    public static let summary = "Commit a launch to a date (the subject names it, e.g. launch/atlas)."
    public static let fields: [PayloadField] = [
        .required("name", String.self, "The launch's name for people, e.g. \"Atlas GA\"."),
        .required("date", CalendarDate.self, "The committed launch date."),
        .optional("scope", String.self, "What ships, in a sentence."),
    ]

    public let name: String
    public let date: CalendarDate
    public let scope: String?

    /// A scheduled launch; see `fields`.
    public init(name: String, date: CalendarDate, scope: String? = nil) {
        self.name = name
        self.date = date
        self.scope = scope
    }

    public init(reading r: PayloadReader) {
        name = r.required("name")
        date = r.required("date")
        scope = r.optional("scope")
    }

    public func write(to w: inout PayloadWriter) {
        w.set("name", name)
        w.set("date", date)
        w.set("scope", scope)
    }
}
