/// Every value one field of one subject has taken, ordered by effective time (ties by seq), so the value in
/// force at any moment is a lookup, a back-dated event lands in its place, and a retraction removes exactly
/// the change its target made.
///
/// A history loaded from a checkpoint stays in the mapped file — looked up there, each value decoded only
/// when asked for — until an event changes it, when it is read into memory.
public struct History<Value: Sendable>: Sendable {
    private var stored: [Change<Value>] = []
    private var mapped: (any ChangeTable<Value>)? = nil

    /// An empty history.
    public init() {}

    /// A history kept in `table` (a checkpoint's), read from there until an event changes it.
    init(kept table: any ChangeTable<Value>) { self.mapped = table }

    /// The changes, ordered by (effective time, seq).
    public var changes: [Change<Value>] { mapped.map { $0.changes(0..<$0.count) } ?? stored }

    /// How many changes.
    public var count: Int { mapped?.count ?? stored.count }

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

    /// The values in force by `asOf`, oldest first, each with its place (and no stamp made): for folds that read
    /// many changes and show few; `stamp(at:)` gives the stamp of one that is shown.
    public func placedValues(through asOf: AsOf) -> some Sequence<(value: Value, source: ChangePlace)> {
        let mapped = mapped, stored = stored
        let count = mapped?.countThrough(asOf) ?? through(asOf).count
        return (0..<count).lazy.map { index in
            if let mapped { return (mapped.value(index), mapped.place(index)) }
            let change = stored[index]
            return (change.value, ChangePlace(index: index, seq: change.stamp.seq, effectiveAt: change.stamp.effectiveAt))
        }
    }

    /// The stamp of the change at `place` (one `placedValues(through:)` gave).
    public func stamp(at place: ChangePlace) -> Stamp { mapped?.stamp(place.index) ?? stored[place.index].stamp }

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
