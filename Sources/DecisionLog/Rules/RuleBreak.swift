extension Provenance {
    /// Whether this event comes before `other` in effective order.
    func precedes(_ other: some Provenance) -> Bool { (effectiveAt, seq) < (other.effectiveAt, other.seq) }
}

extension Event: Provenance {}
extension Stamp: Provenance {}

/// An event that breaks one of the log's domain rules (docs/rules.md): what it is, what is wrong, and the
/// event it conflicts with. `add` refuses to record one; `verify` lists those an older log holds; the views
/// skip what their lifecycles refuse (docs/rules.md says how).
public struct RuleBreak: Sendable, Equatable {
    /// The seq of the event that breaks the rule.
    public let seq: Int
    /// Its subject.
    public let subject: Subject
    /// What is wrong, in a sentence without the event's own number: "moves launch/atlas after it shipped (#9)".
    public let problem: String
    /// The event it conflicts with, when there is one.
    public let conflicting: Int?
    /// A subject the event refers to that does not exist (for a did-you-mean).
    public let missing: Subject?

    /// A break; see the properties.
    public init(seq: Int, subject: Subject, problem: String, conflicting: Int? = nil, missing: Subject? = nil) {
        self.seq = seq
        self.subject = subject
        self.problem = problem
        self.conflicting = conflicting
        self.missing = missing
    }
}
