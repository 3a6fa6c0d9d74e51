import Dispatch
import Synchronization

/// Appending to a log in PostgreSQL: one transaction per append, under the log's head row lock.
extension PostgresEventStore {
    /// Seals and appends the request's drafts, all or none, durably (the transaction commits before this
    /// returns).
    ///
    /// In one transaction: locks the log's head row (`SELECT … FOR UPDATE`, which queues concurrent writers),
    /// checks that the last event is the one the head row names and that its bytes match its hash, plans the
    /// append as every store does (`AppendPlan`, reading the log inside the transaction), copies the new rows
    /// in, moves the head row on, notifies `log --follow`, and commits. A failure before the commit rolls
    /// everything back.
    ///
    /// Appends made from several threads of this process at once share a transaction (a group commit): while
    /// one thread commits, the requests that arrive wait, and the next of them commits them all together, each
    /// planned after the one before. A request the plan refuses is refused alone; a failure of the transaction
    /// fails every request in it, and none of them is recorded.
    public func append(_ request: AppendRequest) throws(LogError) -> AppendReceipt {
        if request.dryRun {
            return try transaction(doing: "append", readOnly: true) { connection, state in
                try AppendPlan(request, after: state.head, now: clock(), zone: configuration.timeZone, scan: scan(on: connection), ids: ids(on: connection, state))
                    .receipt(dryRun: true, before: state.head)
            }
        }
        let ticket = AppendTicket(request)
        let leads = appendQueue.withLock { queue -> Bool in
            queue.waiting.append(ticket)
            if queue.leading { return false }
            queue.leading = true
            return true
        }
        if !leads {
            ticket.done.wait()
            if let outcome = ticket.outcome.withLock({ $0 }) { return try outcome.get() }
            // Handed the lead: commit what is waiting, this request among it.
        }
        let batch = appendQueue.withLock { queue in
            defer { queue.waiting = [] }
            return queue.waiting
        }
        let outcomes = appendTogether(batch.map(\.request))
        let next = appendQueue.withLock { queue -> AppendTicket? in
            if let next = queue.waiting.first { return next }
            queue.leading = false
            return nil
        }
        var mine: Result<AppendReceipt, LogError>? = nil
        for (waiting, outcome) in zip(batch, outcomes) {
            if waiting === ticket {
                mine = outcome
            } else {
                waiting.outcome.withLock { $0 = outcome }
                waiting.done.signal()
            }
        }
        next?.done.signal()
        return try mine!.get()
    }

    /// Appends `requests` in one transaction, each planned after the ones before it; returns each one's
    /// receipt, or why it was refused (all of them, when the transaction fails).
    private func appendTogether(_ requests: [AppendRequest]) -> [Result<AppendReceipt, LogError>] {
        var outcomes: [Result<AppendReceipt, LogError>] = []
        do throws(LogError) {
            try transaction(doing: "append", readOnly: false) { connection, state in
                var written = state
                for request in requests {
                    let plan: AppendPlan
                    do throws(LogError) {
                        plan = try AppendPlan(request, after: written.head, now: clock(), zone: configuration.timeZone, scan: scan(on: connection),
                                              ids: ids(on: connection, written))
                    } catch {
                        outcomes.append(.failure(error))
                        continue
                    }
                    if !plan.batch.events.isEmpty {
                        try write(plan.batch.events, lines: plan.batch.bytes, after: written, on: connection)
                        written = WriteState(head: plan.head, size: written.size + Int64(plan.batch.bytes.count))
                    }
                    outcomes.append(.success(plan.receipt(dryRun: false, before: written.head)))
                }
            }
        } catch {
            return requests.map { _ in .failure(error) }
        }
        return outcomes
    }

    /// Finds events by id for an append's plan through the database's unique index on (log, id), inside the
    /// transaction: the rows of the ids asked (each line decoded and checked to be one of them, at or before
    /// the head), and nothing after them to read — the index covers every event. A row that is not such an
    /// event sends the plan to read the log, which refuses it as every read does.
    func ids(on connection: PostgresConnection, _ state: WriteState) -> IDIndexUse {
        let everything = LogPosition(offset: state.size, line: state.head.seq + 1)
        return IDIndexUse(
            find: { [self] ids in
                let list = "{" + ids.map(\.description).joined(separator: ",") + "}"
                // A failed statement aborts the transaction, so it fails the append rather than falling back.
                let rows: PostgresRows
                do throws(PostgresError) {
                    rows = try connection.query("SELECT line FROM decisionlog_events WHERE log_id = $1 AND id = ANY($2::text[])",
                                                [.text(configuration.logID.description), .text(list)], binaryResults: true)
                } catch {
                    throw Self.failure(error, doing: "append", url: url)
                }
                var events: [Event] = []
                for row in 0..<rows.count {
                    guard let line = rows.bytes(row, 0), line.count <= EventLine.maximumLength, let event = try? Event(line: line),
                          ids.contains(event.id), event.seq <= state.head.seq
                    else { return nil }
                    events.append(event)
                }
                return (events, everything)
            },
            scan: { [self] from, visit in try readLines(on: connection, from: from, visit) },
            wantsEntries: { false }, save: { _ in })
    }

