/// The fields view, for the team's own event types (see `schema.registered`): the latest value of every
/// field of every subject, from the events of team-defined types. An event sets the fields it gives and
/// leaves the others as they were; a field set to null is cleared; a retraction takes back what its target
/// set.
public enum FieldsProjection: Projection {
    public static let name = "fields"
    public static let summary = "The latest value of each field of each subject, from the team's own event types."
    public static let columns: [ViewColumn] = [
        ViewColumn("subject"), ViewColumn("field"), ViewColumn("value", wraps: true), ViewColumn("type", priority: 2),
        ViewColumn("changed", compared: false, priority: 2), ViewColumn("by", compared: false, priority: 3),
    ]

    /// A field's value and the type of the event that set it.
    public struct Setting: Sendable {
        let value: JSONValue
        let type: EventType
    }

    /// Each subject's field histories, by field name.
    public typealias Record = [String: History<Setting>]

    public static func initialState() -> [Subject: Record] { [:] }

    /// The events the fold reads (team types always come to it too).
    public static let reads: [any EventPayload.Type]? = [EventRetracted.self]

    public static func fold(_ state: inout [Subject: Record], _ event: Event, _ stamp: Stamp) {
        switch event.payload {
        case .custom(let payload):
            for (field, value) in payload.fields {
                state[event.subject, default: [:]][field, default: History()].record(Setting(value: value, type: payload.type), stamp)
            }
        case .eventRetracted(let r):
            guard let fields = state[event.subject]?.keys else { return }
            for field in Array(fields) { state[event.subject]![field]!.retract(r.event) }
        default:
            break
        }
    }

    public static func rows(_ state: [Subject: Record], _ context: ViewContext) -> [ViewRow] {
        state.keys.sorted().flatMap { subject -> [ViewRow] in
            let record = state[subject]!
            return record.keys.sorted().compactMap { field -> ViewRow? in
                guard let latest = record[field]!.latest(context.asOf), latest.value.value != .null else { return nil }
                let stamp = latest.stamp
                return ViewRow(key: "\(subject) \(field)", subject: subject, cells: [
                    "subject": .text(subject.text),
                    "field": .text(field),
                    "value": Cell(latest.value.value, source: stamp),
                    "type": .text(latest.value.type.name, source: stamp),
                    "changed": .date(context.timeZone.date(at: stamp.effectiveAt), source: stamp),
                    "by": .text(stamp.actor.description, source: stamp),
                ])
            }
        }
    }

    public static func describeChange(_ column: ViewColumn, from before: Cell, to after: Cell) -> String? {
        column.key == "value" ? "\(before.text.isEmpty ? "(none)" : before.text) → \(after.text.isEmpty ? "(none)" : after.text)" : nil
    }

    /// "price 49": the field and its first value.
    public static func describeAddition(_ row: ViewRow) -> String? { "\(row["field"].text) \(row["value"].text)" }

    /// "price 49 → 59": the field and how its value changed.
    public static func describeRowChange(_ change: RowChange) -> [String]? {
        let field = change.key.split(separator: " ", maxSplits: 1).last.map(String.init) ?? change.key
        return change.changes.filter { $0.field == "value" }.map { "\(field) \($0.text)" }
    }
}
