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
    /// The last event any check needs, and the last a checkpoint follows (after it, no view is folded).
    private let last: Int
    private let lastCheckpoint: Int
    /// The id index to check, the fingerprint of its table, and the sum of the fingerprints of the events
    /// read so far.
    private var ids: (index: EventIDIndex, expected: UInt64, read: UInt64)? = nil

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
        // The id index: one that fails its own checks was never used and is removed (a warning); one that
        // passes them is compared with the log below.
        if EventIDIndex.isPresent(in: checkpoints.logFolder) {
            if let index = EventIDIndex.load(checkpoints.logFolder, logID: checkpoints.logID, key: checkpoints.key), let expected = index.fingerprint() {
                ids = (index, expected, 0)
            } else {
                audit.rejected.append(.init(view: "ids", seq: 0, problem: "was not written by your decisionlog for this log, or was changed since"))
                EventIDIndex.remove(in: checkpoints.logFolder)
            }
        }
        lastCheckpoint = wanted.keys.max() ?? 0
        last = max(lastCheckpoint, ids?.index.seq ?? 0)
    }

    /// Whether any event needs observing: false when there is no checkpoint and no id index to check.
    public var needsEvents: Bool { last > 0 }

    /// Takes in the next verified event, whose line lies at `span`.
    public func observe(_ event: Event, _ span: LineSpan) {
        guard event.seq <= last else { return }
        if let index = ids?.index, event.seq <= index.seq {
            ids!.read &+= EventIDIndex.fingerprint(EventIDIndex.Entry(id: event.id, seq: event.seq, span: span))
            if event.seq == index.seq {
                if ids!.read == ids!.expected && event.hash == index.hash && span == index.span {
                    audit.indexedIDs = index.count
                } else {
                    audit.disagreeing.append(.init(view: "ids", seq: index.seq, problem: "places events otherwise than the log has them"))
                    EventIDIndex.remove(in: checkpoints.logFolder)
                }
            }
        }
        guard event.seq <= lastCheckpoint else { return }
        _ = registered.problem(with: event)
        let stamp = Stamp(event)
        for runner in runners.values { runner.fold(event, stamp) }
        for (view, stored) in wanted[event.seq] ?? [] {
            var writer = CheckpointWriter()
            runners[view.name]!.save?(&writer)
            let header = CheckpointFile.Header(view, after: LogHead.Link(seq: event.seq, hash: event.hash), recordedAt: event.recordedAt, at: span, registered: registered, logID: checkpoints.logID)
            if checkpoints.bytes(writer, header) == stored {
                audit.matching += 1
            } else {
                audit.disagreeing.append(.init(view: view.name, seq: event.seq, problem: "holds another state than a replay of the log to that event gives"))
                checkpoints.remove(view.name, seq: event.seq)
            }
        }
        if event.seq == lastCheckpoint { runners.removeAll() }
    }

    /// What was found, once every event was observed.
    public func finish() -> CheckpointAudit {
        // An index of more events than the log holds was never used.
        if let index = ids?.index, audit.indexedIDs == nil, !audit.disagreeing.contains(where: { $0.view == "ids" }) {
            audit.rejected.append(.init(view: "ids", seq: index.seq, problem: "places more events than the log holds"))
            EventIDIndex.remove(in: checkpoints.logFolder)
        }
        return audit
    }
}
