/// Events written out for other tools: a spreadsheet (CSV) that `import` reads back, and a Markdown table that
/// pastes into Notion, Confluence or Slack.
extension EventRendering {
    /// The envelope columns of a CSV export, before the payload fields; `import` ignores the ones the log sets.
    public static let csvEnvelopeColumns = ["seq", "id", "type", "schemaVersion", "effective", "recorded", "actor", "role",
                                           "recordedBy", "subject", "reason", "links"]

    /// The events as CSV: the envelope columns, then one column per payload field the events use (in the
    /// vocabulary's order, the team's types after), then `prev` and `hash`. Times are canonical UTC, lists are
    /// joined by "; " (a JSON array when an item holds a semicolon), objects are JSON. Importing the file into
    /// another log records the same decisions with the same ids.
    public func csv(_ events: [Event]) -> String {
        var fields: [String] = []
        var known: Set<String> = []
        for kind in Vocabulary.kinds { for field in kind.fields where known.insert(field.name).inserted { fields.append(field.name) } }
        var used: Set<String> = []
        var extra: [String] = []
        for event in events {
            guard case .object(let members) = event.payload.json else { continue }
            for name in members.keys.sorted() where used.insert(name).inserted && !known.contains(name) { extra.append(name) }
        }
        let payloadColumns = fields.filter(used.contains) + extra
        var out = TextFormats.csvLine(EventRendering.csvEnvelopeColumns + payloadColumns + ["prev", "hash"]) + "\n"
        for event in events {
            let payload = event.payload.json.objectValue ?? [:]
            let envelope = [String(event.seq), event.id.description, event.type.name, String(event.schemaVersion),
                            event.effectiveAt.iso8601, event.recordedAt.iso8601, event.actor.name, event.actor.role,
                            event.recordedBy, event.subject.text, event.reason ?? "", event.links.map(\.description).joined(separator: "; ")]
            let values = payloadColumns.map { payload[$0].map(EventRendering.cell) ?? "" }
            out += TextFormats.csvLine(envelope + values + [event.prev.hex, event.hash.hex]) + "\n"
        }
        return out
    }

    /// The events as a Markdown table: seq, effective date, type, subject, actor, and what and why.
    public func markdown(_ events: [Event], seqs: [EventID: Int] = [:]) -> String {
        let naming = { (id: EventID) in seqs[id].map { "#\($0)" } ?? id.description }
        return TextFormats.markdownTable(
            headers: ["Seq", "Effective", "Type", "Subject", "Actor", "What and why"],
            rows: events.map { event in
                ["#\(event.seq)", dateText(event.effectiveAt), event.type.name, event.subject.text, event.actor.description,
                 event.payload.summary(naming: naming) + (event.reason.map { " — \($0)" } ?? "")]
            })
    }

    /// A payload value as one CSV cell that `import` reads back as the same value.
    private static func cell(_ value: JSONValue) -> String {
        if case .array(let items) = value {
            let texts = items.map { TextFormats.csvField($0) }
            let plain = items.allSatisfy { if case .string = $0 { return true } else { return false } }
            if !plain || texts.contains(where: { $0.contains(";") || $0.hasPrefix("[") }) { return value.canonicalString }
            return texts.joined(separator: "; ")
        }
        return TextFormats.csvField(value)
    }
}
