/// What happened between two moments, for a retrospective: each launch's moves drawn on a timeline, each KPI's
/// targets and actuals over time, the priorities that churned, the decisions taken and who took them, the
/// retractions, and the views' diff. A pure fold over the events: no clock, no disk.
///
/// An event belongs to the window when it is effective after `from` and by `to`; events retracted by `to`
/// count nowhere. Measurements belong to it when the day they measure falls in it.
public struct Retrospective: Sendable {
    /// One event's mark on the report: what, when, by whom, why.
    public struct Mark: Sendable, Equatable {
        /// The event's seq.
        public let seq: Int
        /// The day it was effective, in the log's zone.
        public let day: CalendarDate
        /// Who decided.
        public let actor: Actor
        /// Why (the event's reason, or a slip's cause).
        public let reason: String?
    }

    /// One move of a launch inside the window.
    public struct LaunchMove: Sendable, Equatable {
        /// What kind of move.
        public enum Kind: String, Sendable { case scheduled, slip = "slip", pullIn = "pull-in", restated, shipped, cancelled }
        /// What kind of move it is.
        public let kind: Kind
        /// The date planned before it (nil for a first schedule).
        public let before: CalendarDate?
        /// The date planned after it, or the day it shipped or was called off.
        public let date: CalendarDate
        /// The event.
        public let mark: Mark
    }

    /// One launch that moved in the window.
    public struct LaunchLane: Sendable, Equatable {
        /// The launch.
        public let subject: Subject
        /// Its name for people.
        public let name: String
        /// The date planned when the window opened (nil when it was scheduled inside it).
        public let plannedAtStart: CalendarDate?
        /// Its moves in the window, in effective order.
        public let moves: [LaunchMove]
        /// Days the planned date moved in the window (later is positive), shipping not counted.
        public var daysMoved: Int {
            moves.filter { $0.kind == .slip || $0.kind == .pullIn }.reduce(0) { $0 + $1.before!.days(until: $1.date) }
        }
    }

    /// One KPI's targets and actuals in the window.
    public struct MetricSeries: Sendable {
        /// The metric.
        public let subject: Subject
        /// Its name for people (the subject's name when it was never defined).
        public let name: String
        /// Its unit, when defined.
        public let unit: MeasureUnit?
        /// Whether higher is better; nil when not defined.
        public let direction: MetricDirection?
        /// The actuals measuring days in the window, one per measured day or period (the latest recorded), by day.
        public let actuals: [(day: CalendarDate, value: Double, seq: Int)]
        /// The targets for timeframes overlapping the window (the latest per timeframe), by start.
        public let targets: [(start: CalendarDate, end: CalendarDate, timeframe: Timeframe, value: Double, seq: Int)]
    }

    /// One prioritised item whose priority changed in the window.
    public struct PriorityChurn: Sendable {
        /// The item.
        public let subject: Subject
        /// The framework the changes are in.
        public let framework: PriorityFramework
        /// Its priority when the window opened ("" when it had none).
        public let before: String
        /// Each change in the window: the new priority and the event.
        public let steps: [(priority: String, mark: Mark)]
        /// Its priority at the end.
        public var after: String { steps.last?.priority ?? before }
    }

    /// A decision recorded in the window.
    public struct DecisionTaken: Sendable, Equatable {
        /// The decision's subject.
        public let subject: Subject
        /// The decision.
        public let decision: DecisionRecorded
        /// The event.
        public let mark: Mark
        /// The decision that superseded it by the window's end, if any.
        public let supersededBy: Subject?
    }

    /// An event retracted in the window.
    public struct Retraction: Sendable, Equatable {
        /// The retraction.
        public let mark: Mark
        /// The retracted event, when it is in the log.
        public let retracted: Event?
    }

