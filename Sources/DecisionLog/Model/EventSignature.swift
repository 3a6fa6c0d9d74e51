/// Who vouches for an event: an SSH signature (`ssh-keygen -Y sign -n decisionlog`) over its hash, stored in
/// the event's line after the `hash` member, outside what the hash covers. One signature may vouch for a
/// run of events — an import's, a merge's re-sealed ones — by signing the last one's hash, which the chain
/// makes cover every event before it.
public struct EventSignature: Sendable, Equatable {
    /// How many events it vouches for: the event that carries it and the `events - 1` before it.
    public let events: Int
    /// The SSHSIG blob in base64, without the armor lines.
    public let ssh: String

    /// The namespace every signature is made in, so it cannot be passed off as a signature for anything else.
    public static let namespace = "decisionlog"

    /// A signature; nil unless `events` is at least 1 and `ssh` is non-empty base64 in its one canonical form.
    public init?(events: Int, ssh: String) {
        guard events >= 1, !ssh.isEmpty, let blob = Base64.decode(ssh.utf8), !blob.isEmpty else { return nil }
        self.events = events
        self.ssh = ssh
    }

    /// The signature in `armored` (what `ssh-keygen -Y sign` writes) vouching for `events` events; nil when it
    /// is not an armored SSH signature.
    public init?(armored: String, events: Int) {
        let lines = armored.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { String($0).trimmingWhitespace }
        guard let begin = lines.firstIndex(of: "-----BEGIN SSH SIGNATURE-----"), let end = lines.firstIndex(of: "-----END SSH SIGNATURE-----"),
              begin < end, let blob = Base64.decode(lines[(begin + 1)..<end].joined().utf8) else { return nil }
        self.init(events: events, ssh: Base64.encode(blob))
    }

    /// The bytes signed for the event with `hash`: its 64 hex digits, followed by a space and the count when
    /// the signature vouches for more than that event (so the count cannot be changed either).
    public static func message(for hash: Digest, events: Int) -> [UInt8] {
        Array((events == 1 ? hash.hex : "\(hash.hex) \(events)").utf8)
    }

    /// The armored form `ssh-keygen -Y verify` reads: the base64 in lines of 70, between the armor lines.
    public var armored: String {
        var lines = ["-----BEGIN SSH SIGNATURE-----"]
        var rest = Substring(ssh)
        while !rest.isEmpty { lines.append(String(rest.prefix(70))); rest = rest.dropFirst(70) }
        return (lines + ["-----END SSH SIGNATURE-----", ""]).joined(separator: "\n")
    }

    /// The positions (in a log's events, in order) of the run a signature at `index` claiming `events` vouches
    /// for: from `index - events + 1`, but never before the event after the previous signature (`previous`),
    /// up to `index`. Runs are written so (an import's, a merge's re-sealed ones) and so never overlap; a
    /// claim reaching further back is cut there.
    public static func run(endingAt index: Int, claiming events: Int, after previous: Int?) -> ClosedRange<Int> {
        max(index - (events - 1), (previous ?? -1) + 1, 0)...index
    }

    /// Appends the line's `,"signature":{…}` member: `events` (left out when 1), then `ssh`.
    func appendMember(to out: inout [UInt8]) {
        out.append(contentsOf: #","signature":{"#.utf8)
        if events > 1 { out.append(contentsOf: #""events":"#.utf8); CanonicalJSON.appendInteger(events, to: &out); out.append(UInt8(ascii: ",")) }
        out.append(contentsOf: #""ssh":""#.utf8)
        out.append(contentsOf: ssh.utf8)
        out.append(contentsOf: #""}"#.utf8)
    }

    /// The signature whose member is exactly `member` (`,"signature":{…}` as `appendMember` writes it); nil
    /// for anything else.
    static func parseMember(_ member: UnsafeRawBufferPointer) -> EventSignature? {
        var p = JSONParser(member.assumingMemoryBound(to: UInt8.self))
        guard p.take(#","signature":{"#) else { return nil }
        var events = 1
        if p.take(#""events":"#) {
            guard let count = p.takeInteger(), count >= 2, p.take(",") else { return nil }
            events = count
        }
        guard p.take(#""ssh":""#), member.count >= p.position + 2, member[member.count - 2] == UInt8(ascii: "\""),
              member[member.count - 1] == UInt8(ascii: "}") else { return nil }
        let text = UnsafeRawBufferPointer(rebasing: member[p.position..<(member.count - 2)])
        guard let blob = Base64.decode(text), Base64.encode(blob).utf8.elementsEqual(text) else { return nil }
        return EventSignature(events: events, ssh: String(decoding: text, as: UTF8.self))
    }

    /// The signature a general JSON `value` of a line's `signature` member describes; throws saying what is
    /// wrong with it.
    static func decode(_ value: JSONValue) throws(EventDecodingError) -> EventSignature {
        func fail(_ message: String) -> EventDecodingError { EventDecodingError(message: "signature: \(message)", needsNewerTool: false) }
        guard case .object(let members) = value else { throw fail("expected an object with ssh and, for a run, events") }
        for key in members.keys.sorted() where key != "ssh" && key != "events" { throw fail("unexpected member \"\(key)\"") }
        var events = 1
        if let count = members["events"] {
            guard case .number(let n) = count, n >= 1, n == n.rounded(), n < 1e15 else { throw fail("events: expected a positive integer") }
            events = Int(n)
        }
        guard case .string(let ssh)? = members["ssh"], let signature = EventSignature(events: events, ssh: ssh) else {
            throw fail("ssh: expected an SSH signature in base64")
        }
        return signature
    }
}
