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
    private let details: Details

    /// Who decided and why: held, or read from a checkpoint only when asked for (most stamps a checkpoint
    /// gives back are only compared and ordered).
    enum Details: Sendable {
        case held(Actor, String?)
        case checkpoint(CheckpointFile, offset: Int)
    }

    /// Who decided.
    public var actor: Actor {
        switch details {
        case .held(let actor, _): actor
        case .checkpoint(let file, let offset): file.actor(stampAt: offset)
        }
    }

    /// Why, if the event said.
    public var reason: String? {
        switch details {
        case .held(_, let reason): reason
        case .checkpoint(let file, let offset): file.reason(stampAt: offset)
        }
    }

    /// The stamp of `event`.
    public init(_ event: Event) {
        seq = event.seq
        id = event.id
        effectiveAt = event.effectiveAt
        recordedAt = event.recordedAt
        details = .held(event.actor, event.reason)
    }

    /// A stamp a checkpoint keeps, its actor and reason at `offset` in the file's stamp table.
    init(seq: Int, id: EventID, effectiveAt: Timestamp, recordedAt: Timestamp, details: Details) {
        self.seq = seq
        self.id = id
        self.effectiveAt = effectiveAt
        self.recordedAt = recordedAt
        self.details = details
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
///
/// A history loaded from a checkpoint stays in the mapped file — looked up there, each value decoded only
/// when asked for — until an event changes it, when it is read into memory.
public struct History<Value: Sendable>: Sendable {
    private var stored: [Change<Value>] = []
    private var mapped: MappedHistory<Value>? = nil

    /// An empty history.
    public init() {}

    /// A history as a checkpoint holds it.
    init(mapped: MappedHistory<Value>) { self.mapped = mapped }

    /// The changes, ordered by (effective time, seq).
    public var changes: [Change<Value>] { mapped.map { $0.changes(0..<$0.count) } ?? stored }

    /// How many changes.
    public var count: Int { mapped?.count ?? stored.count }

    /// The mapped form, when the history is still the checkpoint's (for writing the next checkpoint).
    var mappedForm: MappedHistory<Value>? { mapped }

    /// Adds a value set by the event stamped `stamp`, in effective-time order; `stamp` may be shared by
    /// every value the event sets.
    public mutating func record(_ value: Value, _ stamp: Stamp) {
        materialize()
        stored.append(Change(value: value, stamp: stamp))
        var index = stored.count - 1
        while index > 0, stored[index].stamp.precedes(stored[index - 1].stamp) {
            stored.swapAt(index, index - 1)
            index -= 1
        }
    }

    /// Removes the change the event `id` made, if any (an event makes at most one change to a history).
    /// Searches from the newest end, where the events people correct usually are.
    public mutating func retract(_ id: EventID) {
        if let mapped, !mapped.contains(id) { return }
        materialize()
        if let index = stored.lastIndex(where: { $0.stamp.id == id }) { stored.remove(at: index) }
    }

    /// The changes in force by `asOf`, oldest first.
    public func through(_ asOf: AsOf) -> ArraySlice<Change<Value>> {
        if let mapped { return mapped.changes(0..<mapped.countThrough(asOf))[...] }
        var low = 0, high = stored.count
        while low < high {
            let middle = (low + high) / 2
            let stamp = stored[middle].stamp
            if asOf.includes(stamp.effectiveAt, seq: stamp.seq) { low = middle + 1 } else { high = middle }
        }
        return stored[..<low]
    }

    /// The value in force by `asOf`, with its provenance.
    public func latest(_ asOf: AsOf) -> Change<Value>? {
        if let mapped {
            let count = mapped.countThrough(asOf)
            return count == 0 ? nil : mapped.change(count - 1)
        }
        return through(asOf).last
    }

    /// The first change, in effective order (read alone from a checkpoint's mapped form).
    public var first: Change<Value>? {
        if let mapped { return mapped.count == 0 ? nil : mapped.change(0) }
        return stored.first
    }

    /// Reads a checkpoint's changes into memory, before an event changes them.
    private mutating func materialize() {
        guard let mapped else { return }
        stored = mapped.changes(0..<mapped.count)
        self.mapped = nil
    }
}
extension Stamp: Provenance {}
