/// How a read of the log ended.
public struct ReadEnd: Sendable, Equatable {
    /// Lines visited.
    public let lines: Int
    /// True when the log ends with what an interrupted write left and no writer is busy with — an append
    /// that was never acknowledged, or an incomplete line — which readers skip (and `repair` removes).
    public let skippedInterruptedWrite: Bool
}
