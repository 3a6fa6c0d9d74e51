extension TeamTypes {
    /// Field names a team type cannot use: the envelope's members and the options `decisionlog add` has of
    /// its own, which a field's option would clash with.
    public static let reservedFieldNames: Set<String> = Set(EventDraft.allowedMembers + EventDraft.sealedMembers)
        .union(["effective", "link", "role", "json", "dry-run", "expect-version", "log", "help"])
}
