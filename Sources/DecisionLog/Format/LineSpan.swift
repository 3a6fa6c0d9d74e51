/// Where a line lies in the events file: from its first byte up to (not including) the next line's.
public struct LineSpan: Sendable, Equatable {
    /// The line's first byte.
    public let start: Int64
    /// Just past its newline.
    public let end: Int64
}
