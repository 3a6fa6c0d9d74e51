/// A head kept outside the log (`decisionlog head` prints one), which `verify --head` proves the log still
/// contains: the event with that seq, with that hash. It catches what the chain alone cannot — a log
/// re-hashed from some event onwards.
public struct RecordedHead: Sendable, Equatable, CustomStringConvertible {
    /// The event's seq.
    public let seq: Int
    /// Its hash.
    public let hash: Digest

    /// A recorded head; see the properties.
    public init(seq: Int, hash: Digest) {
        self.seq = seq
        self.hash = hash
    }

    /// Reads `<seq>:<hash>` (`#` before the seq allowed, the hash in 64 hex digits); nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let seqText = parts[0].hasPrefix("#") ? parts[0].dropFirst() : parts[0]
        guard let seq = Int(seqText), seq >= 1, seqText.allSatisfy(\.isASCII), let hash = Digest(hex: String(parts[1])) else { return nil }
        self.init(seq: seq, hash: hash)
    }

    /// The problem when event `seq`'s hash is `found` rather than this head's; nil when they agree.
    func problem(ifHashIs found: Digest, line: Int) -> IntegrityProblem? {
        guard found != hash else { return nil }
        return IntegrityProblem(.headMissing, line: line, seq: seq,
                                "its hash is \(found.hex), not the recorded \(hash.hex): the log was rewritten at or before this event")
    }

    /// The problem when the log ends at `head`, before this head's seq; nil when it reaches it.
    func problem(ifLogEndsAt head: LogHead) -> IntegrityProblem? {
        guard head.seq < seq else { return nil }
        return IntegrityProblem(.headMissing, line: head.seq + 1, seq: seq,
                                "the log ends at #\(head.seq), before the recorded head: events were removed")
    }

    /// `seq:hash`.
    public var description: String { "\(seq):\(hash.hex)" }
}
