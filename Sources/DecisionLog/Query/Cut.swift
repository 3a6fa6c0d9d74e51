/// Which events a view is built from, on both clocks.
///
/// - `knownThrough` limits recorded time: the log as it stood then (what was known). Because recorded time
///   never decreases along the log, this is always a prefix of the log.
/// - `asOf` limits effective time: the decisions in force then (what the plan was).
public struct Cut: Sendable, Equatable {
    /// The end of the log prefix that counts.
    public enum Known: Sendable, Equatable {
        /// Every event recorded.
        case everything
        /// Events with seq up to and including this one.
        case seq(Int)
        /// Events recorded up to and including this instant.
        case recorded(Timestamp)

        /// Whether `event` lies within the prefix.
        public func includes(_ event: Event) -> Bool { includes(seq: event.seq, recordedAt: event.recordedAt) }

        /// Whether the event with `header` lies within the prefix.
        public func includes(_ header: EventHeader) -> Bool { includes(seq: header.seq, recordedAt: header.recordedAt) }

        private func includes(seq eventSeq: Int, recordedAt: Timestamp) -> Bool {
            switch self {
            case .everything: true
            case .seq(let seq): eventSeq <= seq
            case .recorded(let instant): recordedAt <= instant
            }
        }
    }

    /// The known-at limit.
    public var known: Known
    /// The as-of limit.
    public var asOf: AsOf

    /// A cut; see the properties.
    public init(known: Known = .everything, asOf: AsOf) {
        self.known = known
        self.asOf = asOf
    }
}
