/// Renders events for people (tables, a full view of one event) and for programs (JSON, JSON Lines).
public struct EventRendering: Sendable {
    /// The zone dates and times are shown in (the log's).
    public let timeZone: TimeZoneRules

    /// A renderer showing times in `timeZone`.
    public init(timeZone: TimeZoneRules) { self.timeZone = timeZone }

    /// `2025-09-22` when the time is midnight in the zone, else `2025-09-22 14:30`.
    public func dateText(_ instant: Timestamp) -> String {
        let local = timeZone.localMilliseconds(at: instant)
        let (days, ms) = Civil.floorDivide(local, 86_400_000)
        let date = CalendarDate(dayNumber: Int(days))
        if ms == 0 { return date.description }
        let minutes = Int(ms / 60_000)
        return "\(date) \(String(minutes / 60).leftPadded(to: 2)):\(String(minutes % 60).leftPadded(to: 2))"
    }

    /// `2025-09-22 14:30:05 +02:00`.
    public func fullTimeText(_ instant: Timestamp) -> String {
        let offset = timeZone.offsetSeconds(at: instant)
        let local = instant.milliseconds + Int64(offset) * 1000
        let (days, ms) = Civil.floorDivide(local, 86_400_000)
        let seconds = Int(ms / 1000)
        let sign = offset < 0 ? "-" : "+"
        let o = abs(offset) / 60
        return "\(CalendarDate(dayNumber: Int(days))) \(String(seconds / 3600).leftPadded(to: 2)):\(String(seconds / 60 % 60).leftPadded(to: 2)):\(String(seconds % 60).leftPadded(to: 2)) \(sign)\(String(o / 60).leftPadded(to: 2)):\(String(o % 60).leftPadded(to: 2))"
    }

    /// The events as an aligned table: seq, effective date, type, subject, actor, and what and why. Events
    /// referred to by id are shown as `#seq` when `seqs` knows them.
    public func table(_ events: [Event], width: Int? = nil, seqs: [EventID: Int] = [:]) -> String {
        var table = TextTable(headers: ["SEQ", "EFFECTIVE", "TYPE", "SUBJECT", "ACTOR", "WHAT AND WHY"], fixed: [0, 1, 2, 3])
        let naming = { (id: EventID) in seqs[id].map { "#\($0)" } ?? id.description }
        for event in events {
            table.append(["#\(event.seq)", dateText(event.effectiveAt), event.type.name, event.subject.text,
                          event.actor.description, event.payload.summary(naming: naming) + (event.reason.map { " — \($0)" } ?? "")])
        }
        return table.rendered(width: width)
    }

    /// One event in full, one part a line, the payload's fields in their documented order.
    public func detail(_ event: Event) -> String {
        let lines = detailLines(event)
        let width = lines.map(\.name.count).max() ?? 0
        return lines.map { "\($0.name.padded(to: width))  \($0.value)" }.joined(separator: "\n") + "\n"
    }

    /// One event in full as named parts — event, id, subject, actor, effective, recorded, reason, links, each
    /// payload field in its documented order, prev, hash — for every page that shows an event whole.
    public func detailLines(_ event: Event) -> [(name: String, value: String)] {
        var lines: [(name: String, value: String)] = [
            ("event", "#\(event.seq) \(event.type.name) (schema v\(event.schemaVersion))"),
            ("id", event.id.description),
            ("subject", event.subject.text),
            ("actor", event.actor.description),
            ("effective", fullTimeText(event.effectiveAt)),
            ("recorded", fullTimeText(event.recordedAt) + " by \(event.recordedBy)"),
        ]
        if let reason = event.reason { lines.append(("reason", reason)) }
        for link in event.links { lines.append(("link", link.description)) }
        let members = event.payload.json.objectValue ?? [:]
        let order = Vocabulary.kind(of: event.type)?.fields.map(\.name) ?? []
        let others = members.keys.filter { !order.contains($0) }.sorted()
        for name in order + others {
            if let value = members[name] { lines.append(("payload.\(name)", EventRendering.text(of: value))) }
        }
        lines.append(("prev", event.prev.hex))
        lines.append(("hash", event.hash.hex))
        return lines
    }

    /// The events as a JSON array, each in its stored member order, indented.
    public func json(_ lines: [[UInt8]]) -> String {
        if lines.isEmpty { return "[]\n" }
        let body = lines.map { "  " + PrettyJSON.format($0.dropLast(), indent: 1) }.joined(separator: ",\n")
        return "[\n" + body + "\n]\n"
    }

    /// A payload value for people: texts as they are, lists joined with commas, numbers without needless
    /// fractions.
    static func text(of value: JSONValue) -> String {
        switch value {
        case .string(let s): s
        case .number(let n): NumberText.format(n)
        case .bool(let b): b ? "yes" : "no"
        case .null: ""
        case .array(let elements): elements.map { text(of: $0) }.joined(separator: ", ")
        case .object: value.canonicalString
        }
    }
}
