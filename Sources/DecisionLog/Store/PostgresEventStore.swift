import Synchronization

/// A log kept in a PostgreSQL database (`docs/postgresql.md`): one row per event holding its canonical line
/// byte for byte, so an event has the same bytes and hash as in a file; many logs per database, told apart
/// by their log id. A local log folder names the database in its configuration's `store` and keeps what can
/// be rebuilt (checkpoints) and what is personal (the signers file).
///
/// Appends are serialised by a row lock on the log's head row, taken inside the append's transaction: seq is
/// assigned under it, so it is gapless, and no reader ever sees seq n+1 before n. The database refuses UPDATE,
/// DELETE and TRUNCATE of events (a trigger, and the privileges revoked).
public final class PostgresEventStore: EventStore {
    /// The local folder that names this log's database.
    public let folder: LogFolder
    /// The log's configuration, as the database holds it (with the folder's `store`).
    public let configuration: LogConfig
    /// The database, as the configuration names it.
    public let url: String
    /// The clock that stamps `recordedAt`.
    let clock: @Sendable () -> Timestamp
    /// The log's id as SQL text: a UUID, so safe to write into COPY statements, which take no parameters.
    let logLiteral: String
    /// A connection kept between calls (a server makes many requests); others are made as needed.
    private let idle = Mutex<PostgresConnection?>(nil)
    /// The appends of this process's threads waiting to share the next transaction (see `append`).
    let appendQueue = Mutex(AppendQueue())

    /// Opens the log in the database `local.store` names, with the id `local.logID`; throws `LogError`:
    /// `.unsupportedFormat` without libpq, `.io` when the database cannot be reached, `.notFound` when it
    /// holds no such log. `adjust` changes the configuration for this process only.
    public init(opening folder: LogFolder, local: LogConfig, clock: @escaping @Sendable () -> Timestamp = Timestamp.now,
                adjusting adjust: (inout LogConfig) -> Void = { _ in }) throws(LogError) {
        guard let url = local.store else { throw LogError(.invalidConfiguration, "the log at \(folder.path) names no database") }
        self.folder = folder
        self.url = url
        self.clock = clock
        self.logLiteral = "'\(local.logID)'"
        let connection = try Self.connect(url)
        let rows: PostgresRows
        do throws(PostgresError) {
            rows = try connection.query("SELECT config FROM decisionlog_logs WHERE log_id = $1", [.text(local.logID.description)], binaryResults: true)
        } catch {
            if error.sqlState == "42P01" {
                throw LogError(.notFound, "the database \(Self.redacted(url)) holds no decision logs", hint: "run 'decisionlog init --store \(Self.redacted(url))' to create one there")
            }
            throw Self.failure(error, doing: "read the log's configuration", url: url)
        }
        guard rows.count == 1, let bytes = rows.bytes(0, 0) else {
            throw LogError(.notFound, "the database \(Self.redacted(url)) holds no log \(local.logID) (named by \(folder.configFile))",
                           hint: "check the store in that file, or run 'decisionlog init --store URL' to create or join a log")
        }
        var configuration = try LogConfig(bytes: bytes, path: "the database's copy of \(folder.configFile)")
        guard configuration.logID == local.logID else {
            throw LogError(.invalidConfiguration, "the database's configuration of the log \(local.logID) names another log, \(configuration.logID)",
                           hint: "its row in decisionlog_logs was changed behind decisionlog's back")
        }
        configuration.store = url
        adjust(&configuration)
        self.configuration = configuration
        idle.withLock { $0 = connection }
    }

    /// Creates the log's tables when the database has none, then creates the log `configuration` names
    /// there — or, with `joining`, attaches to a log already in it (which `configuration`'s id then names) —
    /// and writes the local folder that names it. Throws `.alreadyExists` for a folder already a log, and
    /// `LogError` for a database that refuses.
    @discardableResult
    public static func create(in folder: LogFolder, configuration: LogConfig, joining: Bool,
                              clock: @escaping @Sendable () -> Timestamp = Timestamp.now) throws(LogError) -> PostgresEventStore {
        try LogFolder.refuseExisting(folder)
        let local = try createLog(configuration, joining: joining)
        try LogFolder.write(local, to: folder)
        return try PostgresEventStore(opening: folder, local: local, clock: clock)
    }

