/// The end of a log: the last event's seq, hash and recorded time (seq 0 and the zero hash when empty).
public struct LogHead: Sendable, Equatable, CustomStringConvertible {
    /// The last seq, 0 for an empty log.
    public let seq: Int
    /// The last event's hash, `Digest.zero` for an empty log.
    public let hash: Digest
    /// The last event's recorded time; the next event's is never earlier.
    public let recordedAt: Timestamp

    /// The head of a log with no events.
    public static let empty = LogHead(seq: 0, hash: .zero, recordedAt: Timestamp(milliseconds: .min))

    /// A head; see the properties.
    public init(seq: Int, hash: Digest, recordedAt: Timestamp) {
        self.seq = seq
        self.hash = hash
        self.recordedAt = recordedAt
    }

    /// `seq:hash`, the form `verify --head` takes.
    public var description: String { "\(seq):\(hash.hex)" }

    /// The head's event as a link in the chain: its seq and hash.
    public var link: Link { Link(seq: seq, hash: hash) }

    /// An event named by its seq and hash (seq 0 and `Digest.zero` before the first event).
    public struct Link: Sendable, Equatable {
        /// The event's seq.
        public let seq: Int
        /// The event's hash.
        public let hash: Digest

        /// A link; see the properties.
        public init(seq: Int, hash: Digest) {
            self.seq = seq
            self.hash = hash
        }
    }
}
