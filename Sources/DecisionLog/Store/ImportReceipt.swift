/// What an import did (or, for a dry run, would do).
public struct ImportReceipt: Sendable {
    /// How many drafts the file holds (its non-blank lines, its rows).
    public let drafts: Int
    /// How many events were recorded.
    public let recorded: Int
    /// The first event recorded, and the last (with its signature when signed); nil when none was.
    public let first: Event?
    public let last: Event?
    /// Drafts skipped because the log holds their id with the same content.
    public let alreadyPresent: Int
    /// Of those, the rows without an id or an effective date (taken for the events they match, which may be
    /// new decisions that only look the same), and the seq of the first such event.
    public let undatedMatches: (count: Int, firstSeq: Int?)
    /// The log's head afterwards.
    public let head: LogHead
}

/// Why an import recorded nothing: every line whose draft is invalid, or that the log refuses.
public struct ImportRefusal: Error, Sendable {
    /// How many drafts the file holds.
    public let drafts: Int
    /// How many lines are refused.
    public let refused: Int
    /// The first lines refused (at most `ImportRefusal.listed`), each with every problem, in line order.
    public let lines: [(number: Int, issues: [ValidationIssue])]
    /// Whether the only problems are ids the log holds with other content (a conflict, status 3).
    public let isConflict: Bool

    /// How many refused lines are listed; the rest are counted.
    public static let listed = 1_000
}
