/// The syncs view: every meeting held, the latest first — its kind, who attended, what came out of it and
/// the decisions it took.
public enum SyncsProjection: Projection {
    public static let name = "syncs"
    public static let summary = "The meetings held: kind, attendees, outcomes, decisions taken."
    public static let columns: [ViewColumn] = [
        ViewColumn("sync"), ViewColumn("held"), ViewColumn("kind"), ViewColumn("attendees", priority: 2, wraps: true),
        ViewColumn("outcomes", wraps: true), ViewColumn("decisions", priority: 2, wraps: true),
    ]

    public static func initialState() -> [Subject: History<SyncHeld>] { [:] }

    /// The events the fold reads.
    public static let reads: [any EventPayload.Type]? = [SyncHeld.self, EventRetracted.self]

    public static func fold(_ state: inout [Subject: History<SyncHeld>], _ event: Event, _ stamp: Stamp) {
        switch event.payload {
        case .syncHeld(let p): state[event.subject, default: History()].record(p, stamp)
        case .eventRetracted(let r): state[event.subject]?.retract(r.event)
        default: break
        }
    }

    public static func rows(_ state: [Subject: History<SyncHeld>], _ context: ViewContext) -> [ViewRow] {
        state.mapInSubjectOrder { subject, history -> (Stamp, ViewRow)? in
            guard let latest = history.latest(context.asOf) else { return nil }
            let sync = latest.value, stamp = latest.stamp
            return (stamp, ViewRow(key: subject.text, subject: subject, cells: [
                "sync": .text(subject.text),
                "held": .date(context.timeZone.date(at: stamp.effectiveAt), source: stamp),
                "kind": .text(sync.kind.rawValue, source: stamp),
                "attendees": .list(sync.attendees, source: stamp),
                "outcomes": Cell(.array(sync.outcomes.map(JSONValue.string)), text: sync.outcomes.joined(separator: "; "), source: stamp),
                "decisions": .list(sync.decisions.map(\.text), source: stamp),
            ]))
        }
        .compactMap { $0 }
        .sorted { $1.0.precedes($0.0) }
        .map(\.1)
    }
}