    /// The window's start (exclusive) and end (inclusive), on the effective clock.
    public let from: AsOf, to: AsOf
    /// The window's first and last days, in the log's zone.
    public let firstDay: CalendarDate, lastDay: CalendarDate
    /// Events effective in the window, retracted ones included.
    public let eventCount: Int
    /// The launches that moved, by subject.
    public let launches: [LaunchLane]
    /// The KPIs with targets or actuals in the window, by subject.
    public let metrics: [MetricSeries]
    /// The items whose priority changed, most changes first.
    public let priorities: [PriorityChurn]
    /// The decisions recorded, in effective order.
    public let decisions: [DecisionTaken]
    /// The retractions, in effective order.
    public let retractions: [Retraction]

    /// The retrospective of `events` (a log's, in any order) between `from` and `to`, dated in `zone` with
    /// quarters from `fiscalYearStart`.
    public init(events: [Event], from: AsOf, to: AsOf, zone: TimeZoneRules, fiscalYearStart: Int) {
        self.from = from
        self.to = to
        firstDay = zone.date(at: from.instant).adding(days: 1)
        lastDay = zone.date(at: to.instant)
        let ordered = events.filter { to.includes($0.effectiveAt, seq: $0.seq) }
            .sorted { ($0.effectiveAt, $0.seq) < ($1.effectiveAt, $1.seq) }
        var retracted: Set<EventID> = []
        for event in ordered { if case .eventRetracted(let r) = event.payload { retracted.insert(r.event) } }
        let inWindow = { (event: Event) in !from.includes(event.effectiveAt, seq: event.seq) }
        func mark(_ event: Event, reason: String? = nil) -> Mark {
            Mark(seq: event.seq, day: zone.date(at: event.effectiveAt), actor: event.actor, reason: reason ?? event.reason)
        }
        let live = ordered.filter { !retracted.contains($0.id) }
        eventCount = ordered.filter(inWindow).count

        // Launches: the plan as the window opens, then every move inside it.
        var plans: [Subject: (name: String, date: CalendarDate?, start: CalendarDate?, moves: [LaunchMove])] = [:]
        for event in live {
            let subject = event.subject
            var lane = plans[subject] ?? (subject.shortName, nil, nil, [])
            let now = inWindow(event)
            func move(_ kind: LaunchMove.Kind, _ date: CalendarDate, reason: String? = nil) {
                if now { lane.moves.append(LaunchMove(kind: kind, before: lane.date, date: date, mark: mark(event, reason: reason))) }
            }
            switch event.payload {
            case .launchScheduled(let p):
                lane.name = p.name
                move(lane.date == nil ? .scheduled : (p.date > lane.date! ? .slip : p.date < lane.date! ? .pullIn : .restated), p.date)
                lane.date = p.date
            case .launchSlipped(let p):
                let kind: LaunchMove.Kind = lane.date.map { p.date > $0 ? .slip : p.date < $0 ? .pullIn : .restated } ?? .scheduled
                move(kind, p.date, reason: [p.cause, event.reason].compactMap { $0 }.joined(separator: " — ").nonEmptyText)
                lane.date = p.date
            case .launchShipped(let p): move(.shipped, p.date)
            case .launchCancelled(let p): move(.cancelled, p.date ?? zone.date(at: event.effectiveAt))
            default: continue
            }
            if !now { lane.start = lane.date }
            plans[subject] = lane
        }
        launches = plans.filter { !$0.value.moves.isEmpty }.sorted { $0.key.text < $1.key.text }.map {
            LaunchLane(subject: $0.key, name: $0.value.name, plannedAtStart: $0.value.start, moves: $0.value.moves)
        }

        // KPIs: definitions from any time, targets overlapping the window, actuals measuring days in it.
        var definitions: [Subject: MetricDefined] = [:]
        var actuals: [Subject: [CalendarDate: (value: Double, seq: Int)]] = [:]
        var targets: [Subject: [Timeframe: (value: Double, seq: Int)]] = [:]
        let (firstDay, lastDay) = (firstDay, lastDay)
        func days(_ timeframe: Timeframe) -> ClosedRange<CalendarDate> {
            let interval = timeframe.interval(fiscalYearStart: fiscalYearStart, zone: zone)
            return zone.date(at: interval.lowerBound)...zone.date(at: interval.upperBound.adding(milliseconds: -1))
        }
        for event in live {
            switch event.payload {
            case .metricDefined(let p): definitions[event.subject] = p
            case .metricTargetSet(let p) where days(p.timeframe).overlaps(firstDay...lastDay):
                targets[event.subject, default: [:]][p.timeframe] = (p.target, event.seq)
            case .metricRecorded(let p):
                let day = p.date ?? days(p.period!).upperBound
                if (firstDay...lastDay).contains(day) { actuals[event.subject, default: [:]][day] = (p.value, event.seq) }
            default: break
            }
        }
        metrics = Set(actuals.keys).union(targets.keys).sorted { $0.text < $1.text }.map { subject in
            let definition = definitions[subject]
            return MetricSeries(
                subject: subject, name: definition?.name ?? subject.shortName, unit: definition?.unit, direction: definition?.direction,
                actuals: (actuals[subject] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value.value, $0.value.seq) },
                targets: (targets[subject] ?? [:]).map { (days($0.key).lowerBound, days($0.key).upperBound, $0.key, $0.value.value, $0.value.seq) }
                    .sorted { ($0.start, $0.end) < ($1.start, $1.end) })
        }

