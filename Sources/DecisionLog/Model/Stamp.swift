/// Where a value came from: the event that set it. A shared, immutable reference: one per event, however
/// many values it set.
public final class Stamp: Sendable, Equatable {
    /// The event's seq.
    public let seq: Int
    /// The event's id.
    public let id: EventID
    /// When it took effect.
    public let effectiveAt: Timestamp
    /// When the log learned of it.
    public let recordedAt: Timestamp
    private let details: Details

    /// Who decided and why: held, or read from where they are kept (a checkpoint's stamp table) only when
    /// asked for (most stamps a checkpoint gives back are only compared and ordered).
    enum Details: Sendable {
        case held(Actor, String?)
        case kept(any StampTable, offset: Int)
    }

    /// Who decided.
    public var actor: Actor {
        switch details {
        case .held(let actor, _): actor
        case .kept(let table, let offset): table.actor(stampAt: offset)
        }
    }

    /// Why, if the event said.
    public var reason: String? {
        switch details {
        case .held(_, let reason): reason
        case .kept(let table, let offset): table.reason(stampAt: offset)
        }
    }

    /// The stamp of `event`.
    public init(_ event: Event) {
        seq = event.seq
        id = event.id
        effectiveAt = event.effectiveAt
        recordedAt = event.recordedAt
        details = .held(event.actor, event.reason)
    }

    /// A stamp whose actor and reason `details` keeps (at an offset in a checkpoint's stamp table).
    init(seq: Int, id: EventID, effectiveAt: Timestamp, recordedAt: Timestamp, details: Details) {
        self.seq = seq
        self.id = id
        self.effectiveAt = effectiveAt
        self.recordedAt = recordedAt
        self.details = details
    }

    public static func == (a: Stamp, b: Stamp) -> Bool { a.seq == b.seq && a.id == b.id }
}
