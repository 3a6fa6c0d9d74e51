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
