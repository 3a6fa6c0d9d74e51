/// The changes of one row.
public struct RowChange: Sendable, Equatable {
    /// The row's key.
    public let key: String
    /// The subject the row is about.
    public let subject: Subject?
    /// Each changed value, in column order.
    public let changes: [FieldChange]
}
