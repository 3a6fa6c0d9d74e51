/// What `verify` found about a log's checkpoints: each is either proven to hold exactly the state a replay
/// of the log gives at its event, or reported and removed.
public struct CheckpointAudit: Sendable {
    /// A checkpoint that was removed, and why.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        /// The view.
        public let view: String
        /// The event the checkpoint follows.
        public let seq: Int
        /// What is wrong, in words.
        public let problem: String

        public var description: String {
            guard view == "ids" else { return "the checkpoint of \(view) at #\(seq) \(problem)" }
            return seq == 0 ? "the id index \(problem)" : "the id index at #\(seq) \(problem)"
        }
    }

    /// How many checkpoints matched a replay.
    public internal(set) var matching = 0
    /// Checkpoints that passed their own checks (MAC, log, event) but hold another state than a replay of the
    /// log gives: answers from them would have been wrong. Removed.
    public internal(set) var disagreeing: [Finding] = []
    /// Checkpoints that fail their own checks — not written by this person's decisionlog, changed since, of
    /// another log or version, or their event no longer where it was. Never used; removed.
    public internal(set) var rejected: [Finding] = []
    /// How many events the id index (`EventIDIndex`) was proven to place, every one where the log has it;
    /// nil when there is none (or it failed and was removed: then it is among `disagreeing`).
    public internal(set) var indexedIDs: Int? = nil
}

extension CheckpointStore {
    /// Checks every checkpoint of `store`'s log against a replay up to its event, verifying the log as it
    /// goes (see `CheckpointAuditor`). Throws `LogError` when the log fails verification or cannot be read.
    public func audit(_ store: any EventStore) throws(LogError) -> CheckpointAudit {
        let auditor = CheckpointAuditor(self)
        _ = try store.verify(expecting: nil, progress: nil, observe: auditor.observe, judge: nil)
        return auditor.finish()
    }

    /// What is wrong with the checkpoint file `bytes` as `view`'s at `seq` on its own, or nil.
    func problem(with bytes: [UInt8], view: ViewKind, seq: Int) -> String? {
        guard isOwn(view.name, seq: seq) else { return "belongs to someone else or can be written by others" }
        guard let file = checked(bytes) else { return "was not written by your decisionlog, or was changed since (its MAC does not match)" }
        return problem(with: file.header, view: view.name, version: view.checkpointVersion, seq: seq)
    }
}

extension CheckpointFile.Header {
    /// The header of `view`'s checkpoint after `event`, whose line lies at `span`, with the team types
    /// `registered` by then, in the log `logID`.
    init(_ view: ViewKind, after event: LogHead.Link, recordedAt: Timestamp, at span: LineSpan, registered: RegisteredTypes, logID: EventID) {
        self.init(view: view.name, stateVersion: view.checkpointVersion!, logID: logID, seq: event.seq, hash: event.hash,
                  recordedAt: recordedAt, lineStart: span.start, lineEnd: span.end, registered: registered.keys)
    }
}
