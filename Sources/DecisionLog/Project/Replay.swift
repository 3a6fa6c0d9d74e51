/// One pass over the log, in seq order, folding every event within a known-at cut into the views asked for.
/// The result answers those views at any effective time (`table(_:asOf:)`).
///
/// Confined to one thread: the fold states are not shared.
public final class Replay {
    /// The log's configuration (time zone, fiscal year).
    public let configuration: LogConfig
    /// The last seq folded in.
    public private(set) var lastSeq = 0
    /// Whether the read skipped an incomplete last line (an interrupted write).
    public private(set) var skippedIncompleteTail = false
    /// The effective time of each event asked for in `remembering`, by seq.
    public private(set) var effectiveTimes: [Int: Timestamp] = [:]
    private var runners: [String: ProjectionRunner] = [:]

    /// Folds the events of `store` within `known` into `views`, noting the effective times of the seqs in
    /// `remembering` (for `--as-of #N`). Throws `LogError` for a log that cannot be read.
    public init(_ store: any EventStore, views: [ViewKind], known: Cut.Known, remembering: Set<Int> = []) throws {
        configuration = store.configuration
        for view in views { runners[view.name] = view.makeRunner() }
        let folders = Array(runners.values)
        var last = 0
        var effective: [Int: Timestamp] = [:]
        var pending = remembering
        var pastCut = false
        let end = try store.forEachEvent { event, _ in
            if pending.remove(event.seq) != nil { effective[event.seq] = event.effectiveAt }
            if !pastCut && known.includes(event) {
                let stamp = Stamp(event)
                for runner in folders { runner.fold(event, stamp) }
                last = event.seq
                return true
            }
            // Past the known-at point: read on only to find the effective times of seq points.
            pastCut = true
            return !pending.isEmpty && event.seq < pending.max()!
        }
        lastSeq = last
        effectiveTimes = effective
        skippedIncompleteTail = end.skippedIncompleteTail
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

    /// The context views are built in at `asOf`.
    public func context(_ asOf: AsOf) -> ViewContext {
        ViewContext(asOf: asOf, timeZone: configuration.timeZone, fiscalYearStart: configuration.fiscalYearStartMonth)
    }

    /// `view` as of `asOf`; the view must be one the replay folded.
    public func table(_ view: ViewKind, asOf: AsOf) -> ViewTable {
        ViewTable(name: view.name, columns: view.columns, rows: runners[view.name]!.rows(context(asOf)))
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
