/// One row of a view: its key (what diffs match rows by) and its cells by column key.
public struct ViewRow: Sendable, Equatable {
    /// Identifies the row across moments, e.g. `launch/atlas` or `feature/sso moscow`.
    public let key: String
    /// The subject the row is about.
    public let subject: Subject?
    /// The cells with their column keys, in the order given (a row has a dozen at most: a scan beats hashing,
    /// and tens of thousands of rows are built and compared at a time).
    private let cells: [Entry]

    /// A cell and the key of its column.
    private struct Entry: Sendable, Equatable {
        let column: String
        let cell: Cell
    }

    /// A row; `cells` by column key (a missing cell is empty; of a key given twice, the first counts).
    public init(key: String, subject: Subject?, cells: KeyValuePairs<String, Cell>) {
        self.key = key
        self.subject = subject
        self.cells = cells.map { Entry(column: $0.key, cell: $0.value) }
    }

    /// The cell of `column`, or an empty one.
    public subscript(column: String) -> Cell {
        for entry in cells where entry.column == column { return entry.cell }
        return Cell(.null)
    }
}
