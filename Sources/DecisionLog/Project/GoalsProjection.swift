/// The goals view: what the team is aiming at — each goal's title, timeframe and due day, owner, target, its
/// metric's actual and the progress toward the target, the owner's confidence, and how it stands (`GoalHealth`:
/// on track, at risk, past due, achieved, missed, dropped, or open). A restated goal keeps the fields it does
/// not restate and stays closed if it was (retract the closing to reopen it); `owner.assigned` on a goal
/// changes its owner. The view folds the metrics' targets and actuals too, to measure the goals by.
public enum GoalsProjection: Projection {
    public static let name = "goals"
    public static let summary = "What we are aiming at: owner, target, actual and progress, due day, and how it stands."
    public static let columns: [ViewColumn] = [
        ViewColumn("goal"), ViewColumn("title", wraps: true), ViewColumn("timeframe", priority: 3), ViewColumn("due", compared: false, priority: 2),
        ViewColumn("owner"), ViewColumn("target"), ViewColumn("actual"), ViewColumn("progress", compared: false, priority: 2),
        ViewColumn("metric", priority: 3), ViewColumn("confidence", priority: 2), ViewColumn("status"),
        ViewColumn("note", priority: 3, wraps: true),
    ]

    /// A goal's target: a number and its unit.
    struct Target: Sendable {
        let value: Double
        let unit: MeasureUnit?
    }

    /// One goal's histories, field by field.
    public struct Record: Sendable {
        var title = History<String>()
        var timeframe = History<Timeframe>()
        var owner = History<String>()
        var metric = History<Subject>()
        var target = History<Target>()
        var confidence = History<Double>()
        /// The closings; the goal is open while there is none.
        var closing = History<GoalClosed>()

        mutating func retract(_ id: EventID) {
            title.retract(id)
            timeframe.retract(id)
            owner.retract(id)
            metric.retract(id)
            target.retract(id)
            confidence.retract(id)
            closing.retract(id)
        }
    }

    /// The goals, and the metrics they are measured by.
    public struct State: Sendable {
        var goals: [Subject: Record] = [:]
        var metrics = KPIsProjection.initialState()
    }

    public static func initialState() -> State { State() }

    /// The events the fold reads.
    public static let reads: [any EventPayload.Type]? = [GoalSet.self, GoalClosed.self, OwnerAssigned.self, MetricDefined.self, MetricTargetSet.self, MetricRecorded.self, EventRetracted.self]

    public static func fold(_ state: inout State, _ event: Event, _ stamp: Stamp) {
        switch event.payload {
        case .goalSet(let p):
            // In place: a copy of the record would copy every history it holds.
            func restate(_ record: inout Record) {
                record.title.record(p.title, stamp)
                record.timeframe.record(p.timeframe, stamp)
                if let owner = p.owner { record.owner.record(owner, stamp) }
                if let metric = p.metric { record.metric.record(metric, stamp) }
                if let target = p.target { record.target.record(Target(value: target, unit: p.unit), stamp) }
                if let confidence = p.confidence { record.confidence.record(confidence, stamp) }
            }
            restate(&state.goals[event.subject, default: Record()])
        case .goalClosed(let p):
            state.goals[event.subject, default: Record()].closing.record(p, stamp)
        case .ownerAssigned(let p) where event.subject.kind == "goal":
            state.goals[event.subject, default: Record()].owner.record(p.owner, stamp)
        case .metricDefined, .metricTargetSet, .metricRecorded:
            KPIsProjection.fold(&state.metrics, event, stamp)
        case .eventRetracted(let r):
            if event.subject.kind == "metric" { KPIsProjection.fold(&state.metrics, event, stamp) } else { state.goals[event.subject]?.retract(r.event) }
        default:
            break
        }
    }

    public static func rows(_ state: State, _ context: ViewContext) -> [ViewRow] {
        let today = context.asOfDate
        // One book a metric, however many goals follow it (a book reads the metric's whole history), made on
        // every core before the goals' rows are. Its actuals keep their places: a row stamps the one it shows.
        let followed = Set(state.goals.values.compactMap { $0.metric.latest(context.asOf)?.value })
        let books = Dictionary(uniqueKeysWithValues: state.metrics.filter { followed.contains($0.key) }
            .mapInSubjectOrder(minimum: 2) { metric, record in (metric, KPIsProjection.placedBook(record, context)) })
        return state.goals.mapInSubjectOrder { subject, record -> ViewRow? in
            guard let title = record.title.latest(context.asOf), let timeframe = record.timeframe.latest(context.asOf) else { return nil }
            let owner = record.owner.latest(context.asOf)
            let metric = record.metric.latest(context.asOf)
            let target = record.target.latest(context.asOf)
            let confidences = record.confidence.through(context.asOf)
            // The goal's lifecycle: its first closing after it was first set counts (docs/rules.md).
            let first = record.title.first!.stamp
            let closing = record.closing.through(context.asOf).first { !$0.stamp.precedes(first) }
            let metricRecord = metric.flatMap { state.metrics[$0.value] }
            let definition = metricRecord?.definition.latest(context.asOf)?.value
            let unit = target?.value.unit ?? definition?.unit
            let text = { (value: Double) in NumberText.format(value, unit: unit, currency: definition?.currency) }
            let health = GoalHealth(timeframe: context.calendar.span(timeframe.value), target: target?.value.value,
                                    book: metric.flatMap { books[$0.value] }, confidences: confidences.map(\.value),
                                    outcome: closing?.value.outcome, today: today, text: text)
            let actual = health.actual
            let actualSource = actual?.sources.first.map { metricRecord!.actuals.stamp(at: $0) }
            var notes = health.reasons
            if let note = closing?.value.note { notes.insert(note, at: 0) }
            return ViewRow(key: subject.text, subject: subject, cells: [
                "goal": .text(subject.text),
                "title": .text(title.value, source: title.stamp),
                "timeframe": .text(timeframe.value.description, source: timeframe.stamp),
                "due": .date(health.due, source: timeframe.stamp),
                "owner": .text(owner?.value, source: owner?.stamp),
                "target": target.map { Cell(.number($0.value.value), text: text($0.value.value), source: $0.stamp) } ?? .text(nil),
                "actual": actual.map { Cell(.number($0.value), text: text($0.value), source: actualSource) } ?? .text(nil),
                "progress": health.progress.map { Cell(.number(($0 * 10).rounded() / 10), text: NumberText.format($0.rounded()) + "%", source: actualSource) } ?? .text(nil),
                "metric": .text(metric?.value.text, source: metric?.stamp),
                "confidence": confidences.last.map { latest in
                    Cell(.number(latest.value), text: NumberText.format(latest.value, unit: .percent)
                         + (health.confidenceDrop.map { " (↓ from \(NumberText.format($0.from))%)" } ?? ""), source: latest.stamp)
                } ?? .text(nil),
                "status": Cell(.string(health.state.rawValue), source: closing?.stamp ?? actualSource ?? confidences.last?.stamp ?? timeframe.stamp),
                "note": .text(notes.isEmpty ? nil : notes.joined(separator: "; "), source: closing?.stamp),
            ])
        }.compactMap { $0 }
    }

    public static func describeChange(_ column: ViewColumn, from before: Cell, to after: Cell) -> String? {
        column.key == "owner" ? "owner \(before.text.isEmpty ? "(none)" : before.text) → \(after.text.isEmpty ? "(none)" : after.text)" : nil
    }
}
