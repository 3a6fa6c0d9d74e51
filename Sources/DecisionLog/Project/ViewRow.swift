/// One row of a view: its key (what diffs match rows by) and its cells by column key.
public struct ViewRow: Sendable, Equatable {
    /// Identifies the row across moments, e.g. `launch/atlas` or `feature/sso moscow`.
    public let key: String
    /// The subject the row is about.
    public let subject: Subject?
    /// Cells by column key; a missing cell is empty.
    public let cells: [String: Cell]

    /// A row; see the properties.
    public init(key: String, subject: Subject?, cells: [String: Cell]) {
        self.key = key
        self.subject = subject
        self.cells = cells
    }

    /// The cell of `column`, or an empty one.
    public subscript(column: String) -> Cell { cells[column] ?? Cell(.null) }
}
