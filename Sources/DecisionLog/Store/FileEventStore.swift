import Synchronization

/// The file-backed event store: a log folder with `events.jsonl` (one canonical event per line),
/// `config.json`, and a lock file for writers.
///
/// Safe to share between threads (appends are serialised by a mutex) and between processes (by `flock` on
/// the lock file). Readers take no lock: they see a prefix of complete lines.
public final class FileEventStore: EventStore {
    /// The folder the log lives in.
    public let folder: LogFolder
    /// The log's configuration, as read when the store was opened.
    public let configuration: LogConfig
    /// The clock that stamps `recordedAt`.
    let clock: @Sendable () -> Timestamp
    /// Serialises appends within this process; `flock` does it across processes.
    let appendMutex = Mutex(())
    /// Warnings about the log's files met so far (each once), for the front end to show.
    private let notices = Mutex<[String]>([])

    /// Opens the log in `folder`; throws `.notFound` when there is none, `.unsupportedFormat` or
    /// `.invalidConfiguration` for a config it cannot use. `adjust` changes the configuration for this process
    /// only (settings from the environment), never on disk.
    public init(opening folder: LogFolder, clock: @escaping @Sendable () -> Timestamp = Timestamp.now,
                adjusting adjust: (inout LogConfig) -> Void = { _ in }) throws(LogError) {
        let bytes: [UInt8]
        do throws(SystemError) { bytes = try FileSystem.readFile(folder.configFile, mode: .read.inLog) } catch {
            if error.isNotFound {
                throw LogError(.notFound, "no decision log at \(folder.path)", hint: "run 'decisionlog init' to create one")
            }
            throw LogError.system(error, doing: "read the log's configuration")
        }
        self.folder = folder
        var configuration = try LogConfig(bytes: bytes, path: folder.configFile)
        adjust(&configuration)
        self.configuration = configuration
        self.clock = clock
        guard FileSystem.exists(folder.eventsFile) else {
            throw LogError(.notFound, "the log at \(folder.path) has no events file (events.jsonl)",
                           hint: "restore it from a copy; 'decisionlog init' makes a new, empty log elsewhere")
        }
    }

    /// Creates a new, empty log in `folder` with `configuration`, durably; throws `.alreadyExists` when a
    /// log is there, or when the folder exists and holds other files.
    @discardableResult
    public static func create(in folder: LogFolder, configuration: LogConfig,
                              clock: @escaping @Sendable () -> Timestamp = Timestamp.now) throws(LogError) -> FileEventStore {
        try LogFolder.refuseExisting(folder)
        var madeFolder = false
        do throws(SystemError) {
            if !FileSystem.isDirectory(folder.path) {
                try FileSystem.makeDirectories(Paths.parent(of: folder.path))
                try FileSystem.makeDirectory(folder.path)
                madeFolder = true
            }
            try FileSystem.makeDirectory(folder.cacheFolder)
            let events = try FileDescriptor.open(folder.eventsFile, .createNew)
            defer { events.close() }
            try events.sync()
            let lock = try FileDescriptor.open(folder.lockFile, .createNew)
            lock.close()
            // Keep the lock and derived data out of version control when the log is shared through git.
            try FileSystem.replaceFile(Paths.join(folder.path, ".gitignore"), with: Array("lock\ncache/\nrepairs/\n".utf8), durable: true)
            // The configuration is written last: its presence is what makes the folder a log.
            try FileSystem.replaceFile(folder.configFile, with: configuration.bytes, durable: true)
            try FileSystem.syncDirectory(folder.path)
            try FileSystem.syncDirectory(Paths.parent(of: folder.path))
        } catch {
            // Leave nothing half-made behind: remove the folder if this call made it, else what it put there.
            if madeFolder {
                try? FileSystem.removeTree(folder.path)
            } else if FileSystem.isDirectory(folder.path) {
                for name in (try? FileSystem.list(folder.path)) ?? [] { try? FileSystem.removeTree(Paths.join(folder.path, name)) }
            }
            throw LogError.system(error, doing: "create the log at \(folder.path)")
        }
        return try FileEventStore(opening: folder, clock: clock)
    }

