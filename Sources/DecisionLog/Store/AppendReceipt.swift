/// What an append did.
public struct AppendReceipt: Sendable {
    /// The events sealed and made durable, in order (for a dry run: the events that would have been).
    public let appended: [Event]
    /// Drafts whose id was already in the log with the same content, which were skipped (an append is
    /// idempotent by id; other content under a present id refuses the request as a conflict).
    public let alreadyPresent: [AlreadyPresent]
    /// The log's head afterwards.
    public let head: LogHead
    /// The rule breaks recorded, when the request did not enforce the rules (each "#seq subject: problem").
    public var ruleBreaks: [String] = []

    /// A draft skipped because its id is already in the log, with the same content (type, subject, actor,
    /// times, reason, links and payload).
    public struct AlreadyPresent: Sendable, Equatable {
        /// The id.
        public let id: EventID
        /// The seq of the event that has it.
        public let seq: Int
    }
}
