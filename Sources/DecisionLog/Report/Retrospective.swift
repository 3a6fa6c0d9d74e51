/// What happened between two moments, for a retrospective: each launch's moves drawn on a timeline, each KPI's
/// targets and actuals over time, the priorities that churned, the decisions taken and who took them, the
/// retractions. Read from the states the views' projections folded, through the same rules (`LaunchPlan`,
/// `PriorityMoves`, `MetricBook`), so every number agrees with the views at the window's two ends.
///
/// An event belongs to the window when it is effective after `from` and by `to`; retracted events count
/// nowhere, as in the views. Measurements belong to it when the last day they measure falls in it, whenever
/// they took effect.
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
        /// What kind of move it is.
        public let kind: LaunchMoveKind
        /// The date planned before it (nil for a first schedule).
        public let before: CalendarDate?
        /// The date planned after it, or the day it shipped or was called off.
        public let date: CalendarDate
        /// How many days it moved the launch's end date (its ship date once shipped, else its planned date).
        public let days: Int
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
        /// Days the end date moved in the window (later is positive): the difference in the launches view's
        /// days between the window's two ends.
        public var daysMoved: Int { moves.reduce(0) { $0 + $1.days } }
    }

    /// One KPI's targets and actuals in the window.
    public struct MetricSeries: Sendable {
        /// The metric.
        public let subject: Subject
        /// Its name for people (the subject's name when it was never defined).
        public let name: String
        /// Its unit, when defined.
        public let unit: MeasureUnit?
        /// Its currency code, for money.
        public let currency: String?
        /// Whether higher is better; nil when not defined.
        public let direction: MetricDirection?
        /// The actuals whose last measured day is in the window, one per period or date (the latest recorded),
        /// by what they measure.
        public let actuals: [(span: MeasuredSpan, value: Double, seq: Int)]
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
        /// Each change in the window: the new priority and the event (a first priority given in the window
        /// included).
        public let steps: [(priority: String, mark: Mark)]
        /// How many of the steps are moves, as the priorities view counts them.
        public let moves: Int
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

    /// A goal due in the window, or closed in it: how it ended, as the goals view says at the window's end.
    public struct GoalOutcome: Sendable {
        /// The goal.
        public let subject: Subject
        /// Its title, timeframe, target, actual and progress, as the goals view writes them.
        public let title: String, timeframe: String, target: String, actual: String, progress: String
        /// Its state at the window's end (achieved, missed, dropped, past due, …) and the view's note.
        public let state: String, note: String
    }

    /// A documented agreement or a meeting recorded in the window.
    public struct Meeting<Payload: Sendable>: Sendable {
        /// Its subject.
        public let subject: Subject
        /// What was recorded.
        public let payload: Payload
        /// The event.
        public let mark: Mark
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
    /// The last event the replay folded (the log's head within the known-at point), as `seq:hash`.
    public let head: String
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
    /// The goals due or closed in the window, by subject.
    public let goals: [GoalOutcome]
    /// The agreements recorded in the window, in effective order.
    public let agreements: [Meeting<AgreementRecorded>]
    /// The syncs held in the window, in effective order.
    public let syncs: [Meeting<SyncHeld>]

    /// The retrospective between `from` and `to` of what `replay` folded; the replay must hold the launches,
    /// kpis, priorities, decisions and timeline views.
    public init(replay: Replay, from: AsOf, to: AsOf) {
        self.from = from
        self.to = to
        let context = replay.context(to)
        let zone = context.timeZone
        firstDay = zone.date(at: from.instant).adding(days: 1)
        lastDay = zone.date(at: to.instant)
        let inWindow = { (stamp: Stamp) in Retrospective.inWindow(stamp, from: from, to: to) }
        let window = MeasuredSpan(first: firstDay, last: lastDay, timeframe: nil)
        func mark(_ stamp: Stamp, reason: String? = nil) -> Mark {
            Mark(seq: stamp.seq, day: zone.date(at: stamp.effectiveAt), actor: stamp.actor, reason: reason ?? stamp.reason)
        }

        // Every event effective in the window, and the retractions among them (the timeline view's events).
        let timeline = replay.state(TimelineProjection.self)
        let windowEvents = timeline.events.filter { inWindow(Stamp($0)) }.sorted { $0.precedes($1) }
        eventCount = windowEvents.count
        head = timeline.events.last.map { "\($0.seq):\($0.hash.hex)" } ?? "0:(empty)"
        let byID = Dictionary(timeline.events.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        retractions = windowEvents.compactMap { event in
            guard case .eventRetracted(let r) = event.payload else { return nil }
            return Retraction(mark: mark(Stamp(event)), retracted: byID[r.event])
        }

        launches = Retrospective.launchLanes(replay, from: from, to: to)
        metrics = Retrospective.metricSeries(replay, from: from, to: to)

        // Priorities: each item's moves inside the window, as the priorities view counts them.
        var churn: [PriorityChurn] = []
        for (subject, record) in replay.state(PrioritiesProjection.self) {
            for (framework, history) in record {
                let changes = history.through(to)
                let moves = PriorityMoves(changes.lazy.map { (value: $0.value.priority, source: $0.stamp) })
                let steps = moves.moves.filter { inWindow($0.source) }
                let first = changes.first.map { inWindow($0.stamp) } ?? false
                guard !steps.isEmpty || first else { continue }
                let atStart = changes.last { !inWindow($0.stamp) }
                let text = { (value: PriorityValue, stamp: Stamp) in PrioritiesProjection.cell(value, source: stamp).text }
                var all = steps.map { (priority: text($0.after, $0.source), mark: mark($0.source)) }
                if first, let opening = changes.first { all.insert((text(opening.value.priority, opening.stamp), mark(opening.stamp)), at: 0) }
                churn.append(PriorityChurn(subject: subject, framework: framework, before: atStart.map { text($0.value.priority, $0.stamp) } ?? "",
                                           steps: all, moves: steps.count))
            }
        }
        priorities = churn.sorted { ($1.moves, $1.steps.count, $0.subject.text, $0.framework.rawValue) < ($0.moves, $0.steps.count, $1.subject.text, $1.framework.rawValue) }

        // Decisions recorded in the window, and what superseded them by its end.
        decisions = replay.state(DecisionsProjection.self).flatMap { subject, record -> [DecisionTaken] in
            let successor = record.supersededBy.latest(to)?.value
            return record.record.through(to).filter { inWindow($0.stamp) }.map {
                DecisionTaken(subject: subject, decision: $0.value, mark: mark($0.stamp), supersededBy: successor)
            }
        }.sorted { ($0.mark.day, $0.mark.seq) < ($1.mark.day, $1.mark.seq) }

        // Goals due in the window or closed in it, as the goals view has them at its end.
        goals = replay.table(Views.named(GoalsProjection.name)!, asOf: to).rows.compactMap { row -> GoalOutcome? in
            guard let due = row["due"].value.stringValue.flatMap({ try? CalendarDate(parsing: $0) }) else { return nil }
            let closedInWindow = row["status"].source.map { inWindow($0) } ?? false
                && [GoalState.achieved, .missed, .dropped].map(\.rawValue).contains(row["status"].text)
            guard window.contains(due) || closedInWindow else { return nil }
            return GoalOutcome(subject: row.subject!, title: row["title"].text, timeframe: row["timeframe"].text, target: row["target"].text,
                               actual: row["actual"].text, progress: row["progress"].text, state: row["status"].text, note: row["note"].text)
        }
        agreements = replay.state(AgreementsProjection.self).flatMap { subject, history in
            history.through(to).filter { inWindow($0.stamp) }.map { Meeting(subject: subject, payload: $0.value, mark: mark($0.stamp)) }
        }.sorted { $0.mark.seq < $1.mark.seq }
        syncs = replay.state(SyncsProjection.self).flatMap { subject, history in
            history.through(to).filter { inWindow($0.stamp) }.map { Meeting(subject: subject, payload: $0.value, mark: mark($0.stamp)) }
        }.sorted { ($0.mark.day, $0.mark.seq) < ($1.mark.day, $1.mark.seq) }
    }

    /// Whether `stamp` took effect after `from` and by `to`: in the window.
    static func inWindow(_ stamp: Stamp, from: AsOf, to: AsOf) -> Bool {
        to.includes(stamp.effectiveAt, seq: stamp.seq) && !from.includes(stamp.effectiveAt, seq: stamp.seq)
    }

    /// Each launch that moved after `from` and by `to`, with its moves, as the launches view's lifecycle walks
    /// them; `replay` must hold the launches view.
    public static func launchLanes(_ replay: Replay, from: AsOf, to: AsOf) -> [LaunchLane] {
        let zone = replay.configuration.timeZone
        let inWindow = { (stamp: Stamp) in Retrospective.inWindow(stamp, from: from, to: to) }
        return replay.state(LaunchesProjection.self).sorted { $0.key < $1.key }.compactMap { subject, record in
            let plan = LaunchesProjection.plan(subject, record, to)
            let moves = plan.moves.filter { inWindow($0.source) }
            guard !moves.isEmpty else { return nil }
            let atStart = LaunchesProjection.plan(subject, record, from).current?.date
            return LaunchLane(subject: subject, name: plan.name?.value ?? subject.shortName, plannedAtStart: atStart, moves: moves.map { move in
                let cause = [move.cause, move.source.reason].compactMap { $0 }.joined(separator: " — ").nonEmptyText
                let date = move.date ?? zone.date(at: move.source.effectiveAt)
                let mark = Mark(seq: move.source.seq, day: zone.date(at: move.source.effectiveAt), actor: move.source.actor, reason: cause)
                return LaunchMove(kind: move.kind, before: move.before, date: date, days: move.days, mark: mark)
            })
        }
    }

    /// Each KPI with targets for timeframes overlapping the window after `from` through `to`, or actuals
    /// measuring days in it; `replay` must hold the kpis view.
    public static func metricSeries(_ replay: Replay, from: AsOf, to: AsOf) -> [MetricSeries] {
        let zone = replay.configuration.timeZone
        // KPIs: targets for timeframes overlapping the window, actuals measuring days in it, as the kpis view's
        // book holds them — however late an actual took effect: September's figure, recorded in October, is
        // still the quarter's.
        let window = MeasuredSpan(first: zone.date(at: from.instant).adding(days: 1), last: zone.date(at: to.instant), timeframe: nil)
        return replay.state(KPIsProjection.self).sorted { $0.key < $1.key }.compactMap { subject, record in
            let definition = record.definition.latest(.always)?.value
            let book = KPIsProjection.book(record, replay.context(.always))
            let targets = book.targets.filter { $0.span.first <= window.last && window.first <= $0.span.last }
            let actuals = book.actuals.filter { window.contains($0.span.last) }
            guard !targets.isEmpty || !actuals.isEmpty else { return nil }
            return MetricSeries(
                subject: subject, name: definition?.name ?? subject.shortName, unit: definition?.unit, currency: definition?.currency, direction: definition?.direction,
                actuals: actuals.map { ($0.span, $0.value, $0.source.seq) },
                targets: targets.map { ($0.span.first, $0.span.last, $0.span.timeframe!, $0.value, $0.source.seq) })
        }
    }

    /// The views a retrospective reads.
    public static let views: [ViewKind] = [LaunchesProjection.name, KPIsProjection.name, PrioritiesProjection.name, DecisionsProjection.name,
                                           GoalsProjection.name, AgreementsProjection.name, SyncsProjection.name, TimelineProjection.name]
        .map { Views.named($0)! }

    /// Every slip in the window (a planned date moved later).
    public var slipCount: Int { launches.reduce(0) { $0 + $1.moves.filter { $0.kind == .slip }.count } }
    /// Every pull-in in the window (a planned date moved earlier).
    public var pullInCount: Int { launches.reduce(0) { $0 + $1.moves.filter { $0.kind == .pullIn }.count } }
    /// Every priority move in the window (a change to a different value; a first priority is not a move).
    public var priorityChangeCount: Int { priorities.reduce(0) { $0 + $1.moves } }
}

extension String {
    /// The text, or nil when it is empty.
    var nonEmptyText: String? { isEmpty ? nil : self }
}

extension Subject {
    /// The part after the kind: "atlas" for launch/atlas.
    var shortName: String { String(text.drop { $0 != "/" }.dropFirst()) }
}
