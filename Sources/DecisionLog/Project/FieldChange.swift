/// One changed value.
public struct FieldChange: Sendable, Equatable {
    /// The column's key.
    public let field: String
    /// The value before.
    public let before: Cell
    /// The value after.
    public let after: Cell
    /// The change in the view's words, e.g. "Must → Should" or "launch 2025-09-01 → 2025-09-22 (+21 days)".
    public let text: String
}
