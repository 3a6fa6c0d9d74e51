/// Where reading a log starts: a line's byte offset in the events file and its 1-based number.
public struct LogPosition: Sendable, Equatable {
    /// The line's first byte.
    public let offset: Int64
    /// The line's number (its event's seq, in a log that verifies).
    public let line: Int

    /// A position; see the properties.
    public init(offset: Int64, line: Int) {
        self.offset = offset
        self.line = line
    }

    /// The start of the log.
    public static let start = LogPosition(offset: 0, line: 1)
}