    /// Creates the tables when the database `configuration.store` names has none, then the log there (or,
    /// `joining`, finds it); returns the log's configuration as the database holds it, with the store.
    public static func createLog(_ configuration: LogConfig, joining: Bool) throws(LogError) -> LogConfig {
        guard let url = configuration.store else { throw LogError(.invalidConfiguration, "no database named") }
        let connection = try connect(url)
        var local = configuration
        var joined: [UInt8]? = nil
        do throws(PostgresError) {
            try connection.run("BEGIN")
            // One creator at a time: two first inits against an empty database must not race on the tables.
            try connection.query("SELECT pg_advisory_xact_lock(7309142)")
            if try connection.query("SELECT to_regclass('decisionlog_events') IS NULL").text(0, 0) == "t" { try connection.run(PostgresSchema.create) }
            if joining {
                let rows = try connection.query("SELECT config FROM decisionlog_logs WHERE log_id = $1", [.text(configuration.logID.description)], binaryResults: true)
                joined = rows.count == 1 ? rows.bytes(0, 0) : nil
            } else {
                var shared = configuration
                shared.store = nil
                try connection.query("INSERT INTO decisionlog_logs (log_id, config) VALUES ($1, $2)",
                                     [.text(configuration.logID.description), .bytes(shared.bytes)])
            }
            try connection.run("COMMIT")
        } catch {
            if error.sqlState == "23505" {
                throw LogError(.alreadyExists, "the database \(redacted(url)) already holds a log \(configuration.logID)",
                               hint: "join it with --log-id \(configuration.logID)")
            }
            throw failure(error, doing: "create the log", url: url)
        }
        if joining {
            guard let joined else {
                throw LogError(.notFound, "the database \(redacted(url)) holds no log \(configuration.logID)",
                               hint: "leave out --log-id to create a log there, or to see the ones it holds")
            }
            local = try LogConfig(bytes: joined, path: "the database's log \(configuration.logID)")
            local.store = url
        }
        return local
    }

    /// The ids of the logs the database at `url` holds, oldest first, with how many events each has.
    public static func logs(at url: String) throws(LogError) -> [(id: EventID, events: Int)] {
        let connection = try connect(url)
        do throws(PostgresError) {
            guard try connection.query("SELECT to_regclass('decisionlog_logs') IS NOT NULL").text(0, 0) == "t" else { return [] }
            let rows = try connection.query("SELECT log_id, head_seq FROM decisionlog_logs ORDER BY log_id")
            return (0..<rows.count).compactMap { row in rows.text(row, 0).flatMap(EventID.init).map { ($0, rows.int(row, 1) ?? 0) } }
        } catch {
            throw failure(error, doing: "list the logs", url: url)
        }
    }

    public func head() throws(LogError) -> LogHead {
        let line = try withConnection(doing: "read the log's head") { connection throws(PostgresError) -> [UInt8]? in
            let rows = try connection.query("SELECT e.line FROM decisionlog_logs l JOIN decisionlog_events e ON e.log_id = l.log_id AND e.seq = l.head_seq WHERE l.log_id = $1",
                                            [.text(configuration.logID.description)], binaryResults: true)
            return rows.count == 1 ? rows.bytes(0, 0) : nil
        }
        guard let line else { return .empty }
        do throws(EventDecodingError) {
            let event = try Event(line: line)
            return LogHead(seq: event.seq, hash: event.hash, recordedAt: event.recordedAt)
        } catch {
            throw LogError.integrity(IntegrityProblem(.malformed, line: 0, seq: nil, "the row of the head event is not an event: \(error.message)"),
                                     action: "read the log's head", isWrite: false)
        }
    }

    public func readBatches(from position: LogPosition, _ visit: (LineBatch) throws -> Bool) throws -> ReadEnd {
        try withConnectionRethrowing(doing: "read the log") { connection in try readBatches(on: connection, from: position, visit) }
    }

