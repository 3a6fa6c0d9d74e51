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
        var used: Set<String> = []
        var extra: [String] = []
        for event in events { Self.notePayloadNames(of: event, used: &used, extra: &extra) }
        let columns = Self.csvPayloadColumns(used: used, extra: extra)
        var out = Self.csvHeader(columns)
        for event in events { out += Self.csvRow(event, payloadColumns: columns) }
        return out
    }

    /// The events of `store` that `filter` takes, as `csv(_:)` writes them, handed to `emit` a megabyte or so
    /// at a time: a first pass finds the payload columns, a second renders the rows on every core beside the
    /// decoding (and stops where the first ended, so an event appended meanwhile cannot bring a column the
    /// header lacks), and memory stays bounded whatever the log's size. Returns how many events were written
    /// and how the first read ended. Throws `LogError` for a log that cannot be read, and what `emit` throws.
    public static func writeCSV(_ store: any EventStore, matching filter: EventFilter, emit: (String) throws -> Void) throws -> (count: Int, end: ReadEnd) {
        var used: Set<String> = []
        var extra: [String] = []
        var shapes: Set<[String]> = []
        var registered = RegisteredTypes()
        var unchecked: ChainWalk? = nil
        var lastSeq = 0
        let end = try store.forEachEvent(from: .start, selecting: filter.decodedTypes, registered: &registered, chain: &unchecked,
                                         deriving: { event in filter.matches(event) ? payloadNames(of: event) : nil }) { header, event, names, _, _ in
            lastSeq = header.seq
            // Most events share a handful of shapes; each is taken in once.
            if let event, let names, shapes.insert(names).inserted { notePayloadNames(of: event, used: &used, extra: &extra) }
            return true
        }
        let columns = csvPayloadColumns(used: used, extra: extra)
        var chunk = csvHeader(columns)
        var count = 0
        registered = RegisteredTypes()
        _ = try store.forEachEvent(from: .start, selecting: filter.decodedTypes, registered: &registered, chain: &unchecked,
                                   deriving: { event in filter.matches(event) ? csvRow(event, payloadColumns: columns) : nil }) { header, _, row, _, _ in
            guard header.seq <= lastSeq else { return false }
            guard let row else { return true }
            chunk += row
            count += 1
            if chunk.utf8.count >= 1 << 20 {
                try emit(chunk)
                chunk = ""
            }
            return true
        }
        if !chunk.isEmpty { try emit(chunk) }
        return (count, end)
    }

    /// The stored lines of the events of `store` that `filter` takes, byte for byte, handed to `emit` a
    /// megabyte or so at a time (the events matched on every core beside the decoding). Returns how many
    /// events were written and how the read ended. Throws `LogError` for a log that cannot be read, and what
    /// `emit` throws.
    public static func writeJSONLines(_ store: any EventStore, matching filter: EventFilter, emit: ([UInt8]) throws -> Void) throws -> (count: Int, end: ReadEnd) {
        var chunk: [UInt8] = []
        var count = 0
        let end = try store.forEachEvent(matching: filter) { _, match in
            guard let match else { return true }
            chunk.append(contentsOf: match.line)
            chunk.append(0x0A)
            count += 1
            if chunk.count >= 1 << 20 {
                try emit(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
            return true
        }
        if !chunk.isEmpty { try emit(chunk) }
        return (count, end)
    }

    /// The names of `event`'s payload members, in order.
    private static func payloadNames(of event: Event) -> [String] { event.payload.json.objectValue?.keys.sorted() ?? [] }

    /// Takes in the payload members `event` uses: into `used`, and, when no built-in type declares one, into
    /// `extra` too (in the order first met).
    private static func notePayloadNames(of event: Event, used: inout Set<String>, extra: inout [String]) {
        for name in payloadNames(of: event) where used.insert(name).inserted && !builtInFieldNames.contains(name) { extra.append(name) }
    }

    /// Every field a built-in type declares, in the vocabulary's order.
    private static let builtInFields: [String] = {
        var known: Set<String> = []
        return Vocabulary.kinds.flatMap { $0.fields.map(\.name) }.filter { known.insert($0).inserted }
    }()
    private static let builtInFieldNames = Set(builtInFields)

    /// The payload columns for the members `used`: the built-in fields among them in the vocabulary's order,
    /// then the team's, `extra`.
    private static func csvPayloadColumns(used: Set<String>, extra: [String]) -> [String] { builtInFields.filter(used.contains) + extra }

    /// The header line.
    private static func csvHeader(_ payloadColumns: [String]) -> String {
        TextFormats.csvLine(EventRendering.csvEnvelopeColumns + payloadColumns + ["prev", "hash"]) + "\n"
    }

    /// One event's line, newline included.
    private static func csvRow(_ event: Event, payloadColumns: [String]) -> String {
        let payload = event.payload.json.objectValue ?? [:]
        let envelope = [String(event.seq), event.id.description, event.type.name, String(event.schemaVersion),
                        event.effectiveAt.iso8601, event.recordedAt.iso8601, event.actor.name, event.actor.role,
                        event.recordedBy, event.subject.text, event.reason ?? "", event.links.map(\.description).joined(separator: "; ")]
        let values = payloadColumns.map { payload[$0].map(EventRendering.cell) ?? "" }
        return TextFormats.csvLine(envelope + values + [event.prev.hex, event.hash.hex]) + "\n"
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
