/// Why a stored line could not be read as an event.
public struct EventDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, e.g. `payload.date: expected a date (YYYY-MM-DD), got "soon"`.
    public let message: String
    /// True when the line was written by a newer version of the tool (an unknown type or schema version).
    public let needsNewerTool: Bool

    public var description: String { message }
}
