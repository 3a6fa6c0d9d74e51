/// Drafts to append, and the conditions they are appended under.
public struct AppendRequest: Sendable {
    /// The events to seal, in order.
    public var drafts: [ValidatedDraft]
    /// Who is typing; goes into each event's `recordedBy`.
    public var recordedBy: String
    /// When set, the append is refused unless the subject has exactly this many events (optimistic
    /// concurrency: "I am changing the version I saw").
    public var expectedVersion: (subject: Subject, count: Int)?
    /// When true, every check runs and the events are sealed, but nothing is written (or signed).
    public var dryRun: Bool
    /// When set, the events are signed (see `AppendSigning`) before anything is written.
    public var signing: AppendSigning?
    /// Whether an event that breaks the domain rules (`DomainRules`) refuses the request (the default), or is
    /// recorded and listed in the receipt — for a merge, which joins events each side already accepted.
    public var enforcesRules = true
    /// Whether the person typing confirmed that the new names among the drafts are new people, not typos of
    /// people the log knows (`People`).
    public var confirmsNewPeople = false
    /// The key this person's id index (`EventIDIndex`) is made and checked with, and how many events past it
    /// an append that reads the whole log must find to write a new one; nil reads the log for every id.
    public var idIndex: (key: CheckpointKey, interval: Int)?

    /// A request; see the properties.
    public init(drafts: [ValidatedDraft], recordedBy: String, expectedVersion: (subject: Subject, count: Int)? = nil,
                dryRun: Bool = false, signing: AppendSigning? = nil) {
        self.drafts = drafts
        self.recordedBy = recordedBy
        self.expectedVersion = expectedVersion
        self.dryRun = dryRun
        self.signing = signing
    }
}
