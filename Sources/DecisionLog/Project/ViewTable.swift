/// A view at one moment: its name, columns and rows.
public struct ViewTable: Sendable, Equatable {
    /// The view's name, e.g. `launches`.
    public let name: String
    /// The columns, in display order.
    public let columns: [ViewColumn]
    /// The rows, in display order.
    public let rows: [ViewRow]

    /// A table; see the properties.
    public init(name: String, columns: [ViewColumn], rows: [ViewRow]) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }
}
