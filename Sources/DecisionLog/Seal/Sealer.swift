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
        let recordedAt = max(now, head.recordedAt)
        let unhashed = Event(
            seq: head.seq + 1, id: draft.id ?? EventID.generate(at: recordedAt),
            schemaVersion: draft.payload.schemaVersion,
            effectiveAt: draft.effectiveAt, recordedAt: recordedAt, actor: draft.actor, recordedBy: recordedBy,
            subject: draft.subject, reason: draft.reason, links: draft.links, payload: draft.payload,
            prev: head.hash, hash: .zero)
        var line = unhashed.canonicalBody
        let hash = SHA256.hash(line)
        EventLine.appendHash(hash, toBody: &line)
        let event = unhashed.withHash(hash)
        head = LogHead(seq: event.seq, hash: hash, recordedAt: recordedAt)
        return (event, line)
    }
}

extension Event {
    /// The canonical JSON of the event without its `hash` member: what the hash is computed over.
    ///
    /// Members in this fixed order: `seq`, `id`, `type`, `schemaVersion`, `effectiveAt`, `recordedAt`,
    /// `actor`, `recordedBy`, `subject`, `reason`, `links`, `payload`, `prev`. Absent optionals and empty
    /// link lists are left out; nested objects have their keys sorted.
    public var canonicalBody: [UInt8] {
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
        key("prev"); out.append(UInt8(ascii: "\"")); prev.appendHex(to: &out); out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The stored line: the canonical body with `,"hash":"…"` as its last member, and a newline.
    public var line: [UInt8] {
        var out = canonicalBody
        EventLine.appendHash(hash, toBody: &out)
        return out
    }

    func withHash(_ hash: Digest) -> Event {
        Event(seq: seq, id: id, schemaVersion: schemaVersion, effectiveAt: effectiveAt, recordedAt: recordedAt,
              actor: actor, recordedBy: recordedBy, subject: subject, reason: reason, links: links,
              payload: payload, prev: prev, hash: hash, writtenPayload: writtenPayload)
    }
}

/// The byte layout of a stored event line, shared by sealing and verification.
///
/// A line is `{…,"prev":"<64 hex>","hash":"<64 hex>"}` and a newline. Its hash is SHA-256 of the line
/// with the `,"hash":"<64 hex>"` member cut out — so anyone can check a line with a few lines of code in any
/// language: drop the last 75 bytes before the newline, add `}`, hash.
public enum EventLine {
    /// The largest line the log writes or reads, newline included (1 MiB).
    public static let maximumLength = 1 << 20
    /// `,"hash":"` + 64 hex digits + `"}`: the fixed-size end of every line (before the newline).
    public static let hashSuffixLength = 75
    private static let hashKey = Array(#","hash":""#.utf8)

    /// Replaces the closing brace of a canonical body with `,"hash":"…"}` and a newline.
    public static func appendHash(_ hash: Digest, toBody body: inout [UInt8]) {
        body.removeLast()
        body.append(contentsOf: hashKey)
        hash.appendHex(to: &body)
        body.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "}"), 0x0A])
    }

    /// The seq written at the start of a line (`{"seq":12,…`), for naming a line that no longer decodes.
    public static func leadingSeq(of line: UnsafeRawBufferPointer) -> Int? {
        let prefix = Array(#"{"seq":"#.utf8)
        guard line.count > prefix.count, line.starts(with: prefix) else { return nil }
        var value = 0
        for byte in line[prefix.count...] {
            if byte == UInt8(ascii: ",") { return value }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), value < 1 << 50 else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return nil
    }

    /// The stored hash of a line (without its newline) and the hash its bytes actually have; nil when the
    /// line does not end in a well-formed hash member.
    public static func hashes(of line: UnsafeRawBufferPointer) -> (stored: Digest, computed: Digest)? {
        guard line.count > hashSuffixLength + 1 else { return nil }
        let suffixStart = line.count - hashSuffixLength
        let suffix = UnsafeRawBufferPointer(rebasing: line[suffixStart...])
        guard suffix.starts(with: hashKey), suffix[73] == UInt8(ascii: "\""), suffix[74] == UInt8(ascii: "}"),
            let stored = Digest(hex: UnsafeRawBufferPointer(rebasing: suffix[9..<73]))
        else { return nil }
        var hasher = SHA256()
        hasher.update(UnsafeRawBufferPointer(rebasing: line[..<suffixStart]))
        hasher.update(CollectionOfOne(UInt8(ascii: "}")))
        return (stored, hasher.finalize())
    }
}
