/// The launches view: for each launch, the first committed date, the current date, how many times it
/// slipped (moved later) or was pulled in (moved earlier), the days from the first commitment to the ship
/// date (or the current date), and whether it is scheduled, shipped or cancelled — all as `LaunchPlan`'s
/// lifecycle rules count them.
public enum LaunchesProjection: Projection {
    public static let name = "launches"
    public static let summary = "First committed and current date, slips, pull-ins, days slipped, status."
    public static let columns: [ViewColumn] = [
        ViewColumn("launch"), ViewColumn("name", priority: 3), ViewColumn("first"), ViewColumn("current"), ViewColumn("slips"),
        ViewColumn("pullIns", title: "PULLED", priority: 2), ViewColumn("daysSlipped", title: "DAYS", compared: false),
        ViewColumn("status", wraps: true), ViewColumn("statusDate", title: "ON", compared: false, priority: 4),
    ]

    /// One launch's events, in effective order; `LaunchPlan` walks them.
    public struct Record: Sendable {
        var steps = History<LaunchStep>()

        mutating func retract(_ id: EventID) { steps.retract(id) }
    }

    public static func initialState() -> [Subject: Record] { [:] }

    /// The events the fold reads.
    public static let reads: [any EventPayload.Type]? = [LaunchScheduled.self, LaunchSlipped.self, LaunchShipped.self, LaunchCancelled.self, EventRetracted.self]

    public static func fold(_ state: inout [Subject: Record], _ event: Event, _ stamp: Stamp) {
        if let step = LaunchStep(event.payload) {
            state[event.subject, default: Record()].steps.record(step, stamp)
        } else if case .eventRetracted(let r) = event.payload {
            state[event.subject]?.retract(r.event)
        }
    }

    /// The launch's plan as of `asOf`: its lifecycle walked through the events in force then.
    static func plan(_ subject: Subject, _ record: Record, _ asOf: AsOf) -> LaunchPlan<Stamp> {
        LaunchPlan(subject: subject, record.steps.through(asOf).lazy.map { (step: $0.value, source: $0.stamp) })
    }

    public static func rows(_ state: [Subject: Record], _ context: ViewContext) -> [ViewRow] {
        state.keys.sorted().compactMap { subject -> ViewRow? in
            let plan = plan(subject, state[subject]!, context.asOf)
            guard let first = plan.first, let current = plan.current, let outcome = plan.status else { return nil }
            let (status, statusDate): (String, CalendarDate?) = switch outcome.value {
            case .shipped(let day): ("shipped", day)
            case .cancelled(let day): ("cancelled", day ?? context.timeZone.date(at: outcome.source.effectiveAt))
            case .scheduled: ("scheduled", nil)
            }
            let days = plan.daysSlipped
            let daysSource = plan.moves.last { $0.days != 0 }?.source ?? current.source
            return ViewRow(key: subject.text, subject: subject, cells: [
                "launch": .text(subject.text),
                "name": .text(plan.name?.value, source: plan.name?.source),
                "first": .date(first.date, source: first.source),
                "current": .date(current.date, source: current.source),
                "slips": .integer(plan.slips, source: plan.lastSlip),
                "pullIns": .integer(plan.pullIns, source: plan.lastPullIn),
                "daysSlipped": .integer(days, text: NumberText.signed(days), source: daysSource),
                "status": Cell(.string(status), text: status + (statusDate.map { " \($0)" } ?? ""), source: outcome.source),
                "statusDate": .date(statusDate, source: outcome.source),
            ])
        }
    }

    public static func describeChange(_ column: ViewColumn, from before: Cell, to after: Cell) -> String? {
        switch column.key {
        case "current":
            guard let from = before.value.stringValue.flatMap({ try? CalendarDate(parsing: $0) }),
                let to = after.value.stringValue.flatMap({ try? CalendarDate(parsing: $0) })
            else { return nil }
            let days = from.days(until: to)
            return "launch \(from) → \(to) (\(days >= 0 ? "+" : "−")\(abs(days)) day\(abs(days) == 1 ? "" : "s"))"
        case "status":
            return "status \(before.value.stringValue ?? "(none)") → \(after.text)"
        case "pullIns":
            return "pull-ins \(before.text.isEmpty ? "0" : before.text) → \(after.text)"
        default:
            return nil
        }
    }
}
