extension PayloadKind {
    /// Reads a stored payload of `type` written with schema `version`. A built-in type's is upcast to the
    /// version the code knows, then decoded; a team-defined type's (any type the vocabulary does not have) is
    /// taken as it is — its schema was checked when it was written. Returns the payload and, when it was
    /// upcast, the JSON as written. Throws for a version newer than the code knows (upgrade the tool) or a
    /// payload that does not fit its type.
    static func decodeStored(_ json: JSONValue, type: String, version: Int) throws(EventDecodingError) -> (Payload, JSONValue?) {
        if let kind = Vocabulary.kind(named: type) { return try kind.decodeStored(json, version: version) }
        guard TeamTypes.formatProblem(type) == nil else {
            throw EventDecodingError(message: "\"\(type)\" is not an event type name", needsNewerTool: false)
        }
        guard case .object(let fields) = json else {
            throw EventDecodingError(message: "payload: expected an object, got \(json.kindName)", needsNewerTool: false)
        }
        return (.custom(CustomPayload(type: EventType(type), version: version, fields: fields)), nil)
    }

    /// Reads a stored payload of this built-in type written with schema `version`.
    func decodeStored(_ json: JSONValue, version: Int) throws(EventDecodingError) -> (Payload, JSONValue?) {
        if version > schemaVersion {
            throw EventDecodingError(
                message: "\(type) schema version \(version) is newer than this decisionlog knows (\(schemaVersion)); upgrade to read it",
                needsNewerTool: true)
        }
        var current = json
        if version < schemaVersion {
            guard let upcast = Upcasting.upcast(json, type: type.name, from: version, to: schemaVersion) else {
                throw EventDecodingError(message: "\(type) schema version \(version) cannot be read as version \(schemaVersion)", needsNewerTool: false)
            }
            current = upcast
        }
        do throws(ValidationFailure) {
            let written: JSONValue? = version < schemaVersion ? json : nil
            return (try decode(current), written)
        } catch {
            throw EventDecodingError(message: error.description, needsNewerTool: false)
        }
    }
}

extension Event {
    /// The members a stored event may have, in their canonical order.
    static let storedMembers = ["seq", "id", "type", "schemaVersion", "effectiveAt", "recordedAt", "actor",
                                "recordedBy", "subject", "reason", "links", "payload", "prev", "hash", "signature"]

    /// Reads a stored line (without its newline) into an event.
    ///
    /// Checks that every member is present and well-typed and that the payload fits its type; does not check
    /// the hash or the canonical form (the chain verifier does). Throws `EventDecodingError`.
    public init(line: some Collection<UInt8>) throws(EventDecodingError) {
        let fast = line.withContiguousStorageIfAvailable { buffer in
            Result { () throws(EventDecodingError) -> Event? in try Event.decodeCanonical(buffer)?.event }
        }
        if let fast, let event = try fast.get() {
            self = event
            return
        }
        try self.init(generalLine: line)
    }

    /// Reads a line in any member order (the general path, for lines not in canonical layout).
    init(generalLine line: some Collection<UInt8>) throws(EventDecodingError) {
        let value: JSONValue
        do throws(JSONSyntaxError) { value = try JSONValue.parse(line) } catch {
            throw EventDecodingError(message: "not valid JSON (\(error))", needsNewerTool: false)
        }
        guard case .object(let m) = value else {
            throw EventDecodingError(message: "expected a JSON object, got \(value.kindName)", needsNewerTool: false)
        }
        func fail(_ message: String) -> EventDecodingError { EventDecodingError(message: message, needsNewerTool: false) }
        for key in m.keys.sorted() where !Event.storedMembers.contains(key) { throw fail("unexpected member \"\(key)\"") }

        guard case .number(let seqNumber)? = m["seq"], seqNumber >= 1, seqNumber == seqNumber.rounded() else {
            throw fail("seq: expected a positive integer")
        }
        guard case .string(let typeName)? = m["type"] else { throw fail("type: missing") }
        guard case .number(let version)? = m["schemaVersion"], version >= 1, version == version.rounded() else {
            throw fail("schemaVersion: expected a positive integer")
        }

        func string(_ key: String) throws(EventDecodingError) -> String {
            guard case .string(let text)? = m[key] else { throw fail("\(key): expected a string") }
            return text
        }
        func timestamp(_ key: String) throws(EventDecodingError) -> Timestamp {
            guard let t = Timestamp(canonical: Array(try string(key).utf8)) else {
                throw fail("\(key): expected a time in the form YYYY-MM-DDTHH:MM:SS.mmmZ")
            }
            return t
        }
        func digest(_ key: String) throws(EventDecodingError) -> Digest {
            guard let d = Digest(hex: try string(key)) else { throw fail("\(key): expected 64 hex digits") }
            return d
        }
        guard let id = EventID(try string("id")) else { throw fail("id: expected a UUID") }
        guard case .object(let actorParts)? = m["actor"], actorParts.count == 2,
            case .string(let name)? = actorParts["name"], case .string(let role)? = actorParts["role"]
        else { throw fail("actor: expected an object with name and role") }
        guard let subject = Subject(try string("subject")) else { throw fail("subject: not a valid subject") }
        var reason: String? = nil
        if m["reason"] != nil { reason = try string("reason") }
        var links: [EventID] = []
        if let value = m["links"] {
            do throws(FieldProblem) { links = try [EventID](json: value) } catch { throw fail("links\(error.subpath): \(error.message)") }
        }
        let (payload, written) = try PayloadKind.decodeStored(m["payload"] ?? .null, type: typeName, version: Int(version))
        self.init(seq: Int(seqNumber), id: id, schemaVersion: Int(version), effectiveAt: try timestamp("effectiveAt"),
                  recordedAt: try timestamp("recordedAt"), actor: Actor(name: name, role: role),
                  recordedBy: try string("recordedBy"), subject: subject, reason: reason, links: links,
                  payload: payload, prev: try digest("prev"), hash: try digest("hash"), writtenPayload: written,
                  signature: try m["signature"].map { value throws(EventDecodingError) in try EventSignature.decode(value) })
    }
}
