/// A place events are appended to and read from. The file store is the first; a database can be another,
/// as long as it keeps the same guarantees.
///
/// Guarantees every store keeps:
/// - `append` is all-or-nothing and durable: when it returns, every appended event survives a crash; when
///   it throws, none of the request's events is in the log.
/// - Appends from any number of processes are serialised: seq stays gapless and the chain valid.
/// - An append never extends a log that fails verification.
/// - Lines are read back byte for byte as they were sealed, in seq order.
public protocol EventStore: Sendable {
    /// The log's configuration.
    var configuration: LogConfig { get }

    /// The local folder of the log: its events file, or the configuration naming the database it is kept in;
    /// with the checkpoints and the signers file either way.
    var folder: LogFolder { get }

    /// Applies `change` to the log's configuration under the writers' lock and writes it durably; returns
    /// the configuration written, or throws `LogError` and changes nothing.
    @discardableResult
    func updateConfiguration(_ change: (inout LogConfig) -> Void) throws(LogError) -> LogConfig

    /// A wait for appends to the log, from now on; throws `LogError` when it cannot be set up.
    func watchAppends() throws(LogError) -> any AppendWatch

    /// The warnings met since the last call, in order, for the front end to show.
    func takeNotices() -> [String]

    /// Seals `request.drafts` as the next events and makes them durable, or throws `LogError` and changes
    /// nothing.
    func append(_ request: AppendRequest) throws(LogError) -> AppendReceipt

    /// Records the drafts of a file (`request.drafts`, read a part at a time, twice) as events, all or none,
    /// durably, in memory that does not grow with the drafts themselves (`ImportPlan`). Throws `ImportRefusal`
    /// listing every line refused, `DraftStreamError` when the file cannot be read as drafts, or `LogError`;
    /// then nothing was recorded.
    func importDrafts(_ request: ImportRequest) throws -> ImportReceipt

    /// Calls `visit` with the complete stored lines from `position` on, a batch at a time, in seq order;
    /// `visit` returns false to stop. Throws `LogError` for storage failures and rethrows what `visit` throws.
    func readBatches(from position: LogPosition, _ visit: (LineBatch) throws -> Bool) throws -> ReadEnd

    /// The log's head as readers see it, read cheaply from its end (only as trustworthy as the log: `verify`
    /// proves the chain up to it); throws `LogError` when it cannot be read.
    func head() throws(LogError) -> LogHead

    /// Checks the whole log with `ChainVerifier`, and that it still holds `recorded` when given; returns the
    /// head, or throws `LogError` with the problem. `observe` is shown each event that verified, in order, with
    /// where it lies (a checkpoint audit folds them as they pass); `judge` is shown, in order, each verified
    /// event a domain rule is about, as the rules see it. Events are built for neither when both are nil.
    func verify(expecting recorded: RecordedHead?, progress: ((_ bytesChecked: Int64, _ bytesTotal: Int64) -> Void)?,
                observe: ((_ event: Event, _ span: LineSpan) -> Void)?, judge: ((RuleEvent) -> Void)?) throws(LogError) -> LogHead
}

extension EventStore {
    /// Checks the whole log with `ChainVerifier`; as `verify(expecting:progress:observe:judge:)` with no recorded head.
    public func verify(progress: ((_ bytesChecked: Int64, _ bytesTotal: Int64) -> Void)?) throws(LogError) -> LogHead {
        try verify(expecting: nil, progress: progress, observe: nil, judge: nil)
    }

    /// Checks the whole log with `ChainVerifier`, and that it still holds `recorded` when given; as
    /// `verify(expecting:progress:observe:judge:)` with nothing observing.
    public func verify(expecting recorded: RecordedHead?, progress: ((_ bytesChecked: Int64, _ bytesTotal: Int64) -> Void)?) throws(LogError) -> LogHead {
        try verify(expecting: recorded, progress: progress, observe: nil, judge: nil)
    }

    /// Calls `visit` with the complete stored lines from the start, a batch at a time; as
    /// `readBatches(from:_:)`.
    public func readBatches(_ visit: (LineBatch) throws -> Bool) throws -> ReadEnd { try readBatches(from: .start, visit) }

    /// Calls `visit` with each complete stored line (without its newline) and its seq-order number; the buffer
    /// is valid only during the call; `visit` returns false to stop. Throws as `readBatches`.
    public func readLines(_ visit: (_ line: UnsafeRawBufferPointer, _ number: Int) throws -> Bool) throws -> ReadEnd {
        var visited = 0
        let end = try readBatches { batch in
            for index in 0..<batch.count {
                visited += 1
                if !(try visit(batch[index], batch.firstNumber + index)) { return false }
            }
            return true
        }
        return ReadEnd(lines: visited, skippedInterruptedWrite: end.skippedInterruptedWrite)
    }
}