    /// Reads the log on `connection`, inside its transaction, for an append's plan.
    func scan(on connection: PostgresConnection) -> AppendPlan.Scan {
        { [self] visit in try readLines(on: connection, from: .start, visit) }
    }

    /// Calls `visit` with each line from `position` on, and its number, until it returns false.
    private func readLines(on connection: PostgresConnection, from position: LogPosition, _ visit: (UnsafeRawBufferPointer, Int) throws -> Bool) throws {
        _ = try readBatches(on: connection, from: position) { batch in
            for index in 0..<batch.count where !(try visit(batch[index], batch.firstNumber + index)) { return false }
            return true
        }
    }

    /// Appends `source`'s events after this log's head, byte for byte (`push`, `migrate`): the lines must
    /// continue this log's chain (source and database agree up to the head); all are copied in one
    /// transaction, or none. Returns how many were copied and the head after. `source` should be verified
    /// first: each line is checked on its own and linked to the one before, but ids are left to the
    /// database's unique constraint.
    public func appendCopies(of source: any EventStore) throws(LogError) -> (copied: Int, head: LogHead) {
        try transaction(doing: "copy the events in", readOnly: false) { connection, state in
            var copied = 0
            var size = state.size
            let head = try VerifiedCopy.run(from: source, after: state.head, offset: state.size) { lines, events, _ in
                try write(events, lines: lines, after: WriteState(head: state.head, size: size), on: connection, finishing: false)
                size += Int64(lines.count)
                copied += events.count
            }
            if copied > 0 { try finish(head: head, size: size, on: connection) }
            return (copied, head)
        }
    }

    /// The head row as the transaction locked it.
    struct WriteState {
        /// The head (from the last event, checked against the row).
        let head: LogHead
        /// The bytes of the log as a file.
        let size: Int64
    }

    /// Runs `body` in a transaction holding the log's head row lock (none for `readOnly`), after checking the
    /// last event against the head row; commits when `body` returns, rolls back when it throws.
    func transaction<R>(doing action: String, readOnly: Bool, _ body: (PostgresConnection, WriteState) throws -> R) throws(LogError) -> R {
        let logID = configuration.logID.description
        do {
            return try withConnectionRethrowing(doing: action) { connection in
                try connection.run(readOnly ? "BEGIN READ ONLY" : "BEGIN")
                let row = try connection.query("SELECT head_seq, head_hash, head_size FROM decisionlog_logs WHERE log_id = $1" + (readOnly ? "" : " FOR UPDATE"), [.text(logID)])
                guard row.count == 1, let seq = row.int(0, 0), let hash = row.text(0, 1), let size = row.int(0, 2) else {
                    throw LogError(.notFound, "the database \(Self.redacted(url)) no longer holds the log \(logID)")
                }
                let head = try lastEvent(on: connection, matching: seq, hash: hash)
                let result = try body(connection, WriteState(head: head, size: Int64(size)))
                if let failure = commitFailure(connection.commit(readOnly: readOnly), readOnly: readOnly) { throw failure }
                return result
            }
        } catch let error as LogError {
            throw error
        } catch let problem as IntegrityProblem {
            throw LogError.integrity(problem, action: action)
        } catch {
            throw LogError(.io, "cannot \(action): \(error)")
        }
    }

    /// The error to throw for a failed commit: one that says the append may have been recorded when the
    /// connection was lost during it.
    private func commitFailure(_ failure: PostgresError?, readOnly: Bool) -> (any Error)? {
        guard let failure else { return nil }
        guard failure.connectionLost && !readOnly else { return failure }
        return LogError(.io, "the connection to the database \(Self.redacted(url)) was lost while it committed the append, so it may or may not be recorded (\(failure.message))",
                        hint: "check with 'decisionlog log' once it is back; an event retried with the same --id is recorded once")
    }

