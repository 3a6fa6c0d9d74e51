/// One value a field took, and the event that set it.
public struct Change<Value: Sendable>: Sendable {
    /// The value.
    public let value: Value
    /// Its provenance.
    public let stamp: Stamp
}
