/// What `repair` did.
public struct RepairReport: Sendable, Equatable {
    /// Bytes cut from the end of the events file (0 when there was nothing to cut).
    public let removedBytes: Int
    /// True when what was cut was an append interrupted before it was acknowledged (else an incomplete line).
    public let removedInterruptedAppend: Bool
    /// True when the last line was a complete, valid event missing only its newline, which was added.
    public let completedLastLine: Bool
    /// Where a copy of the cut bytes was kept.
    public let savedCopy: String?
    /// The log's head after the repair.
    public let head: LogHead
    /// What stood in the lock file's place and was replaced by a fresh lock file (a symbolic link, a FIFO…),
    /// when something did.
    public var replacedLock: String? = nil
}
