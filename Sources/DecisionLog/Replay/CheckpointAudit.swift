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

        public var description: String { "the checkpoint of \(view) at #\(seq) \(problem)" }
    }

    /// How many checkpoints matched a replay.
    public internal(set) var matching = 0
    /// Checkpoints that passed their own checks (MAC, log, event) but hold another state than a replay of the
    /// log gives: answers from them would have been wrong. Removed.
    public internal(set) var disagreeing: [Finding] = []
    /// Checkpoints that fail their own checks — not written by this person's decisionlog, changed since, of
    /// another log or version, or their event no longer where it was. Never used; removed.
    public internal(set) var rejected: [Finding] = []
}

/// Checks a log's checkpoints against a replay as `verify` reads the log: made from the checkpoint files
/// (those failing their own checks are rejected and removed at once), shown every verified event in order
/// (`observe`), it folds the views that have checkpoints and compares each with the state at its event.
/// Confined to the thread that verifies.
public final class CheckpointAuditor {
    private let checkpoints: CheckpointStore
    private var audit = CheckpointAudit()
    /// The views to compare at each seq, with the bytes of their checkpoint files.
    private var wanted: [Int: [(view: ViewKind, stored: [UInt8])]] = [:]
    private var runners: [String: ProjectionRunner] = [:]
    private var registered = RegisteredTypes()
    private let last: Int

    /// An auditor of `checkpoints`' files; each that fails its own checks is recorded and removed now.
    public init(_ checkpoints: CheckpointStore) {
        self.checkpoints = checkpoints
        for view in Views.checkpointed {
            for seq in checkpoints.seqs(of: view.name) {
                guard let stored = checkpoints.stored(view.name, seq: seq) else { continue }
                if let problem = checkpoints.problem(with: stored, view: view, seq: seq) {
                    audit.rejected.append(.init(view: view.name, seq: seq, problem: problem))
                    checkpoints.remove(view.name, seq: seq)
                } else {
                    wanted[seq, default: []].append((view, stored))
                    if runners[view.name] == nil { runners[view.name] = view.makeRunner() }
                }
            }
        }
        last = wanted.keys.max() ?? 0
    }

    /// Takes in the next verified event, whose line lies at `span`.
    public func observe(_ event: Event, _ span: LineSpan) {
        guard event.seq <= last else { return }
        _ = registered.problem(with: event)
        let stamp = Stamp(event)
        for runner in runners.values { runner.fold(event, stamp) }
        for (view, stored) in wanted[event.seq] ?? [] {
            var writer = CheckpointWriter()
            runners[view.name]!.save?(&writer)
            let header = CheckpointFile.Header(view, after: event, at: span, registered: registered, logID: checkpoints.logID)
            if checkpoints.bytes(writer, header) == stored {
                audit.matching += 1
            } else {
                audit.disagreeing.append(.init(view: view.name, seq: event.seq, problem: "holds another state than a replay of the log to that event gives"))
                checkpoints.remove(view.name, seq: event.seq)
            }
        }
        if event.seq == last { runners.removeAll() }
    }

    /// What was found, once every event was observed.
    public func finish() -> CheckpointAudit { audit }
}

extension CheckpointStore {
    /// Checks every checkpoint of `store`'s log against a replay up to its event, verifying the log as it
    /// goes (see `CheckpointAuditor`). Throws `LogError` when the log fails verification or cannot be read.
    public func audit(_ store: any EventStore) throws(LogError) -> CheckpointAudit {
        let auditor = CheckpointAuditor(self)
        _ = try store.verify(expecting: nil, progress: nil, observe: auditor.observe)
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
    init(_ view: ViewKind, after event: Event, at span: LineSpan, registered: RegisteredTypes, logID: EventID) {
        self.init(view: view.name, stateVersion: view.checkpointVersion!, logID: logID, seq: event.seq, hash: event.hash,
                  recordedAt: event.recordedAt, lineStart: span.start, lineEnd: span.end, registered: registered.keys)
    }
}
