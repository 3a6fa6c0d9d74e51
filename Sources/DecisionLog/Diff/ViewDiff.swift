/// How one view changed between two moments: rows added, rows removed, and rows whose values changed, each
/// change in the view's own words.
public struct ViewDiff: Sendable, Equatable {
    /// The view's name.
    public let view: String
    /// Rows present only at the later moment.
    public let added: [ViewRow]
    /// Rows present only at the earlier moment.
    public let removed: [ViewRow]
    /// Rows present at both whose compared values differ.
    public let changed: [RowChange]

    /// True when nothing changed.
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    /// The differences between `before` and `after`, two tables of `view`; rows match by key.
    public init(_ view: ViewKind, before: ViewTable, after: ViewTable) {
        self.view = view.name
        let beforeRows = Dictionary(before.rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let afterKeys = Set(after.rows.map(\.key))
        added = after.rows.filter { beforeRows[$0.key] == nil }
        removed = before.rows.filter { !afterKeys.contains($0.key) }
        changed = after.rows.compactMap { row in
            guard let old = beforeRows[row.key] else { return nil }
            let changes = RowChange.fieldChanges(view, from: old, to: row)
            return changes.isEmpty ? nil : RowChange(key: row.key, subject: row.subject, changes: changes)
        }
    }
}
