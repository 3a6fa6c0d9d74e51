/// One pass over the log, in seq order, folding every event within a known-at cut into the views asked for.
/// The result answers those views at any effective time (`table(_:asOf:)`).
///
/// Confined to one thread: the fold states are not shared.
public final class Replay {
    /// The log's configuration (time zone, fiscal year).
    public let configuration: LogConfig
    /// The last seq folded in.
    public private(set) var lastSeq = 0
    /// Whether the read skipped what an interrupted write left at the end of the log.
    public private(set) var skippedInterruptedWrite = false
    /// The effective time of each event asked for in `remembering`, by seq.
    public private(set) var effectiveTimes: [Int: Timestamp] = [:]
    /// With checkpoints to write: the seq of the first event read that did not match its hash or link to
    /// the one before (then no checkpoint is written past it); nil when every event read verified.
    public private(set) var chainBrokenAt: Int? = nil
    private var runners: [String: ProjectionRunner] = [:]

    /// Folds the events of `store` within `known` into `views`, noting the effective times of the seqs in
    /// `remembering` (for `--as-of #N`). With `checkpoints`, each view starts from its newest usable
    /// checkpoint within `known` and folds only the events after it; a view that folded `interval` events or
    /// more past its checkpoint, up to the end of the log, gets a new one — only when every event from the
    /// checkpoint it started from (or from the first event) matched its hash and linked to the one before,
    /// so a checkpoint always follows a verified prefix of the log. `progress` hears, every 16,384
    /// events, how far into the events file the replay has read (in bytes). Throws `LogError` for a log that
    /// cannot be read.
    public init(_ store: any EventStore, views: [ViewKind], known: Cut.Known, remembering: Set<Int> = [],
                checkpoints: CheckpointStore? = nil, progress: ((_ bytesRead: Int64) -> Void)? = nil) throws {
        configuration = store.configuration
        for view in views { runners[view.name] = view.makeRunner() }

        // Each view's starting point: its checkpoint's event, or 0.
        var starts: [String: Int] = [:]
        var files: [String: CheckpointFile] = [:]
        if let checkpoints {
            for view in views {
                guard let file = checkpoints.best(for: view.name, version: view.checkpointVersion, within: known) else { continue }
                var reader = CheckpointReader(file)
                do throws(CheckpointError) {
                    try runners[view.name]!.load?(&reader)
                    starts[view.name] = file.header.seq
                    files[view.name] = file
                } catch {
                    runners[view.name] = view.makeRunner()
                }
            }
        }
        let first = views.map { starts[$0.name] ?? 0 }.min() ?? 0
        let from = views.first { starts[$0.name] == first }.flatMap { files[$0.name] }
        var registered = from.map { RegisteredTypes($0.header.registered) } ?? RegisteredTypes()
        let position = from.map { LogPosition(offset: $0.header.lineEnd, line: $0.header.seq + 1) } ?? .start
        let folders = views.map { (runner: runners[$0.name]!, after: starts[$0.name] ?? 0) }

        var last = from?.header.seq ?? 0
        var lastEvent: (event: EventHeader, span: LineSpan)? = nil
        var effective: [Int: Timestamp] = [:]
        var pending = remembering
        for seq in remembering where seq <= first {
            if let instant = files.values.lazy.compactMap({ $0.effectiveAt(seq: seq) }).first { effective[seq] = instant; pending.remove(seq) }
        }
        // The events are verified as they are folded when checkpoints may be written: from the checkpoint the
        // fold starts at (its MAC proves it followed a verified prefix), or from the first event.
        var chain: ChainWalk? = nil
        if let checkpoints, (try? store.head().seq).map({ $0 - first >= checkpoints.interval }) ?? true {
            chain = ChainWalk(from: from.map { LogHead.Link(seq: $0.header.seq, hash: $0.header.hash) } ?? LogHead.empty.link)
        }
        var pastCut = false
        // Only the events some view reads are decoded; the others give their headers.
        let selection = DecodedTypes(readBy: views)
        let end = try store.forEachEvent(from: position, selecting: selection, registered: &registered, chain: &chain) { header, event, _, span in
            if pending.remove(header.seq) != nil { effective[header.seq] = header.effectiveAt }
            if let progress, header.seq % 16_384 == 0 { progress(span.end) }
            if !pastCut && known.includes(header) {
                if let event {
                    let stamp = Stamp(event)
                    for folder in folders where event.seq > folder.after { folder.runner.fold(event, stamp) }
                }
                last = header.seq
                lastEvent = (header, span)
                return true
            }
            // Past the known-at point: read on only to find the effective times of seq points.
            pastCut = true
            return !pending.isEmpty && header.seq < pending.max()!
        }
        // Seq points before every checkpoint that none of them knows: look them up in the log.
        for seq in pending where seq <= first {
            if let event = try store.events(matching: .seq(seq)).first { effective[seq] = event.effectiveAt }
        }
        lastSeq = last
        effectiveTimes = effective
        skippedInterruptedWrite = end.skippedInterruptedWrite

        chainBrokenAt = chain?.brokenAt

        // A replay that read to the end of the log, every event of it verified, leaves checkpoints for the views
        // that folded many events.
        if let checkpoints, let (event, span) = lastEvent, !pastCut, !end.skippedInterruptedWrite, let link = chain?.link, link.seq == event.seq {
            for view in views where view.checkpointVersion != nil && event.seq - (starts[view.name] ?? 0) >= checkpoints.interval {
                var writer = CheckpointWriter()
                runners[view.name]!.save?(&writer)
                checkpoints.save(writer, CheckpointFile.Header(view, after: link, recordedAt: event.recordedAt, at: span, registered: registered, logID: checkpoints.logID))
            }
        }
    }

