/// The timeline: what happened, in the order it took effect — every event, with retracted ones marked and
/// events recorded days after they took effect noted.
public enum TimelineProjection: Projection {
    public static let name = "timeline"
    public static let summary = "What happened, in effective order (the log, filtered)."
    public static let columns: [ViewColumn] = [
        ViewColumn("seq"), ViewColumn("effective"), ViewColumn("type", priority: 2), ViewColumn("subject"), ViewColumn("actor", priority: 2),
        ViewColumn("what", title: "WHAT AND WHY", wraps: true), ViewColumn("note", priority: 3, wraps: true),
    ]

    /// The events so far, and which retraction retracted which event.
    public struct State: Sendable {
        var events = History<Event>()
        var retractedBy: [EventID: Int] = [:]
        var seqOfID: [EventID: Int] = [:]
    }

    public static func initialState() -> State { State() }

    public static func fold(_ state: inout State, _ event: Event) {
        state.events.record(event, Stamp(event))
        state.seqOfID[event.id] = event.seq
        if case .eventRetracted(let r) = event.payload { state.retractedBy[r.event] = event.seq }
    }

    public static func rows(_ state: State, _ context: ViewContext) -> [ViewRow] {
        state.events.through(context.asOf).map { change in
            let event = change.value
            var notes: [String] = []
            if let by = state.retractedBy[event.id] { notes.append("retracted by #\(by)") }
            let lateDays = Int((event.recordedAt.milliseconds - event.effectiveAt.milliseconds) / 86_400_000)
            if lateDays >= 1 { notes.append("recorded \(lateDays) day\(lateDays == 1 ? "" : "s") later") }
            let naming = { (id: EventID) in state.seqOfID[id].map { "#\($0)" } ?? id.description }
            let local = context.timeZone.localMilliseconds(at: event.effectiveAt)
            let day = CalendarDate(dayNumber: Int(Civil.floorDivide(local, 86_400_000).quotient))
            return ViewRow(key: "#\(event.seq)", subject: event.subject, cells: [
                "seq": .integer(event.seq, text: "#\(event.seq)", source: change.stamp),
                "effective": Cell(.string(event.effectiveAt.iso8601), text: day.description, source: change.stamp),
                "type": .text(event.type.name, source: change.stamp),
                "subject": .text(event.subject.text, source: change.stamp),
                "actor": .text(event.actor.description, source: change.stamp),
                "what": .text(event.payload.summary(naming: naming) + (event.reason.map { " — \($0)" } ?? ""), source: change.stamp),
                "note": .text(notes.isEmpty ? nil : notes.joined(separator: "; "), source: change.stamp),
            ])
        }
    }
}
