/// A file of drafts to record, all or none, and the conditions it is recorded under (`EventStore.importDrafts`).
public struct ImportRequest {
    /// The drafts, read a part at a time (`DraftStream.partBytes`), twice: once to check them, once to seal
    /// and write them.
    public var drafts: DraftStream
    /// What validation needs from outside the drafts (the time and zone they are read in).
    public var context: DraftContext
    /// The log's schemas as read before the import; each reading of the file starts from a copy.
    public var schemas: SchemaRegistry
    /// The decider for drafts that name none.
    public var defaultActor: Actor?
    /// Who is typing; goes into each event's `recordedBy`.
    public var recordedBy: String
    /// When true, every check runs and the events are sealed, but nothing is written (or signed).
    public var dryRun = false
    /// When set, the key that signs the last event, for all of them (one run: an import is signed once).
    public var signer: SSHSigner?
    /// Whether the person typing confirmed that the new names among the drafts are new people.
    public var confirmsNewPeople = false
    /// The key this person's id index is made and checked with, and the interval (as `AppendRequest.idIndex`).
    public var idIndex: (key: CheckpointKey, interval: Int)?
    /// How many drafts are sealed and written together (the memory an import holds grows with it).
    public var partDrafts = 4_096
    /// Hears how far the import has got, from the importing thread.
    public var progress: (@Sendable (ImportProgress) -> Void)?

    /// A request; see the properties.
    public init(drafts: DraftStream, context: DraftContext, schemas: SchemaRegistry, defaultActor: Actor?, recordedBy: String) {
        self.drafts = drafts
        self.context = context
        self.schemas = schemas
        self.defaultActor = defaultActor
        self.recordedBy = recordedBy
    }
}

/// How far an import has got.
public enum ImportProgress: Sendable {
    /// Checking the drafts on their own: bytes of the file read, of how many.
    case checking(read: Int64, total: Int64)
    /// Checking them against the log: reading what the log holds that they need.
    case readingLog(drafts: Int)
    /// Sealing (and, unless a dry run, writing) them: bytes of the file read again, of how many.
    case recording(read: Int64, total: Int64)
    /// Making the events durable.
    case syncing
}
