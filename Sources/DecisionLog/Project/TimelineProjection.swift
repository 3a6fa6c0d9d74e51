/// The timeline: what happened, in the order it took effect — every event, with retracted ones marked and
/// events recorded days after they took effect noted.
public enum TimelineProjection: Projection {
    public static let name = "timeline"
    public static let summary = "What happened, in effective order (the log, filtered)."
    public static let columns: [ViewColumn] = [
        ViewColumn("seq"), ViewColumn("effective"), ViewColumn("type", priority: 2), ViewColumn("subject"), ViewColumn("actor", priority: 2),
        ViewColumn("what", title: "WHAT AND WHY", wraps: true), ViewColumn("note", priority: 3, wraps: true),
    ]

    /// The events so far, in seq order, and which retraction retracted which event.
    public struct State: Sendable {
        var events: [Event] = []
        var outOfOrder = false
        var retractedBy: [EventID: Int] = [:]
        var seqOfID: [EventID: Int] = [:]
    }

    public static func initialState() -> State { State() }

    public static func fold(_ state: inout State, _ event: Event, _ stamp: Stamp) {
        if let last = state.events.last, (event.effectiveAt, event.seq) < (last.effectiveAt, last.seq) { state.outOfOrder = true }
        state.events.append(event)
        state.seqOfID[event.id] = event.seq
        if case .eventRetracted(let r) = event.payload { state.retractedBy[r.event] = event.seq }
    }

    public static func rows(_ state: State, _ context: ViewContext) -> [ViewRow] {
        var events = state.events.filter { context.asOf.includes($0.effectiveAt, seq: $0.seq) }
        if state.outOfOrder { events.sort { ($0.effectiveAt, $0.seq) < ($1.effectiveAt, $1.seq) } }
        let naming = { (id: EventID) in state.seqOfID[id].map { "#\($0)" } ?? id.description }
        return events.map { event in
            var notes: [String] = []
            if let by = state.retractedBy[event.id] { notes.append("retracted by #\(by)") }
            let lateDays = event.daysRecordedLate(in: context.timeZone)
            if lateDays >= 1 { notes.append("recorded \(lateDays) day\(lateDays == 1 ? "" : "s") later") }
            let local = context.timeZone.localMilliseconds(at: event.effectiveAt)
            let day = CalendarDate(dayNumber: Int(Civil.floorDivide(local, 86_400_000).quotient))
            // Every cell comes from the row's own event, so only the seq carries the provenance.
            return ViewRow(key: "#\(event.seq)", subject: event.subject, cells: [
                "seq": .integer(event.seq, text: "#\(event.seq)", source: Stamp(event)),
                "effective": Cell(.string(event.effectiveAt.iso8601), text: day.description),
                "type": .text(event.type.name),
                "subject": .text(event.subject.text),
                "actor": .text(event.actor.description),
                "what": .text(event.payload.summary(naming: naming) + (event.reason.map { " — \($0)" } ?? "")),
                "note": .text(notes.isEmpty ? nil : notes.joined(separator: "; ")),
            ])
        }
    }
}
