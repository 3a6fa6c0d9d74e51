/// A draft that cannot be recorded, with every problem found (not only the first).
public struct ValidationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every problem, in the order found.
    public let issues: [ValidationIssue]

    /// A failure made of `issues` (at least one).
    public init(_ issues: [ValidationIssue]) { self.issues = issues }

    public var description: String { issues.map(\.description).joined(separator: "; ") }
}