    /// Folds `events` (already in seq order) into `views`; for building views from events in memory.
    public init(events: some Sequence<Event>, configuration: LogConfig, views: [ViewKind]) {
        self.configuration = configuration
        for view in views { runners[view.name] = view.makeRunner() }
        for event in events {
            let stamp = Stamp(event)
            for runner in runners.values { runner.fold(event, stamp) }
            lastSeq = event.seq
        }
    }

    /// The state `projection`'s fold built; the view must be one the replay folded.
    func state<P: Projection>(_ projection: P.Type) -> P.State { runners[P.name]!.state() as! P.State }

    /// The context views are built in at `asOf`.
    public func context(_ asOf: AsOf) -> ViewContext { Replay.context(asOf, configuration) }

    private static func context(_ asOf: AsOf, _ configuration: LogConfig) -> ViewContext {
        ViewContext(asOf: asOf, timeZone: configuration.timeZone, fiscalYearStart: configuration.fiscalYearStartMonth)
    }

    /// `view` as of `asOf`; the view must be one the replay folded.
    public func table(_ view: ViewKind, asOf: AsOf) -> ViewTable {
        tableBuilder(view)(asOf)
    }

    /// A function that builds `view` (one the replay folded) as of a moment from its state as it stands now, on
    /// any thread: a diff builds its views on every core.
    public func tableBuilder(_ view: ViewKind) -> @Sendable (AsOf) -> ViewTable {
        let rows = runners[view.name]!.rowsOfState()
        let configuration = configuration
        return { asOf in ViewTable(name: view.name, columns: view.columns, rows: rows(Replay.context(asOf, configuration))) }
    }

    /// The effective-time limit a point names: an instant, or the effective time of event #N (which must be
    /// within the replay and remembered). Throws `LogError` (`.rejectedDraft`) for a seq not in the log.
    public func asOf(_ point: TimePoint?, now: Timestamp) throws(LogError) -> AsOf {
        switch point {
        case nil: return AsOf(now)
        case .instant(let instant, _)?: return AsOf(instant)
        case .seq(let seq)?:
            if seq == 0 { return AsOf(.earliest, seq: 0) }
            guard let instant = effectiveTimes[seq] else {
                throw LogError(.rejectedDraft, "there is no event #\(seq) in the log\(lastSeq > 0 ? " (it ends at #\(lastSeq))" : "")",
                               hint: "give a seq from 'decisionlog log'")
            }
            return AsOf(instant, seq: seq)
        }
    }
}

extension Cut.Known {
    /// The known-at limit a point names: a seq, or a recorded-time instant; everything for nil.
    public init(_ point: TimePoint?) {
        switch point {
        case nil: self = .everything
        case .seq(let seq)?: self = .seq(seq)
        case .instant(let instant, _)?: self = .recorded(instant)
        }
    }
}