    public func readBatches(from position: LogPosition, _ visit: (LineBatch) throws -> Bool) throws -> ReadEnd {
        let file: FileDescriptor
        do throws(SystemError) { file = try FileDescriptor.open(folder.eventsFile, .read.inLog) } catch {
            throw LogError.system(error, doing: "read the log")
        }
        defer { file.close() }
        let readable = try readableEnd(of: file)
        let end: ScanEnd
        do {
            end = try LineScanner.scanBatches(file, from: position, to: readable.end, visit)
        } catch let error as SystemError {
            throw LogError.system(error, doing: "read the log")
        } catch let error as OverlongLine {
            throw LogError.integrity(
                IntegrityProblem(.malformed, line: error.lineNumber, seq: nil, "the line is longer than \(EventLine.maximumLength) bytes"),
                action: "read the log", isWrite: false)
        }
        // Bytes past a pending append's start, or an incomplete last line, are either being written right now
        // or were left by an interrupted write; either way readers skip them, and only the second is worth a
        // warning.
        let interrupted = if let unfinished = readable.unfinished { wasInterrupted(unfinished, in: file) } else { end.incompleteTailLength > 0 && !isWriterActive() }
        return ReadEnd(lines: end.lines, skippedInterruptedWrite: interrupted)
    }

    public func verify(expecting recorded: RecordedHead?, progress: ((_ bytesChecked: Int64, _ bytesTotal: Int64) -> Void)?,
                       observe: ((_ event: Event, _ span: LineSpan) -> Void)?, judge: ((RuleEvent) -> Void)?) throws(LogError) -> LogHead {
        do {
            let file = try FileDescriptor.open(folder.eventsFile, .read.inLog)
            defer { file.close() }
            let readable = try readableEnd(of: file)
            let total = readable.end
            let head = try ChainVerifier.verify(file, size: total, expecting: recorded, progress: progress.map { report in { report($0, total) } }, observe: observe, judge: judge)
            if let unfinished = readable.unfinished, wasInterrupted(unfinished, in: file) {
                throw IntegrityProblem(.interruptedAppend, line: head.seq + 1, seq: head.seq + 1,
                                       "the log ends with an append of \(unfinished.end - unfinished.start) bytes (events #\(head.seq + 1)–#\(unfinished.last.seq)) that was interrupted before it was acknowledged")
            }
            return head
        } catch let problem as IntegrityProblem {
            throw LogError(.integrity, "\(problem)", problem: problem)
        } catch let error as LogError {
            throw error
        } catch let error as SystemError {
            throw LogError.system(error, doing: "read the log")
        } catch {
            throw LogError(.io, "cannot verify the log: \(error)")
        }
    }

    /// The log's head as readers see it (without an unfinished append), read from its last line: cheap
    /// whatever the log's length, and only as trustworthy as the log — `verify` proves the chain up to it.
    /// Throws `.integrity` when the last line is not a complete event.
    public func head() throws(LogError) -> LogHead {
        let file: FileDescriptor
        do throws(SystemError) { file = try FileDescriptor.open(folder.eventsFile, .read.inLog) } catch { throw LogError.system(error, doing: "read the log") }
        defer { file.close() }
        let readable = try readableEnd(of: file)
        if readable.end == 0 { return .empty }
        if let line = LastLine.bytes(in: file, endingAt: readable.end), LastLine.sealedEvent(line) != nil, let event = try? Event(line: line) {
            return LogHead(seq: event.seq, hash: event.hash, recordedAt: event.recordedAt)
        }
        return try verify(expecting: nil, progress: nil)
    }

