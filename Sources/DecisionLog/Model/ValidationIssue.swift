/// One thing wrong with a draft: where (a JSON path such as `payload.target`) and what was expected.
public struct ValidationIssue: Sendable, Equatable, CustomStringConvertible {
    /// The JSON path of the offending value, e.g. `payload.deciders[1]`; empty for the draft as a whole.
    public let path: String
    /// What is wrong, e.g. `expected a number, got "fast"`.
    public let message: String

    /// An issue at `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `payload.target: expected a number, got "fast"`.
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
