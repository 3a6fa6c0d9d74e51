extension EventStore {
    /// The events `filter` takes, in seq order, each with its stored line (valid only during the call), and
    /// the header of every event, taken or not: the filter runs on the decoding threads, and only the types
    /// it names are decoded. `visit` returns false to stop. Throws as `forEachEvent(_:)`.
    public func forEachEvent(matching filter: EventFilter,
                             _ visit: (_ header: EventHeader, _ match: (event: Event, line: UnsafeRawBufferPointer)?) throws -> Bool) throws -> ReadEnd {
        var registered = RegisteredTypes()
        var unchecked: ChainWalk? = nil
        return try forEachEvent(from: .start, selecting: filter.decodedTypes, registered: &registered, chain: &unchecked,
                                deriving: { filter.matches($0) }) { header, event, matches, line, _ in
            guard let event, matches == true else { return try visit(header, nil) }
            return try visit(header, (event, line))
        }
    }
}
