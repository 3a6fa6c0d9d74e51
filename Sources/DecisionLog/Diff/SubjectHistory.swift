/// Every change to one subject, in the order the changes took effect: who, when (both clocks), what changed
/// field by field, and why — retracted events included and marked, with their retractions.
public struct SubjectHistory: Sendable {
    /// One event on the subject.
    public struct Entry: Sendable, Equatable {
        /// The event.
        public let event: Event
        /// What it changed, in the views' words ("launch 2025-09-01 → 2025-09-22 (+21 days)"); for events no
        /// view shows, what the event says.
        public let changes: [String]
        /// Remarks: "retracted by #26", "recorded 2 days later".
        public let notes: [String]
    }

    /// The subject.
    public let subject: Subject
    /// Its entries, oldest effective first (ties by seq).
    public let entries: [Entry]

    /// The history of `subject` from `events` (every event on it, in seq order), read with `configuration`.
    public init(subject: Subject, events: [Event], configuration: LogConfig) {
        self.subject = subject
        let views = Views.all.filter { $0.name != TimelineProjection.name }
        var retractedBy: [EventID: Int] = [:]
        var seqOfID: [EventID: Int] = [:]
        for event in events {
            seqOfID[event.id] = event.seq
            if case .eventRetracted(let r) = event.payload { retractedBy[r.event] = event.seq }
        }
        // The events that count: neither retractions nor retracted.
        let standing = events.filter { event in
            if case .eventRetracted = event.payload { return false }
            return retractedBy[event.id] == nil
        }
        let replay = Replay(events: standing, configuration: configuration, views: views)
        let ordered = events.sorted { ($0.effectiveAt, $0.seq) < ($1.effectiveAt, $1.seq) }
        entries = ordered.map { event in
            var notes: [String] = []
            var changes: [String]
            if case .eventRetracted(let r) = event.payload {
                changes = ["retracts " + (seqOfID[r.event].map { "#\($0)" } ?? r.event.description)]
            } else if let by = retractedBy[event.id] {
                // What it changed when it stood: replay it with the standing events.
                let alone = Replay(events: (standing + [event]).sorted { $0.seq < $1.seq }, configuration: configuration, views: views)
                changes = SubjectHistory.changes(made: event, in: alone, views: views, subject: subject)
                notes.append("retracted by #\(by)")
            } else {
                changes = SubjectHistory.changes(made: event, in: replay, views: views, subject: subject)
            }
            if changes.isEmpty { changes = [event.payload.summary(naming: { id in seqOfID[id].map { "#\($0)" } ?? id.description })] }
            let lateDays = event.daysRecordedLate(in: configuration.timeZone)
            if lateDays >= 1 { notes.append("recorded \(lateDays) day\(lateDays == 1 ? "" : "s") later") }
            return Entry(event: event, changes: changes, notes: notes)
        }
    }

    /// The field changes `event` makes to the subject's rows: the views just before it and just after it.
    private static func changes(made event: Event, in replay: Replay, views: [ViewKind], subject: Subject) -> [String] {
        let before = AsOf(event.effectiveAt, seq: event.seq - 1), after = AsOf(event.effectiveAt, seq: event.seq)
        var texts: [String] = []
        for view in views {
            let old = replay.table(view, asOf: before).rows.filter { $0.subject == subject }
            let new = replay.table(view, asOf: after).rows.filter { $0.subject == subject }
            let diff = ViewDiff(view, before: ViewTable(name: view.name, columns: view.columns, rows: old),
                                after: ViewTable(name: view.name, columns: view.columns, rows: new))
            for row in diff.added { texts.append(view.describeAddition(row) ?? event.payload.summary) }
            for change in diff.changed { texts += view.describeRowChange(change) ?? change.changes.map(\.text) }
        }
        var seen: Set<String> = []
        return texts.filter { seen.insert($0).inserted }
    }
}
