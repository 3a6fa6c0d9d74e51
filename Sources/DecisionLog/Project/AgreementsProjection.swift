/// The agreements view: each documented agreement — who agreed, on what objectives, by when, with what
/// resources — as last recorded (a later `agreement.recorded` on the same subject restates it).
public enum AgreementsProjection: Projection {
    public static let name = "agreements"
    public static let summary = "The documented agreements: parties, objectives, timeline, resources."
    public static let columns: [ViewColumn] = [
        ViewColumn("agreement"), ViewColumn("parties", wraps: true), ViewColumn("objectives", wraps: true),
        ViewColumn("timeline", wraps: true), ViewColumn("resources", priority: 2, wraps: true), ViewColumn("agreed", compared: false, priority: 2),
    ]

    public static func initialState() -> [Subject: History<AgreementRecorded>] { [:] }

    /// The events the fold reads.
    public static let reads: [any EventPayload.Type]? = [AgreementRecorded.self, EventRetracted.self]

    public static func fold(_ state: inout [Subject: History<AgreementRecorded>], _ event: Event, _ stamp: Stamp) {
        switch event.payload {
        case .agreementRecorded(let p): state[event.subject, default: History()].record(p, stamp)
        case .eventRetracted(let r): state[event.subject]?.retract(r.event)
        default: break
        }
    }

    public static func rows(_ state: [Subject: History<AgreementRecorded>], _ context: ViewContext) -> [ViewRow] {
        state.keys.sorted().compactMap { subject -> ViewRow? in
            guard let latest = state[subject]!.latest(context.asOf) else { return nil }
            let agreement = latest.value, stamp = latest.stamp
            return ViewRow(key: subject.text, subject: subject, cells: [
                "agreement": .text(subject.text),
                "parties": .list(agreement.parties, source: stamp),
                "objectives": Cell(.array(agreement.objectives.map(JSONValue.string)), text: agreement.objectives.joined(separator: "; "), source: stamp),
                "timeline": .text(agreement.timeline, source: stamp),
                "resources": Cell(.array(agreement.resources.map(JSONValue.string)), text: agreement.resources.joined(separator: "; "), source: stamp),
                "agreed": .date(context.timeZone.date(at: stamp.effectiveAt), source: stamp),
            ])
        }
    }
}
