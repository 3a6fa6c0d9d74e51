/// One launch event as the launch's lifecycle sees it.
public enum LaunchStep: Sendable, Equatable {
    /// `launch.scheduled`: a commitment to a date (the first, a restatement, or a reopening).
    case scheduled(name: String, date: CalendarDate)
    /// `launch.slipped`: a move to a new date.
    case moved(date: CalendarDate, cause: String?)
    /// `launch.shipped` on a day.
    case shipped(CalendarDate)
    /// `launch.cancelled`, on a day or (nil) on the day it took effect.
    case cancelled(CalendarDate?)

    /// The step a payload is, or nil for a payload that is not about a launch's lifecycle.
    public init?(_ payload: Payload) {
        switch payload {
        case .launchScheduled(let p): self = .scheduled(name: p.name, date: p.date)
        case .launchSlipped(let p): self = .moved(date: p.date, cause: p.cause)
        case .launchShipped(let p): self = .shipped(p.date)
        case .launchCancelled(let p): self = .cancelled(p.date)
        default: return nil
        }
    }
}
