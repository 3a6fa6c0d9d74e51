/// A line longer than `EventLine.maximumLength`: not something the log writes.
public struct OverlongLine: Error, Sendable, Equatable {
    /// The 1-based number of the line.
    public let lineNumber: Int
    /// Its byte offset in the file.
    public let offset: Int64
}