    /// As `readBatches(from:_:)`, on `connection` (inside its transaction, if one is open).
    func readBatches(on connection: PostgresConnection, from position: LogPosition, _ visit: (LineBatch) throws -> Bool) throws -> ReadEnd {
        var builder = LineBatchBuilder()
        var stopped = false
        var next = position.line
        var page = Self.firstPage
        // Pages of rows, each one statement, growing from a small first one: a log of any length is read in
        // bounded memory, and a reader that stops early (an append's check that finds what it needs in the
        // first events) reads little. Each page's lines are visited before the next is asked for.
        while !stopped {
            let before = builder.lines
            var reader = PostgresCopy.RowReader()
            try connection.copyOut("COPY (SELECT seq, byte_offset, line FROM decisionlog_events WHERE log_id = \(logLiteral) AND seq >= \(next) ORDER BY seq LIMIT \(page)) TO STDOUT (FORMAT binary)") { piece in
                try reader.take(piece) { seq, offset, line in
                    guard !stopped else { return }
                    // The database's rows are input like any file's: in seq order, each line no longer than a
                    // line may be (a batch holds it whole).
                    guard seq >= next, seq < Int.max, line.count <= EventLine.maximumLength else {
                        let problem = line.count > EventLine.maximumLength ? "its line is longer than \(EventLine.maximumLength) bytes" : "it is out of seq order"
                        throw LogError.integrity(IntegrityProblem(.malformed, line: builder.lines + 1, seq: seq, "the database's row for #\(seq) is not one decisionlog wrote: \(problem)"),
                                                 action: "read the log", isWrite: false)
                    }
                    if let batch = builder.add(line, seq: seq, offset: offset), !(try visit(batch)) { stopped = true }
                    next = seq + 1
                }
            }
            if !stopped, let batch = builder.finish(), !(try visit(batch)) { stopped = true }
            if builder.lines - before < page { break }
            page = min(page * 8, Self.pageSize)
        }
        return ReadEnd(lines: builder.lines, skippedInterruptedWrite: false)
    }

    /// Rows read by the first statement of a read, and at most by any.
    static let firstPage = 64, pageSize = 100_000

    public func verify(expecting recorded: RecordedHead?, progress: ((_ bytesChecked: Int64, _ bytesTotal: Int64) -> Void)?,
                       observe: ((_ event: Event, _ span: LineSpan) -> Void)?, judge: ((RuleEvent) -> Void)?) throws(LogError) -> LogHead {
        do {
            // One snapshot for the rows and the head row: appends committing meanwhile are not seen at all.
            return try withConnectionRethrowing(doing: "verify the log") { connection in
                try connection.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                let stored = try connection.query("SELECT head_seq, head_hash, head_size FROM decisionlog_logs WHERE log_id = $1", [.text(configuration.logID.description)])
                guard stored.count == 1 else { throw LogError(.notFound, "the database \(Self.redacted(url)) no longer holds the log \(configuration.logID)") }
                let total = Int64(stored.int(0, 2) ?? 0)
                let head = try ChainVerifier.verify(reading: { emit in _ = try readBatches(on: connection, from: .start) { emit($0) } }, expecting: recorded,
                                                    progress: progress.map { report in { report($0, max(total, $0)) } }, observe: observe, judge: judge)
                try connection.run("COMMIT")
                // The head row is what appends continue from: it must name the last event.
                if stored.int(0, 0) != head.seq || stored.text(0, 1) != head.hash.hex {
                    throw IntegrityProblem(.brokenLink, line: head.seq, seq: head.seq,
                                           "the database's head row names #\(stored.int(0, 0) ?? -1) \(stored.text(0, 1) ?? ""), but the events end at #\(head.seq) \(head.hash.hex): rows were changed behind decisionlog's back")
                }
                return head
            }
        } catch let problem as IntegrityProblem {
            throw LogError(.integrity, "\(problem)", problem: problem)
        } catch let error as LogError {
            throw error
        } catch {
            throw LogError(.io, "cannot verify the log: \(error)")
        }
    }

    /// Applies `change` to the log's configuration as the database holds it, under the head row's lock, and
    /// writes it there and to the local folder. Returns the configuration written.
    @discardableResult
    public func updateConfiguration(_ change: (inout LogConfig) -> Void) throws(LogError) -> LogConfig {
        let logID = configuration.logID
        var updated = configuration
        try withConnection(doing: "change the log's configuration") { connection throws(PostgresError) in
            try connection.run("BEGIN")
            let rows = try connection.query("SELECT config FROM decisionlog_logs WHERE log_id = $1 FOR UPDATE", [.text(logID.description)], binaryResults: true)
            guard rows.count == 1, let bytes = rows.bytes(0, 0), var current = try? LogConfig(bytes: bytes, path: "the database") else {
                throw PostgresError(message: "the log's configuration row is missing or invalid", sqlState: nil, connectionLost: false)
            }
            change(&current)
            current.store = nil
            try connection.query("UPDATE decisionlog_logs SET config = $2 WHERE log_id = $1", [.text(logID.description), .bytes(current.bytes)])
            try connection.run("COMMIT")
            current.store = url
            updated = current
        }
        try LogFolder.write(updated, to: folder, replacing: true)
        return updated
    }

