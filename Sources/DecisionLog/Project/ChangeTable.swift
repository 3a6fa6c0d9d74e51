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
    /// The change at `index`, in effective order.
    func change(_ index: Int) -> Change<Value>
}
