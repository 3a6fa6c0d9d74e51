/// The decision register: each decision's title, status, what was chosen, who decided, who was consulted
/// and informed, its review date (flagged once it has passed), and — when superseded — its successor.
public enum DecisionsProjection: Projection {
    public static let name = "decisions"
    public static let summary = "The decision register: status, deciders, consulted, informed, supersession, reviews due."
    public static let columns: [ViewColumn] = [
        ViewColumn("decision"), ViewColumn("title", wraps: true), ViewColumn("status", wraps: true), ViewColumn("chosen", priority: 3, wraps: true),
        ViewColumn("deciders", priority: 2, wraps: true), ViewColumn("consulted", priority: 3, wraps: true),
        ViewColumn("informed", priority: 3, wraps: true), ViewColumn("reviewBy", title: "REVIEW", wraps: true),
        ViewColumn("supersededBy", title: "SUPERSEDED BY", compared: false, priority: 4),
    ]

    /// One decision's record and supersession histories.
    public struct Record: Sendable {
        var record = History<DecisionRecorded>()
        var supersededBy = History<Subject>()

        mutating func retract(_ id: EventID) {
            record.retract(id)
            supersededBy.retract(id)
        }
    }

    public static func initialState() -> [Subject: Record] { [:] }

    /// The events the fold reads.
    public static let reads: [any EventPayload.Type]? = [DecisionRecorded.self, DecisionSuperseded.self, EventRetracted.self]

    public static func fold(_ state: inout [Subject: Record], _ event: Event, _ stamp: Stamp) {
        switch event.payload {
        case .decisionRecorded(let p): state[event.subject, default: Record()].record.record(p, stamp)
        case .decisionSuperseded(let p): state[event.subject, default: Record()].supersededBy.record(p.by, stamp)
        case .eventRetracted(let r): state[event.subject]?.retract(r.event)
        default: break
        }
    }

    public static func rows(_ state: [Subject: Record], _ context: ViewContext) -> [ViewRow] {
        let today = context.asOfDate
        return state.mapInSubjectOrder { subject, history -> ViewRow? in
            guard let latest = history.record.latest(context.asOf) else { return nil }
            let decision = latest.value
            // The first supersession counts (docs/rules.md): a later one breaks the rules and is left out.
            let successor = history.supersededBy.through(context.asOf).first
            let status: Cell = if let successor {
                Cell(.string("superseded"), text: "superseded by \(successor.value)", source: successor.stamp)
            } else {
                Cell(.string(decision.status.rawValue), source: latest.stamp)
            }
            var review: Cell = .text(nil)
            if let reviewBy = decision.reviewBy {
                let due = reviewBy < today && successor == nil && decision.status != .rejected
                review = Cell(.object(["date": .string(reviewBy.description), "overdue": .bool(due)]),
                              text: reviewBy.description + (due ? " (overdue)" : ""), source: latest.stamp)
            }
            return ViewRow(key: subject.text, subject: subject, cells: [
                "decision": .text(subject.text),
                "title": .text(decision.title, source: latest.stamp),
                "status": status,
                "chosen": .text(decision.chosen, source: latest.stamp),
                "deciders": .list(decision.deciders, source: latest.stamp),
                "consulted": .list(decision.consulted, source: latest.stamp),
                "informed": .list(decision.informed, source: latest.stamp),
                "reviewBy": review,
                "supersededBy": .text(successor?.value.text, source: successor?.stamp),
            ])
        }.compactMap { $0 }
    }

    public static func describeChange(_ column: ViewColumn, from before: Cell, to after: Cell) -> String? {
        switch column.key {
        case "status": "status \(before.value.stringValue ?? "(none)") → \(after.text)"
        default: nil
        }
    }
}
