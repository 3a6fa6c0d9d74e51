/// Who decided: a person and the role they decided in (CMO, CPO, PM, Sales, CS, …).
public struct Actor: Sendable, Hashable, CustomStringConvertible {
    /// The person's name as the team writes it, e.g. "Dana Reyes".
    public let name: String
    /// The role they decided in, e.g. "CMO".
    public let role: String

    /// An actor; the caller has validated both parts (see `EventDraft`).
    public init(name: String, role: String) {
        self.name = name
        self.role = role
    }

    /// "Dana Reyes (CMO)".
    public var description: String { "\(name) (\(role))" }
}
