/// The goals view: what the team is aiming at — each goal's title, timeframe, owner, metric and target,
/// and whether it is open or closed (achieved, missed, dropped). A restated goal keeps the fields it does
/// not restate and stays closed if it was (retract the closing to reopen it); `owner.assigned` on a goal
/// changes its owner.
public enum GoalsProjection: Projection {
    public static let name = "goals"
    public static let summary = "What we are aiming at: title, timeframe, owner, target, open or closed."
    public static let columns: [ViewColumn] = [
        ViewColumn("goal"), ViewColumn("title", wraps: true), ViewColumn("timeframe"), ViewColumn("owner"), ViewColumn("target"),
        ViewColumn("metric", priority: 2), ViewColumn("confidence", priority: 2), ViewColumn("status"),
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

    public static func initialState() -> [Subject: Record] { [:] }

    public static func fold(_ state: inout [Subject: Record], _ event: Event, _ stamp: Stamp) {
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
            restate(&state[event.subject, default: Record()])
        case .goalClosed(let p):
            state[event.subject, default: Record()].closing.record(p, stamp)
        case .ownerAssigned(let p) where event.subject.kind == "goal":
            state[event.subject, default: Record()].owner.record(p.owner, stamp)
        case .eventRetracted(let r):
            state[event.subject]?.retract(r.event)
        default:
            break
        }
    }

    public static func rows(_ state: [Subject: Record], _ context: ViewContext) -> [ViewRow] {
        state.keys.sorted().compactMap { subject -> ViewRow? in
            let record = state[subject]!
            guard let title = record.title.latest(context.asOf) else { return nil }
            let timeframe = record.timeframe.latest(context.asOf)
            let owner = record.owner.latest(context.asOf)
            let metric = record.metric.latest(context.asOf)
            let target = record.target.latest(context.asOf)
            let confidence = record.confidence.latest(context.asOf)
            let closing = record.closing.latest(context.asOf)
            let closed = closing?.value
            return ViewRow(key: subject.text, subject: subject, cells: [
                "goal": .text(subject.text),
                "title": .text(title.value, source: title.stamp),
                "timeframe": .text(timeframe?.value.description, source: timeframe?.stamp),
                "owner": .text(owner?.value, source: owner?.stamp),
                "target": target.map { Cell(.number($0.value.value), text: NumberText.format($0.value.value, unit: $0.value.unit), source: $0.stamp) } ?? .text(nil),
                "metric": .text(metric?.value.text, source: metric?.stamp),
                "confidence": confidence.map { Cell(.number($0.value), text: NumberText.format($0.value, unit: .percent), source: $0.stamp) } ?? .text(nil),
                "status": .text(closed?.outcome.rawValue ?? "open", source: closing?.stamp),
                "note": .text(closed?.note, source: closing?.stamp),
            ])
        }
    }

    public static func describeChange(_ column: ViewColumn, from before: Cell, to after: Cell) -> String? {
        column.key == "owner" ? "owner \(before.text.isEmpty ? "(none)" : before.text) → \(after.text.isEmpty ? "(none)" : after.text)" : nil
    }
}
