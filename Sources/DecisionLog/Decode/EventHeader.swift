/// The members of a stored event that every pass over the log needs, whether or not it reads the event:
/// where it lies in the log (seq), which it is (id), its two times, and its links in the hash chain. Read
/// from the fixed places a canonical line keeps them, without decoding the rest.
public struct EventHeader: Sendable, Equatable {
    /// Position in the log.
    public let seq: Int
    /// Identity.
    public let id: EventID
    /// When it took effect.
    public let effectiveAt: Timestamp
    /// When the log learned of it.
    public let recordedAt: Timestamp
    /// The hash of the previous event and the event's own, as stored; nil when the pass that read the header
    /// did not ask for them (see `read`).
    public let links: (prev: Digest, hash: Digest)?

    /// The header of a decoded event.
    public init(_ event: Event) {
        seq = event.seq
        id = event.id
        effectiveAt = event.effectiveAt
        recordedAt = event.recordedAt
        links = (event.prev, event.hash)
    }

    private init(seq: Int, id: EventID, effectiveAt: Timestamp, recordedAt: Timestamp, links: (prev: Digest, hash: Digest)?) {
        self.seq = seq
        self.id = id
        self.effectiveAt = effectiveAt
        self.recordedAt = recordedAt
        self.links = links
    }

    public static func == (a: EventHeader, b: EventHeader) -> Bool {
        a.seq == b.seq && a.id == b.id && a.effectiveAt == b.effectiveAt && a.recordedAt == b.recordedAt
            && a.links?.prev == b.links?.prev && a.links?.hash == b.links?.hash
    }

    /// The header of a line in the log's canonical layout (see `Event.decodeCanonical`), with its chain links
    /// when `withLinks`, and the bytes of its type's name, its schema version and where its actor member's
    /// value starts (for `subject(of:from:)`); nil for a line in any other layout or with a type name that has
    /// an escape, which only a full decode reads.
    static func read(_ line: UnsafeBufferPointer<UInt8>, withLinks: Bool) -> (header: EventHeader, type: UnsafeBufferPointer<UInt8>, version: Int, actor: Int)? {
        let raw = UnsafeRawBufferPointer(line)
        guard let hashStart = EventLine.hashMemberStart(of: raw), hashStart > 224 else { return nil }
        var p = JSONParser(line)
        guard p.take(#"{"seq":"#), let seq = p.takeInteger(), seq >= 1,
              p.take(#","id":""#), let idBytes = p.take(count: 36), let id = EventID(bytes: idBytes),
              p.take(#"","type":""#)
        else { return nil }
        let typeStart = p.position
        guard let typeEnd = line[typeStart...].firstIndex(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }),
              line[typeEnd] == UInt8(ascii: "\""), typeEnd - typeStart <= 128
        else { return nil }
        _ = p.take(count: typeEnd - typeStart)
        guard p.take(#"","schemaVersion":"#), let version = p.takeInteger(), version >= 1,
              p.take(#","effectiveAt":""#), let effectiveBytes = p.take(count: 24), let effectiveAt = Timestamp(canonical: effectiveBytes),
              p.take(#"","recordedAt":""#), let recordedBytes = p.take(count: 24), let recordedAt = Timestamp(canonical: recordedBytes),
              p.take(#"","actor":"#),
              ByteSearch.equal(line.baseAddress! + hashStart - 74, prevKey.utf8Start, count: prevKey.utf8CodeUnitCount),
              line[hashStart - 1] == UInt8(ascii: "\"")
        else { return nil }
        var links: (prev: Digest, hash: Digest)? = nil
        if withLinks {
            guard let prev = Digest(hex: UnsafeBufferPointer(rebasing: line[(hashStart - 65)..<(hashStart - 1)])),
                  let hash = Digest(hex: UnsafeBufferPointer(rebasing: line[(hashStart + 9)..<(hashStart + 73)]))
            else { return nil }
            links = (prev, hash)
        }
        let header = EventHeader(seq: seq, id: id, effectiveAt: effectiveAt, recordedAt: recordedAt, links: links)
        return (header, UnsafeBufferPointer(rebasing: line[typeStart..<typeEnd]), version, p.position)
    }

    /// The bytes of the subject of a canonical line whose actor member's value starts at `actor` (see
    /// `read`): past the actor's name and role and `recordedBy`, skipped as JSON strings; nil when the line is
    /// not laid out so, or the subject has an escape (no valid subject has one).
    static func subject(of line: UnsafeBufferPointer<UInt8>, from actor: Int) -> UnsafeBufferPointer<UInt8>? {
        var p = JSONParser(line)
        _ = p.take(count: actor)
        guard p.take(#"{"name":"#), p.skipString(), p.take(#","role":"#), p.skipString(), p.take(#"},"recordedBy":"#), p.skipString(),
              p.take(#","subject":""#)
        else { return nil }
        let start = p.position
        guard let end = line[start...].firstIndex(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }), line[end] == UInt8(ascii: "\"")
        else { return nil }
        return UnsafeBufferPointer(rebasing: line[start..<end])
    }

    private static let prevKey: StaticString = #","prev":""#
}

extension Event {
    /// The event's header: seq, id, times and hash-chain links.
    public var header: EventHeader { EventHeader(self) }
}
