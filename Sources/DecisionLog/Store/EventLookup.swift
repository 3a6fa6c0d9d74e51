/// What an event reference typed by a person (`12`, `#12`, an id or its start) names in a log.
public enum EventLookup: Sendable {
    /// The one event it names.
    case found(Event)
    /// The text is not a reference.
    case notAReference
    /// No event of the log is the one it names.
    case missing(EventReference)
    /// An id's start that several events' ids begin with (how many).
    case ambiguous(Int)
}
