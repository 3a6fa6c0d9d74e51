/// Where a value came from: the event that set it. A shared, immutable reference: one per event, however
/// many values it set.
public final class Stamp: Sendable, Equatable {
    /// The event's seq.
    public let seq: Int
    /// The event's id.
    public let id: EventID
    /// When it took effect.
    public let effectiveAt: Timestamp
    /// When the log learned of it.
    public let recordedAt: Timestamp
    /// Who decided.
    public let actor: Actor
    /// Why, if the event said.
    public let reason: String?

    /// The stamp of `event`.
    public init(_ event: Event) {
        seq = event.seq
        id = event.id
        effectiveAt = event.effectiveAt
        recordedAt = event.recordedAt
        actor = event.actor
        reason = event.reason
    }

    public static func == (a: Stamp, b: Stamp) -> Bool { a.seq == b.seq && a.id == b.id }
}

/// One value a field took, and the event that set it.
public struct Change<Value: Sendable>: Sendable {
    /// The value.
    public let value: Value
    /// Its provenance.
    public let stamp: Stamp
}

/// Every value one field of one subject has taken, ordered by effective time (ties by seq), so the value in
/// force at any moment is a lookup, a back-dated event lands in its place, and a retraction removes exactly
/// the change its target made.
public struct History<Value: Sendable>: Sendable {
    /// The changes, ordered by (effective time, seq).
    public private(set) var changes: [Change<Value>] = []

    /// An empty history.
    public init() {}

    /// Adds a value set by the event stamped `stamp`, in effective-time order; `stamp` may be shared by
    /// every value the event sets.
    public mutating func record(_ value: Value, _ stamp: Stamp) {
        changes.append(Change(value: value, stamp: stamp))
        var index = changes.count - 1
        while index > 0, History.isBefore(changes[index].stamp, changes[index - 1].stamp) {
            changes.swapAt(index, index - 1)
            index -= 1
        }
    }

    /// Removes the change the event `id` made, if any (an event makes at most one change to a history).
    /// Searches from the newest end, where the events people correct usually are.
    public mutating func retract(_ id: EventID) {
        if let index = changes.lastIndex(where: { $0.stamp.id == id }) { changes.remove(at: index) }
    }

    /// The changes in force by `asOf`, oldest first.
    public func through(_ asOf: AsOf) -> ArraySlice<Change<Value>> {
        var low = 0, high = changes.count
        while low < high {
            let middle = (low + high) / 2
            let stamp = changes[middle].stamp
            if asOf.includes(stamp.effectiveAt, seq: stamp.seq) { low = middle + 1 } else { high = middle }
        }
        return changes[..<low]
    }

    /// The value in force by `asOf`, with its provenance.
    public func latest(_ asOf: AsOf) -> Change<Value>? { through(asOf).last }

    private static func isBefore(_ a: Stamp, _ b: Stamp) -> Bool {
        a.effectiveAt < b.effectiveAt || (a.effectiveAt == b.effectiveAt && a.seq < b.seq)
    }
}
