/// How an append on a file log uses the id index (`EventIDIndex`): the index, when one of this person's
/// describes the log as it stands, with the reads that stand in for a whole-log read; and what takes the
/// entries of a whole-log read the append made anyway, to write a new one.
struct IDIndexUse {
    /// The index, when one describes the log closely enough to use (read when asked for).
    let current: () -> EventIDIndex?
    /// The stored line (newline included) at a span of the events file.
    let line: (LineSpan) -> [UInt8]?
    /// Reads the lines from a position on.
    let scan: (_ from: LogPosition, _ visit: (_ line: UnsafeRawBufferPointer, _ number: Int) throws -> Bool) throws -> Void
    /// Takes the place of every event of a whole-log read, to write a new index; nil when the log is too
    /// small to need one.
    let save: (([EventIDIndex.Entry]) -> Void)?
}
