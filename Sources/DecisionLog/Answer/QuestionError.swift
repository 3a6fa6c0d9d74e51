/// Why a question of the log has no answer.
public enum QuestionError: Error, Equatable, Sendable {
    /// A point named `#seq`, and the log (or the part of it known at the cut) ends at `lastSeq`.
    case noSuchEvent(Int, lastSeq: Int)
    /// A period whose start (labelled `from`) is not before its end (labelled `to`).
    case emptyPeriod(from: String, to: String)

    /// What is wrong, in a sentence without advice: "there is no event #90 in the log (it ends at #47)".
    public var problem: String {
        switch self {
        case .noSuchEvent(let seq, let last):
            "there is no event #\(seq) in the log" + (last > 0 ? " (it ends at #\(last))" : "")
        case .emptyPeriod(let from, let to):
            "the period is empty: its start (\(from)) is not before its end (\(to))"
        }
    }
}
