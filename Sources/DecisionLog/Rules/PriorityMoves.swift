/// How an item's priority moved, under one framework — the one rule the priorities view and the report count
/// by (docs/rules.md): a change to a different value is a move; restating the same value (a new scope, a
/// confirmation) is not, and the priority has held since its last move.
public struct PriorityMoves<Source: Provenance>: Sendable {
    /// One move: the value before (nil for the first priority), the value after, and the event.
    public struct Move: Sendable {
        /// The priority before, nil when the item had none.
        public let before: PriorityValue?
        /// The priority after.
        public let after: PriorityValue
        /// The event.
        public let source: Source
    }

    /// Every change of value, in effective order; the first priority given is not a move.
    public private(set) var moves: [Move] = []
    /// The priority the item has after the changes, and the event that gave it last.
    public private(set) var current: (value: PriorityValue, source: Source)? = nil
    /// The event the current value was set by: its last move, or its first priority.
    public private(set) var since: Source? = nil

    /// The moves `changes` (in effective order) make.
    public init(_ changes: some Sequence<(value: PriorityValue, source: Source)>) {
        for (value, source) in changes {
            if let current, current.value != value {
                moves.append(Move(before: current.value, after: value, source: source))
                since = source
            } else if current == nil {
                since = source
            }
            current = (value, source)
        }
    }
}