    /// No warnings come from a database's files.
    public func takeNotices() -> [String] { [] }

    /// Runs `body` with a connection (the kept one when free), returning it afterwards if still healthy;
    /// PostgreSQL failures become `LogError`s saying what was being done.
    func withConnection<R>(doing action: String, _ body: (PostgresConnection) throws(PostgresError) -> R) throws(LogError) -> R {
        do {
            return try withConnectionRethrowing(doing: action) { connection in try body(connection) }
        } catch let error as LogError {
            throw error
        } catch {
            throw LogError(.io, "cannot \(action): \(error)")
        }
    }

    /// As `withConnection`, for bodies that throw other errors too (a reader's visitor), which are rethrown.
    /// Whatever `body` throws, a transaction it left open is rolled back before the connection is kept, so
    /// the next caller never inherits an aborted one.
    func withConnectionRethrowing<R>(doing action: String, _ body: (PostgresConnection) throws -> R) throws -> R {
        let connection = try takeConnection()
        defer { keep(connection) }
        do {
            return try body(connection)
        } catch {
            if connection.isHealthy { try? connection.run("ROLLBACK") }
            if let failure = error as? PostgresError { throw Self.failure(failure, doing: action, url: url) }
            throw error
        }
    }

    /// The kept connection when free, else a new one.
    private func takeConnection() throws(LogError) -> PostgresConnection {
        if let kept = idle.withLock({ $0.take() }) { return kept }
        return try Self.connect(url)
    }

    private func keep(_ connection: PostgresConnection) {
        guard connection.isHealthy else { return }
        idle.withLock { if $0 == nil { $0 = connection } }
    }

    /// A new connection to `url`, or the `LogError` saying why there is none.
    static func connect(_ url: String) throws(LogError) -> PostgresConnection {
        do throws(PostgresError) {
            let connection = try PostgresConnection(url)
            // Rows are always wanted in seq order, which the primary key's index gives as it reads. Left to itself,
            // the planner may gather a page of rows another way and sort it (spilling to disk for 100,000 lines).
            try connection.run("SET enable_sort = off")
            return connection
        } catch { throw failure(error, doing: "connect", url: url) }
    }

    /// `error` as a `LogError`: libpq missing, privilege refused, the server unreachable, or another refusal.
    static func failure(_ error: PostgresError, doing action: String, url: String) -> LogError {
        let place = redacted(url)
        if error.libraryMissing {
            return LogError(.unsupportedFormat, "this decisionlog cannot open a log in PostgreSQL (\(place)): \(error.message)",
                            hint: "install it (Debian and Ubuntu: apt-get install libpq5) and run the command again")
        }
        if error.isPermission {
            return LogError(.permission, "the database \(place) refused to \(action): \(error.message)",
                            hint: "ask its owner for the grants in docs/postgresql.md")
        }
        if error.connectionLost {
            return LogError(.io, "cannot \(action): the database \(place) cannot be reached (\(error.message))",
                            hint: "check that the server is running and the store URL is right, then try again")
        }
        return LogError(.io, "the database \(place) could not \(action): \(error.message)" + (error.sqlState.map { " (SQLSTATE \($0))" } ?? ""))
    }

    /// `url` without a password, for messages.
    public static func redacted(_ url: String) -> String {
        let characters = Array(url)
        guard let scheme = (0..<max(0, characters.count - 2)).first(where: { characters[$0] == ":" && characters[$0 + 1] == "/" && characters[$0 + 2] == "/" }),
              let at = characters[(scheme + 3)...].firstIndex(of: "@"),
              let colon = characters[(scheme + 3)..<at].firstIndex(of: ":") else { return url.quotedForMessage }
        return (String(characters[..<colon]) + ":***" + String(characters[at...])).quotedForMessage
    }

    /// Whether `text` names a PostgreSQL database (a `postgresql://` or `postgres://` URI).
    public static func isStoreURL(_ text: String) -> Bool { text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") }
}
