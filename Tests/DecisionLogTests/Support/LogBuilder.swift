import DecisionLog

/// Seals events in memory at chosen effective and recorded times, for fold tests.
struct LogBuilder {
    private var sealer = Sealer(head: .empty, recordedBy: "test")
    private(set) var events: [Event] = []
    var configuration = LogConfig(logID: EventID(high: 1, low: 1), createdAt: Fixtures.instant("2025-01-01"), timeZone: .utc)

    /// Seals the next event; `recorded` defaults to the effective time.
    @discardableResult
    mutating func add(_ payload: Payload, _ subject: String, by actor: Actor = Fixtures.dana, effective: String,
                      recorded: String? = nil, reason: String? = nil) -> Event {
        let draft = ValidatedDraft(effectiveAt: Fixtures.instant(effective), actor: actor, subject: Subject(subject)!,
                                   reason: reason, payload: payload)
        let (event, _) = sealer.seal(draft, now: Fixtures.instant(recorded ?? effective))
        events.append(event)
        return event
    }

    /// Retracts `event`.
    @discardableResult
    mutating func retract(_ event: Event, effective: String) -> Event {
        add(.eventRetracted(EventRetracted(event: event.id)), event.subject.text, effective: effective, reason: "wrong")
    }

    /// The rows of `view` as of `asOf` (a point such as "2025-09-30" or "2025-Q3"), folding the events known
    /// through `known` (all when nil).
    func rows(_ view: String, asOf: String, knownThroughSeq known: Int? = nil) -> [ViewRow] {
        let kind = Views.named(view)!
        let counted = events.filter { known == nil || $0.seq <= known! }
        let replay = Replay(events: counted, configuration: configuration, views: [kind])
        return replay.table(kind, asOf: AsOf(point(asOf))).rows
    }

    /// The instant a point names, read like the command line does.
    func point(_ text: String) -> Timestamp {
        guard case .instant(let instant, _) = try! TimePoint(parsing: text, zone: .utc, fiscalYearStart: configuration.fiscalYearStartMonth,
                                                             now: Fixtures.instant("2030-01-01")) else { fatalError("not an instant") }
        return instant
    }
}

extension ViewRow {
    /// The text of `column`.
    func text(_ column: String) -> String { self[column].text }
}
