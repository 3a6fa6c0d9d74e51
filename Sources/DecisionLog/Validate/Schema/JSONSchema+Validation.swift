extension JSONSchema {
    /// Every way `value` breaks the schema, each with its JSON path under `path` (e.g. `payload.target`) and
    /// what was expected. `subject` names what the schema describes in messages about unknown members
    /// ("not a field of goal.set"). Empty when the value is valid.
    public func validate(_ value: JSONValue, path: String = "", subject: String = "this schema") -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        SchemaValidator(subject: subject, memo: isRecursive ? SchemaValidator.Memo() : nil).check(value, root, path, &issues)
        return issues
    }
}
