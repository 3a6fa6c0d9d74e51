/// A pattern that cannot be compiled: what is wrong and at which character (0-based) of it.
public struct PatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The position in the pattern, in characters.
    public let position: Int
    /// What is wrong, and what to write instead where there is something to say.
    public let message: String

    public var description: String { "\(message) (at character \(position + 1))" }
}
