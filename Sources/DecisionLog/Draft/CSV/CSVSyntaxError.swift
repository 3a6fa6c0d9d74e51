/// Text that is not CSV: where, and what is wrong.
public struct CSVSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line.
    public let line: Int
    /// What is wrong, and what to do.
    public let message: String

    public var description: String { "line \(line): \(message)" }
}
