/// The launches view: for each launch, the first committed date, the current date, how many times it
/// slipped (moved later) or was pulled in (moved earlier), the total days slipped against the first
/// commitment, and whether it is scheduled, shipped or cancelled.
public enum LaunchesProjection: Projection {
    public static let name = "launches"
    public static let summary = "First committed and current date, slips, pull-ins, days slipped, status."
    public static let columns: [ViewColumn] = [
        ViewColumn("launch"), ViewColumn("name", priority: 3), ViewColumn("first"), ViewColumn("current"), ViewColumn("slips"),
        ViewColumn("pullIns", title: "PULLED", priority: 2), ViewColumn("daysSlipped", title: "DAYS", compared: false),
        ViewColumn("status", wraps: true), ViewColumn("statusDate", title: "ON", compared: false, priority: 4),
    ]

    /// How a launch ended, or that it is (again) scheduled.
    enum Outcome: Sendable {
        case scheduled
        case shipped(CalendarDate)
        /// Cancelled on this day, or, when nil, on the day the cancellation took effect (in the log's zone).
        case cancelled(CalendarDate?)
    }

    /// One launch's histories.
    public struct Record: Sendable {
        var name = History<String>()
        /// Every date commitment, in effective order: the first `launch.scheduled`, then each move.
        var dates = History<CalendarDate>()
        var outcome = History<Outcome>()

        mutating func retract(_ id: EventID) {
            name.retract(id)
            dates.retract(id)
            outcome.retract(id)
        }
    }

    public static func initialState() -> [Subject: Record] { [:] }

    public static func fold(_ state: inout [Subject: Record], _ event: Event, _ stamp: Stamp) {
        switch event.payload {
        case .launchScheduled(let p):
            state[event.subject, default: Record()].name.record(p.name, stamp)
            state[event.subject, default: Record()].dates.record(p.date, stamp)
            state[event.subject, default: Record()].outcome.record(.scheduled, stamp)
        case .launchSlipped(let p):
            state[event.subject, default: Record()].dates.record(p.date, stamp)
        case .launchShipped(let p):
            state[event.subject, default: Record()].outcome.record(.shipped(p.date), stamp)
        case .launchCancelled(let p):
            state[event.subject, default: Record()].outcome.record(.cancelled(p.date), stamp)
        case .eventRetracted(let r):
            state[event.subject]?.retract(r.event)
        default:
            break
        }
    }

    /// What the moves of a launch add up to.
    struct Moves {
        var first: Change<CalendarDate>
        var current: Change<CalendarDate>
        var slips = 0
        var pullIns = 0
        var lastSlip: Stamp? = nil
        var lastPullIn: Stamp? = nil

        /// Counts `dates` in order: a later date than the one before is a slip, an earlier one a pull-in.
        init?(_ dates: ArraySlice<Change<CalendarDate>>) {
            guard let first = dates.first else { return nil }
            self.first = first
            current = first
            for change in dates.dropFirst() {
                if change.value > current.value {
                    slips += 1
                    lastSlip = change.stamp
                } else if change.value < current.value {
                    pullIns += 1
                    lastPullIn = change.stamp
                }
                current = change
            }
        }

        var daysSlipped: Int { first.value.days(until: current.value) }
    }

    public static func rows(_ state: [Subject: Record], _ context: ViewContext) -> [ViewRow] {
        state.keys.sorted().compactMap { subject -> ViewRow? in
            let record = state[subject]!
            guard let moves = Moves(record.dates.through(context.asOf)) else { return nil }
            let name = record.name.latest(context.asOf)
            let outcome = record.outcome.latest(context.asOf)
            let (status, statusDate): (String, CalendarDate?) = switch outcome?.value {
            case .shipped(let day)?: ("shipped", day)
            case .cancelled(let day)?: ("cancelled", day ?? context.timeZone.date(at: outcome!.stamp.effectiveAt))
            case .scheduled?, nil: ("scheduled", nil)
            }
            let days = moves.daysSlipped
            return ViewRow(key: subject.text, subject: subject, cells: [
                "launch": .text(subject.text),
                "name": .text(name?.value, source: name?.stamp),
                "first": .date(moves.first.value, source: moves.first.stamp),
                "current": .date(moves.current.value, source: moves.current.stamp),
                "slips": .integer(moves.slips, source: moves.lastSlip),
                "pullIns": .integer(moves.pullIns, source: moves.lastPullIn),
                "daysSlipped": .integer(days, text: days > 0 ? "+\(days)" : days < 0 ? "−\(-days)" : "0", source: moves.current.stamp),
                "status": Cell(.string(status), text: status + (statusDate.map { " \($0)" } ?? ""), source: outcome?.stamp),
                "statusDate": .date(statusDate, source: outcome?.stamp),
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
