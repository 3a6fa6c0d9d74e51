/// How an append finds events by id without reading the whole log — a file log's id index (`EventIDIndex`),
/// a database's unique index on ids — and, for a file log, what keeps that index from a whole-log read the
/// append made anyway.
struct IDIndexUse {
    /// Reads the stored lines from a position on, calling `visit` with each and its number until it returns
    /// false.
    typealias Read = (_ from: LogPosition, _ visit: (_ line: UnsafeRawBufferPointer, _ number: Int) throws -> Bool) throws -> Void

    /// The events with the given ids among those the index covers, and where the events it does not cover
    /// begin; nil when there is no usable index or it cannot tell (then the whole log is read). Throws when
    /// the index cannot be read at all (a database statement that failed).
    let find: (Set<EventID>) throws -> (events: [Event], rest: LogPosition)?
    /// Reads the lines from a position on.
    let scan: Read
    /// Whether a whole-log read should give every event's place to `save`.
    let wantsEntries: () -> Bool
    /// Takes the place of every event of a whole-log read, to write a new index.
    let save: ([EventIDIndex.Entry]) -> Void
}
