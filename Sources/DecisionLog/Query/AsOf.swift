/// An effective-time limit: events effective before it, or at it with a seq no greater, count. The seq
/// breaks ties between events effective at the same instant, so "just before event #N" can be expressed.
public struct AsOf: Sendable, Equatable, Comparable {
    /// The instant, inclusive.
    public let instant: Timestamp
    /// Among events effective exactly at `instant`, those with this seq or lower count.
    public let seq: Int

    /// Everything effective at or before `instant`.
    public init(_ instant: Timestamp) {
        self.instant = instant
        seq = .max
    }

    /// Everything ordered at or before the event effective at `instant` with `seq`.
    public init(_ instant: Timestamp, seq: Int) {
        self.instant = instant
        self.seq = seq
    }

    /// Every effective time.
    public static let always = AsOf(.latest)

    /// Whether an event effective at `instant` with `seq` counts.
    @inline(__always) public func includes(_ instant: Timestamp, seq: Int) -> Bool {
        instant < self.instant || (instant == self.instant && seq <= self.seq)
    }

    public static func < (a: AsOf, b: AsOf) -> Bool { (a.instant, a.seq) < (b.instant, b.seq) }
}
