/// How a scan of a log file ended.
public struct ScanEnd: Sendable, Equatable {
    /// Complete (newline-terminated) lines visited.
    public let lines: Int
    /// Byte length of the complete lines: where the next line starts.
    public let completeLength: Int64
    /// Bytes after the last newline: an incomplete final line (an interrupted write), or 0.
    public let incompleteTailLength: Int
    /// True when the visitor asked to stop before the end.
    public let stoppedEarly: Bool
}
