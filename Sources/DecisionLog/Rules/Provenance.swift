/// Where an event falls in effective order: its effective time, then its seq. Every rule walks a subject's
/// events in this order, so a back-dated event lands where it took effect.
public protocol Provenance: Sendable {
    /// The event's seq.
    var seq: Int { get }
    /// When it took effect.
    var effectiveAt: Timestamp { get }
}
