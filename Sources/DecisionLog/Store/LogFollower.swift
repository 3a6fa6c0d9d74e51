/// Reads a log's events as they are appended (`log --follow`): each call hands over the events after the
/// last one it handed over, by their place in the log, so none is missed or repeated whatever happens
/// between calls (a reconnect, a wake-up for nothing).
public struct LogFollower {
    private let store: any EventStore
    private var position = LogPosition.start
    private var registered = RegisteredTypes()

    /// A follower at the start of `store`'s log.
    public init(_ store: any EventStore) { self.store = store }

    /// The last seq handed over (0 before any).
    public private(set) var lastSeq = 0

    /// Calls `visit` with each event after the last one handed over, in seq order, with its stored line
    /// (valid only during the call); returns how many. Throws as `EventStore.forEachEvent`.
    public mutating func next(_ visit: (_ event: Event, _ line: UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        var count = 0
        var unchecked: ChainWalk? = nil
        var reached = position
        var seq = lastSeq
        _ = try store.forEachEvent(from: position, registered: &registered, chain: &unchecked) { event, line, span in
            try visit(event, line)
            count += 1
            seq = event.seq
            reached = LogPosition(offset: span.end, line: event.seq + 1)
            return true
        }
        position = reached
        lastSeq = seq
        return count
    }
}
