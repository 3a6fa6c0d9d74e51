/// Where a change lies in its history, and the order of the event that made it: a provenance that costs no
/// allocation, for folds that read many changes and keep few (a metric's book), turned into the change's
/// `Stamp` (`History.stamp(at:)`) only for the changes that are shown.
public struct ChangePlace: Provenance {
    /// The change's index in its history, in effective order.
    public let index: Int
    /// The seq of the event that made it.
    public let seq: Int
    /// When that event took effect.
    public let effectiveAt: Timestamp
}
