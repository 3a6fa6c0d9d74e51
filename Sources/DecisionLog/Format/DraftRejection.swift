/// A problem the log found with one draft of an append request.
public struct DraftRejection: Sendable, Equatable {
    /// The draft's position in the request (0-based).
    public let position: Int
    /// What is wrong, with its path in the draft.
    public let issue: ValidationIssue
}
