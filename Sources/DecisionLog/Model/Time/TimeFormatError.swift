/// A date or time text that could not be read, and why.
public struct TimeFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    /// What is wrong with it, e.g. "month 13 is not between 1 and 12".
    public let problem: String

    public var description: String { "\"\(text.quotedForMessage)\": \(problem)" }
}