    /// Where readers of `file` stop: its size, or the start of an append that is not committed (being
    /// written now, or interrupted), which is then `unfinished`. The size is taken before the record is
    /// read, so an append that starts in between is not seen at all.
    func readableEnd(of file: FileDescriptor) throws(LogError) -> (end: Int64, unfinished: PendingAppend?) {
        let status: FileStatus
        do throws(SystemError) { status = try file.status() } catch { throw LogError.system(error, doing: "read the log's size") }
        guard let lock = try? FileDescriptor.open(folder.lockFile, .read.inLog) else { return (status.size, nil) }
        defer { lock.close() }
        guard let pending = unfinishedAppend(in: lock, of: file, status: status, holdingLock: false) else { return (status.size, nil) }
        return (min(status.size, pending.start), pending)
    }

    /// The append the record in `lock` shows unfinished in `file` (whose status is `status`), or nil. A record
    /// that does not describe the file as it is — or text that is no record — is ignored, with a notice once
    /// it is seen while no writer is at work (`holdingLock`, or under a shared lock taken here), since a
    /// writer may be half-way through writing its record. A reader that finds such text while a writer holds
    /// the lock reads it again (three times at most, a millisecond apart): it may be a record being replaced
    /// (an import's, growing with each part), read half old and half new.
    func unfinishedAppend(in lock: FileDescriptor, of file: FileDescriptor, status: FileStatus, holdingLock: Bool) -> PendingAppend? {
        for attempt in 0... {
            let contents = PendingAppend.read(from: lock)
            let problem: String
            switch contents {
            case .empty: return nil
            case .unknown: problem = "the lock file holds text that is not a pending-append record"
            case .record(let pending):
                switch pending.assess(file, status: status, acknowledged: TailCache.load(folder)?.acknowledgedSize(of: file, status: status)) {
                case .stale: return nil
                case .unfinished: return pending
                case .mismatch(let reason): problem = "the pending-append record in the lock file does not describe this log: \(reason)"
                }
            }
            if !holdingLock && attempt < 3 && Self.writerHolds(lock) {
                Threads.sleep(milliseconds: 1)
                continue
            }
            if holdingLock || Self.stillHolds(lock, contents) {
                notice("\(problem); it was ignored, and no event was hidden or removed (the next append clears it)")
            }
            return nil
        }
        return nil
    }

    /// True when a writer holds `lock` (an exclusive lock that a shared one cannot join).
    private static func writerHolds(_ lock: FileDescriptor) -> Bool {
        guard lock.tryLockShared() else { return true }
        lock.unlock()
        return false
    }

    /// True when no writer holds `lock` and, under a shared lock (so none can start), it still holds `contents`.
    private static func stillHolds(_ lock: FileDescriptor, _ contents: PendingAppend.Contents) -> Bool {
        guard lock.tryLockShared() else { return false }
        defer { lock.unlock() }
        return PendingAppend.read(from: lock) == contents
    }

    /// Records a warning for the front end (once).
    func notice(_ text: String) {
        notices.withLock { if !$0.contains(text) { $0.append(text) } }
    }

    /// The warnings met since the last call, in order: things about the log's files the person should know
    /// (an ignored pending-append record), though the command could go on.
    public func takeNotices() -> [String] {
        notices.withLock { list in defer { list = [] }; return list }
    }

    /// True when `pending`, an append found unfinished, was interrupted: no writer holds the lock, and under a
    /// shared lock (so none can start) the lock file still holds that record for an append still unfinished.
    /// (A writer that finished in between cleared its record or committed its append.)
    private func wasInterrupted(_ pending: PendingAppend, in file: FileDescriptor) -> Bool {
        guard let lock = try? FileDescriptor.open(folder.lockFile, .read.inLog) else { return false }
        defer { lock.close() }
        guard lock.tryLockShared() else { return false }
        defer { lock.unlock() }
        guard let status = try? file.status() else { return false }
        return unfinishedAppend(in: lock, of: file, status: status, holdingLock: true) == pending
    }

    /// True when another process holds the writers' lock.
    private func isWriterActive() -> Bool {
        guard let lock = try? FileDescriptor.open(folder.lockFile, .read.inLog) else { return false }
        defer { lock.close() }
        return !lock.tryLockShared()
    }
}