    /// The head the last event gives, after checking it is the one the head row names (`seq`, `hash`) and that
    /// its bytes match its hash: an append never extends a log whose end was changed behind its back.
    private func lastEvent(on connection: PostgresConnection, matching seq: Int, hash: String) throws -> LogHead {
        let rows = try connection.query("SELECT line FROM decisionlog_events WHERE log_id = $1 ORDER BY seq DESC LIMIT 1",
                                        [.text(configuration.logID.description)], binaryResults: true)
        guard let line = rows.count == 1 ? rows.bytes(0, 0) : nil else {
            guard seq == 0 else { throw IntegrityProblem(.sequenceGap, line: seq, seq: seq, "the head row names #\(seq), but the log has no events") }
            return .empty
        }
        let event: Event
        do throws(EventDecodingError) { event = try Event(line: line) } catch {
            throw IntegrityProblem(.malformed, line: seq, seq: nil, "the last event's row is not an event: \(error.message)")
        }
        let hashes = line.withUnsafeBytes { EventLine.hashes(of: $0) }
        guard let hashes, hashes.stored == hashes.computed else {
            throw IntegrityProblem(.hashMismatch, line: event.seq, seq: event.seq, "its bytes do not match its hash: the event was changed after it was sealed")
        }
        guard event.seq == seq, event.hash.hex == hash else {
            throw IntegrityProblem(.brokenLink, line: event.seq, seq: event.seq,
                                   "the last event is #\(event.seq) \(event.hash.hex), but the head row names #\(seq) \(hash): rows were changed behind decisionlog's back")
        }
        return LogHead(seq: event.seq, hash: event.hash, recordedAt: event.recordedAt)
    }

    /// Copies `events`, whose lines (newline after each) are `lines`, in after `state`; with `finishing`, also
    /// moves the head row on and notifies followers.
    func write(_ events: [Event], lines: [UInt8], after state: WriteState, on connection: PostgresConnection, finishing: Bool = true) throws {
        let logID = configuration.logID.description
        if finishing, events.count == 1, let event = events.first {
            // One event (an `add`): the row, the head row and the notification in one statement, one round trip.
            try connection.query("""
                WITH event AS (INSERT INTO decisionlog_events (log_id, seq, id, subject, byte_offset, line) VALUES ($1, $2, $5, $6, $7, $8)),
                \(Self.moveHead)
                """, [.text(logID), .text(String(event.seq)), .text(event.hash.hex), .text(String(state.size + Int64(lines.count))),
                      .text(event.id.description), .text(event.subject.text), .text(String(state.size)), .bytes(Array(lines.dropLast()))])
            return
        }
        // The rows go out a few MiB at a time as they are encoded, so a large import holds no second copy.
        var rows: [UInt8] = PostgresCopy.header
        var next = 0, start = 0
        try connection.copyIn("COPY decisionlog_events (log_id, seq, id, subject, byte_offset, line) FROM STDIN (FORMAT binary)") { send in
            guard next < events.count || !rows.isEmpty else { return false }
            lines.withUnsafeBytes { bytes in
                while next < events.count, rows.count < 4 << 20, let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
                    PostgresCopy.appendEventRow(logID: logID, event: events[next], offset: state.size + Int64(start),
                                                line: UnsafeRawBufferPointer(rebasing: bytes[start..<newline]), to: &rows)
                    start = newline + 1
                    next += 1
                }
            }
            if next == events.count { rows += PostgresCopy.trailer }
            try rows.withUnsafeBytes { try send($0) }
            rows.removeAll(keepingCapacity: true)
            return next < events.count
        }
        if finishing, let last = events.last {
            try finish(head: LogHead(seq: last.seq, hash: last.hash, recordedAt: last.recordedAt), size: state.size + Int64(lines.count), on: connection)
        }
    }

    /// Moves the head row to `head` (the log `size` bytes as a file) and notifies followers at commit.
    func finish(head: LogHead, size: Int64, on connection: PostgresConnection) throws {
        try connection.query("WITH \(Self.moveHead)", [.text(configuration.logID.description), .text(String(head.seq)), .text(head.hash.hex), .text(String(size))])
    }

    /// The end of a statement that moves the head row to seq $2, hash $3 and size $4 of log $1 and notifies
    /// followers (at commit), in the same round trip as what comes before it.
    private static let moveHead = """
        head AS (UPDATE decisionlog_logs SET head_seq = $2, head_hash = $3, head_size = $4 WHERE log_id = $1 RETURNING log_id)
        SELECT pg_notify('\(PostgresSchema.channel)', log_id) FROM head
        """
}

/// One append waiting for the transaction that will carry it.
final class AppendTicket: Sendable {
    /// The append.
    let request: AppendRequest
    /// Signalled when the outcome is set, or when this append's thread is to lead the next transaction.
    let done = DispatchSemaphore(value: 0)
    /// The receipt or the refusal, once the transaction that carried it has ended.
    let outcome = Mutex<Result<AppendReceipt, LogError>?>(nil)

    init(_ request: AppendRequest) { self.request = request }
}

/// The appends waiting in this process, and whether a thread is committing some now.
struct AppendQueue {
    var waiting: [AppendTicket] = []
    var leading = false
}
