/// Turns validated drafts into sealed events: assigns seq, id and recorded time, links each to the previous
/// hash, and computes its own hash (see `EventLine` for the bytes).
public struct Sealer: Sendable {
    /// The head the next event links to.
    public private(set) var head: LogHead
    /// Who is typing; goes into every event's `recordedBy`.
    public let recordedBy: String

    /// A sealer that continues the log at `head`.
    public init(head: LogHead, recordedBy: String) {
        self.head = head
        self.recordedBy = recordedBy
    }

    /// Seals `draft` as the next event, recorded at `now` — or at the previous event's recorded time if the
    /// clock reads earlier, so recorded time never goes back along the log. Returns the event and its line
    /// (newline included).
    public mutating func seal(_ draft: ValidatedDraft, now: Timestamp) -> (event: Event, line: [UInt8]) {
        let batch = seal([draft], now: now)
        return (batch.events[0], batch.bytes)
    }

    /// Seals `drafts` as the next events, in order, all recorded at `now` (or the previous event's recorded
    /// time, as `seal(_:now:)`). Each line is laid out on every core up to its `prev` member; only linking and
    /// hashing, which need the line before, run in order.
    public mutating func seal(_ drafts: [ValidatedDraft], now: Timestamp) -> SealedBatch {
        let recordedAt = max(now, head.recordedAt)
        var random = BufferedRandom()
        let ids = drafts.map { $0.id ?? EventID.generate(at: recordedAt, using: &random) }
        let firstSeq = head.seq + 1, recordedBy = self.recordedBy
        let unhashed = ParallelMapping.map(count: drafts.count, minimum: 512) {
            { index in
                let draft = drafts[index]
                let event = Event(seq: firstSeq + index, id: ids[index], schemaVersion: draft.payload.schemaVersion,
                                  effectiveAt: draft.effectiveAt, recordedAt: recordedAt, actor: draft.actor, recordedBy: recordedBy,
                                  subject: draft.subject, reason: draft.reason, links: draft.links, payload: draft.payload,
                                  prev: .zero, hash: .zero)
                return (event: event, start: event.canonicalBodyBeforePrev)
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(unhashed.reduce(0) { $0 + $1.start.count + EventLine.prevAndHashLength })
        var lineEnds: [Int] = []
        lineEnds.reserveCapacity(drafts.count)
        var hashes: [Digest] = []
        hashes.reserveCapacity(drafts.count + 1)
        hashes.append(head.hash)
        for (_, start) in unhashed {
            let lineStart = bytes.count
            bytes.append(contentsOf: start)
            EventLine.appendPrev(hashes.last!, to: &bytes)
            let hash = bytes.withUnsafeBytes { SHA256.hash(UnsafeRawBufferPointer(rebasing: $0[lineStart...])) }
            EventLine.appendHash(hash, toBody: &bytes)
            hashes.append(hash)
            lineEnds.append(bytes.count)
        }
        let links = hashes
        let events = ParallelMapping.map(count: drafts.count, minimum: 512) {
            { index in unhashed[index].event.linked(prev: links[index], hash: links[index + 1]) }
        }
        if let last = events.last { head = LogHead(seq: last.seq, hash: last.hash, recordedAt: recordedAt) }
        return SealedBatch(events: events, bytes: bytes, lineEnds: lineEnds)
    }
}

extension Event {
    /// The canonical body up to its `prev` member (`{"seq":…,"payload":{…}`): all of it that does not
    /// depend on the event before.
    var canonicalBodyBeforePrev: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        func key(_ name: StaticString) {
            if out.count > 1 { out.append(UInt8(ascii: ",")) }
            CanonicalJSON.appendKey(name, to: &out)
        }
        out.append(UInt8(ascii: "{"))
        key("seq"); CanonicalJSON.appendInteger(seq, to: &out)
        key("id"); CanonicalJSON.appendString(id.description, to: &out)
        key("type"); CanonicalJSON.appendString(type.name, to: &out)
        key("schemaVersion"); CanonicalJSON.appendInteger(schemaVersion, to: &out)
        key("effectiveAt"); out.append(UInt8(ascii: "\"")); effectiveAt.appendISO8601(to: &out); out.append(UInt8(ascii: "\""))
        key("recordedAt"); out.append(UInt8(ascii: "\"")); recordedAt.appendISO8601(to: &out); out.append(UInt8(ascii: "\""))
        key("actor")
        out.append(UInt8(ascii: "{"))
        CanonicalJSON.appendKey("name", to: &out); CanonicalJSON.appendString(actor.name, to: &out)
        out.append(UInt8(ascii: ","))
        CanonicalJSON.appendKey("role", to: &out); CanonicalJSON.appendString(actor.role, to: &out)
        out.append(UInt8(ascii: "}"))
        key("recordedBy"); CanonicalJSON.appendString(recordedBy, to: &out)
        key("subject"); CanonicalJSON.appendString(subject.text, to: &out)
        if let reason { key("reason"); CanonicalJSON.appendString(reason, to: &out) }
        if !links.isEmpty { key("links"); JSONValue.array(links.map { .string($0.description) }).appendCanonical(to: &out) }
        key("payload"); (writtenPayload ?? payload.json).appendCanonical(to: &out)
        return out
    }

    /// The canonical JSON of the event without its `hash` member: what the hash is computed over.
    ///
    /// Members in this fixed order: `seq`, `id`, `type`, `schemaVersion`, `effectiveAt`, `recordedAt`,
    /// `actor`, `recordedBy`, `subject`, `reason`, `links`, `payload`, `prev`. Absent optionals and empty
    /// link lists are left out; nested objects have their keys sorted.
    public var canonicalBody: [UInt8] {
        var out = canonicalBodyBeforePrev
        EventLine.appendPrev(prev, to: &out)
        return out
    }

    /// The stored line: the canonical body, then `,"hash":"…"`, the signature's member when signed, `}` and a
    /// newline.
    public var line: [UInt8] {
        var out = canonicalBody
        EventLine.appendHash(hash, signature: signature, toBody: &out)
        return out
    }

    func linked(prev: Digest, hash: Digest) -> Event {
        Event(seq: seq, id: id, schemaVersion: schemaVersion, effectiveAt: effectiveAt, recordedAt: recordedAt,
              actor: actor, recordedBy: recordedBy, subject: subject, reason: reason, links: links,
              payload: payload, prev: prev, hash: hash, writtenPayload: writtenPayload)
    }

    /// The same event carrying `signature`, which its hash does not cover.
    func signed(_ signature: EventSignature?) -> Event {
        Event(seq: seq, id: id, schemaVersion: schemaVersion, effectiveAt: effectiveAt, recordedAt: recordedAt,
              actor: actor, recordedBy: recordedBy, subject: subject, reason: reason, links: links,
              payload: payload, prev: prev, hash: hash, writtenPayload: writtenPayload, signature: signature)
    }
}
