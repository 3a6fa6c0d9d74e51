/// A history's changes kept outside memory (a checkpoint's entry table), searched where they lie and each
/// value read only when asked for.
protocol ChangeTable<Value>: Sendable {
    /// The kind of value the history holds.
    associatedtype Value: Sendable
    /// How many changes.
    var count: Int { get }
    /// How many changes are in force by `asOf` (the first ones, in effective order).
    func countThrough(_ asOf: AsOf) -> Int
    /// Whether the event `id` made one of the changes.
    func contains(_ id: EventID) -> Bool
    /// The value of the change at `index`, in effective order, decoded.
    func value(_ index: Int) -> Value
    /// The place of the change at `index` (its order, read from the table; no stamp is made).
    func place(_ index: Int) -> ChangePlace
    /// The stamp of the change at `index`.
    func stamp(_ index: Int) -> Stamp
}

extension ChangeTable {
    /// The change at `index`, in effective order.
    func change(_ index: Int) -> Change<Value> { Change(value: value(index), stamp: stamp(index)) }

    /// The changes at `range`, in effective order.
    func changes(_ range: Range<Int>) -> [Change<Value>] { range.map(change) }
}