        // Priorities: each item's value as the window opens, then its changes inside it.
        var churn: [String: (subject: Subject, framework: PriorityFramework, before: String, steps: [(String, Mark)])] = [:]
        for event in live {
            guard case .priorityChanged(let p) = event.payload else { continue }
            let key = "\(event.subject.text) \(p.priority.framework.rawValue)"
            let text = PrioritiesProjection.cell(p.priority, source: Stamp(event)).text
            var item = churn[key] ?? (event.subject, p.priority.framework, "", [])
            if inWindow(event) { item.steps.append((text, mark(event))) } else { item.before = text }
            churn[key] = item
        }
        priorities = churn.values.filter { !$0.steps.isEmpty }
            .map { PriorityChurn(subject: $0.subject, framework: $0.framework, before: $0.before, steps: $0.steps.map { (priority: $0.0, mark: $0.1) }) }
            .sorted { ($1.steps.count, $0.subject.text) < ($0.steps.count, $1.subject.text) }

        // Decisions recorded in the window, and what superseded them by its end.
        var supersededBy: [Subject: Subject] = [:]
        for event in live { if case .decisionSuperseded(let p) = event.payload { supersededBy[event.subject] = p.by } }
        decisions = live.filter(inWindow).compactMap { event in
            guard case .decisionRecorded(let p) = event.payload else { return nil }
            return DecisionTaken(subject: event.subject, decision: p, mark: mark(event), supersededBy: supersededBy[event.subject])
        }

        // Retractions in the window, with what they retracted.
        let byID = Dictionary(events.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        retractions = ordered.filter(inWindow).compactMap { event in
            guard case .eventRetracted(let r) = event.payload else { return nil }
            return Retraction(mark: mark(event), retracted: byID[r.event])
        }
    }

    /// Every slip in the window (a planned date moved later).
    public var slipCount: Int { launches.reduce(0) { $0 + $1.moves.filter { $0.kind == .slip }.count } }
    /// Every pull-in in the window (a planned date moved earlier).
    public var pullInCount: Int { launches.reduce(0) { $0 + $1.moves.filter { $0.kind == .pullIn }.count } }
    /// Every priority change in the window.
    public var priorityChangeCount: Int { priorities.reduce(0) { $0 + $1.steps.count } }
}

extension String {
    /// The text, or nil when it is empty.
    var nonEmptyText: String? { isEmpty ? nil : self }
}

extension Subject {
    /// The part after the kind: "atlas" for launch/atlas.
    var shortName: String { String(text.drop { $0 != "/" }.dropFirst()) }
}
