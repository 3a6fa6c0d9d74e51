/// A launch's lifecycle, walked in effective order — the one place the launch rules live (docs/rules.md):
///
/// - A launch exists from its first `launch.scheduled`; that date is its first commitment.
/// - While scheduled, a `launch.slipped` or another `launch.scheduled` moves it: to a later date is a slip,
///   to an earlier one a pull-in, to the same date a restatement.
/// - `launch.shipped` and `launch.cancelled` end it; only a new `launch.scheduled` reopens it (a move from the
///   ship date, or from the date it had when called off).
/// - Days slipped are counted from the first commitment to the ship date once shipped, else to the current
///   date; each move's share is the change it makes to that end date, so the shares of any window add up to
///   the difference between the views at its two ends.
/// - A step the lifecycle does not allow (a move of a launch never scheduled, or shipped, or cancelled; a
///   second shipping) is a `RuleBreak` and changes nothing.
public struct LaunchPlan<Source: Provenance>: Sendable {
    /// Where a launch stands.
    public enum Status: Sendable, Equatable {
        case scheduled
        case shipped(CalendarDate)
        /// Called off on this day, or (nil) on the day the cancellation took effect.
        case cancelled(CalendarDate?)
    }

    /// What a step did to the plan.
    public typealias MoveKind = LaunchMoveKind

    /// One step the lifecycle took.
    public struct Move: Sendable {
        /// What it did.
        public let kind: MoveKind
        /// The planned date before it (nil for the first schedule).
        public let before: CalendarDate?
        /// The planned date after it, or the day it shipped or was called off.
        public let date: CalendarDate?
        /// How many days it moved the launch's end date (the ship date once shipped, else the planned date).
        public let days: Int
        /// The event.
        public let source: Source
        /// A move's stated cause.
        public let cause: String?
    }

    /// The subject.
    public let subject: Subject
    /// The launch's name for people, and the event that named it last.
    public private(set) var name: (value: String, source: Source)? = nil
    /// The first commitment.
    public private(set) var first: (date: CalendarDate, source: Source)? = nil
    /// The date planned now, and the event that set it.
    public private(set) var current: (date: CalendarDate, source: Source)? = nil
    /// Where it stands, and the event that put it there.
    public private(set) var status: (value: Status, source: Source)? = nil
    /// Every step the lifecycle took, in effective order.
    public private(set) var moves: [Move] = []
    /// The steps it refused.
    public private(set) var breaks: [RuleBreak] = []

    /// A launch before any event.
    public init(subject: Subject) { self.subject = subject }

    /// The plan `steps` (in effective order) make.
    public init(subject: Subject, _ steps: some Sequence<(step: LaunchStep, source: Source)>) {
        self.init(subject: subject)
        for (step, source) in steps { take(step, from: source) }
    }

    /// The day the launch ends on: its ship date once shipped, else its planned date.
    private var endDate: CalendarDate? {
        if case .shipped(let day)? = status?.value { return day }
        return current?.date
    }

    /// Takes the next step in effective order; a step the lifecycle does not allow is recorded in `breaks`.
    public mutating func take(_ step: LaunchStep, from source: Source) {
        let end = endDate
        func record(_ kind: MoveKind, _ date: CalendarDate?, cause: String? = nil) {
            let days = (end != nil && endDate != nil) ? end!.days(until: endDate!) : 0
            moves.append(Move(kind: kind, before: current?.date, date: date, days: days, source: source, cause: cause))
        }
        func refuse(_ problem: String, _ conflicting: Source?) {
            breaks.append(RuleBreak(seq: source.seq, subject: subject, problem: problem, conflicting: conflicting?.seq))
        }
        switch step {
        case .scheduled(let newName, let date):
            let kind: MoveKind = current.map { date > $0.date ? .slip : date < $0.date ? .pullIn : .restated } ?? .scheduled
            let before = current?.date
            name = (newName, source)
            if first == nil { first = (date, source) }
            current = (date, source)
            status = (.scheduled, source)
            let days = (end != nil) ? end!.days(until: date) : 0
            moves.append(Move(kind: kind, before: before, date: date, days: days, source: source, cause: nil))
        case .moved(let date, let cause):
            guard let current, let status else {
                return refuse("moves \(subject), which is not scheduled by then" + firstSchedule, nil)
            }
            guard status.value == .scheduled else { return refuse("moves \(subject) after it \(ending(status.value)) (#\(status.source.seq)); record launch.scheduled to reopen it", status.source) }
            let kind: MoveKind = date > current.date ? .slip : date < current.date ? .pullIn : .restated
            let before = current.date
            self.current = (date, source)
            moves.append(Move(kind: kind, before: before, date: date, days: before.days(until: date), source: source, cause: cause))
        case .shipped(let day):
            guard let status else { return refuse("ships \(subject), which is not scheduled by then" + firstSchedule, nil) }
            guard status.value == .scheduled else { return refuse("ships \(subject) after it \(ending(status.value)) (#\(status.source.seq))", status.source) }
            self.status = (.shipped(day), source)
            record(.shipped, day)
        case .cancelled(let day):
            guard let status else { return refuse("cancels \(subject), which is not scheduled by then" + firstSchedule, nil) }
            guard status.value == .scheduled else { return refuse("cancels \(subject) after it \(ending(status.value)) (#\(status.source.seq))", status.source) }
            self.status = (.cancelled(day), source)
            record(.cancelled, day)
        }
    }

    /// Said of a step before any schedule: the hint that the schedule may come later in effective time.
    private var firstSchedule: String { "; schedule it first (launch.scheduled), effective no later than this" }

    private func ending(_ status: Status) -> String {
        switch status {
        case .scheduled: "was scheduled"
        case .shipped: "shipped"
        case .cancelled: "was cancelled"
        }
    }

    /// Moves to a later date.
    public var slips: Int { moves.reduce(0) { $0 + ($1.kind == .slip ? 1 : 0) } }
    /// Moves to an earlier date.
    public var pullIns: Int { moves.reduce(0) { $0 + ($1.kind == .pullIn ? 1 : 0) } }
    /// The last slip's event.
    public var lastSlip: Source? { moves.last { $0.kind == .slip }?.source }
    /// The last pull-in's event.
    public var lastPullIn: Source? { moves.last { $0.kind == .pullIn }?.source }
    /// Days from the first commitment to the ship date once shipped, else to the planned date.
    public var daysSlipped: Int {
        guard let first, let end = endDate else { return 0 }
        return first.date.days(until: end)
    }
}
