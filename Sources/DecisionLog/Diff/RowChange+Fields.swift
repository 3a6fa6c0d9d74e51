extension RowChange {
    /// The compared cells of `view` that differ between two versions of a row.
    static func fieldChanges(_ view: ViewKind, from before: ViewRow, to after: ViewRow) -> [FieldChange] {
        view.columns.compactMap { column in
            guard column.isCompared else { return nil }
            let (old, new) = (before[column.key], after[column.key])
            guard old.value != new.value else { return nil }
            return FieldChange(field: column.key, before: old, after: new, text: view.describeChange(column, from: old, to: new))
        }
    }
}
