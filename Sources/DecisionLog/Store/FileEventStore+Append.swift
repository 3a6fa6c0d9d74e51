import Synchronization

extension FileEventStore {
    /// Seals and appends the request's drafts, all or none, durably.
    ///
    /// Under the process mutex and an exclusive `flock` (a shared one for a dry run, which opens nothing for
    /// writing and so works on a read-only log): finds the head (from the tail cache when the events file is
    /// untouched since the last append, else by verifying the whole log), checks references and the expected
    /// version, skips drafts whose id is already in the log with the same content, seals (and signs) the rest, writes them
    /// with one `O_APPEND` write loop and `fsync`s before returning. A failed write is cut back off, leaving
    /// the log byte for byte as it was. Every problem with every draft is reported at once (`rejections`).
    public func append(_ request: AppendRequest) throws(LogError) -> AppendReceipt {
        do {
            return try underWriteLock(dryRun: request.dryRun) { lock, file, before, head throws(LogError) in
                let read: IDIndexUse.Read = { from, visit in _ = try LineScanner.scan(file, from: from, to: before.size) { line, number, _ in try visit(line, number) } }
                let plan = try AppendPlan(request, after: head, now: clock(), zone: configuration.timeZone, scan: { visit in try read(.start, visit) },
                                          ids: idIndexUse(request.idIndex, file: file, read: read, head: head))
                let (appended, bytes) = (plan.batch.events, plan.batch.bytes)
                if !request.dryRun && !bytes.isEmpty {
                    let pending = PendingAppend(inode: before.inode, start: before.size, end: before.size + Int64(bytes.count),
                                                before: head.link, first: appended[0].hash, last: plan.head.link)
                    try write(bytes, to: file, under: pending, lock: lock)
                    try commit(file, lock: lock, before: before, end: pending.end, head: plan.head)
                }
                return plan.receipt(dryRun: request.dryRun, before: head)
            }
        } catch let error as LogError {
            throw error
        } catch {
            throw LogError(.io, "cannot append: \(error)")
        }
    }

    /// Runs `body` under the process mutex and an exclusive `flock` (a shared one for a dry run, which opens
    /// nothing for writing and so works on a read-only log), with the events file open for appending (reading,
    /// for a dry run), its status, and its head (from the tail cache when the events file is untouched since
    /// the last append, else by verifying the whole log); refuses to run after an append that was interrupted.
    func underWriteLock<Result>(dryRun: Bool, _ body: (_ lock: FileDescriptor, _ file: FileDescriptor, _ before: FileStatus, _ head: LogHead) throws -> Result) throws -> Result {
        try appendMutex.withLock { _ throws -> Result in
            let lock: FileDescriptor
            do throws(SystemError) { lock = try FileDescriptor.open(folder.lockFile, (dryRun ? OpenMode.read : .readWriteCreate).inLog) } catch {
                guard error.isUnsafeFile else { throw LogError.system(error, doing: "open the log's lock") }
                throw LogError(.io, "cannot open the log's lock: \(error)", hint: "run 'decisionlog repair', which replaces it with a fresh lock file (and touches nothing it points to)", cause: error)
            }
            defer { lock.close() }
            do throws(SystemError) {
                if dryRun { try lock.lockShared() } else { try lock.lockExclusive() }
            } catch { throw LogError.system(error, doing: "lock the log") }
            defer { lock.unlock() }

            let file = try open(folder.eventsFile, dryRun ? .read : .append, "open the log for appending")
            defer { file.close() }
            let before = try status(of: file)
            try refuseAfterInterruptedAppend(file, status: before, lock: lock, clearingStale: !dryRun)
            return try body(lock, file, before, try currentHead(file, before))
        }
    }

    /// Writes `bytes` at the end of `file` after saving `pending` (which covers them) in `lock`; a failed write
    /// is cut back to where the pending append starts.
    func write(_ bytes: [UInt8], to file: FileDescriptor, under pending: PendingAppend, lock: FileDescriptor) throws(LogError) {
        do throws(SystemError) { try pending.save(to: lock) } catch { throw LogError.system(error, doing: "record the append in the lock file") }
        try write(bytes, to: file, restoringSize: pending.start, lock: lock)
    }

    /// Makes an append that took `file` from `before` to `end` bytes and to `head` durable, and clears its
    /// pending record; throws when the log folder was removed or replaced meanwhile (the events went with it).
    func commit(_ file: FileDescriptor, lock: FileDescriptor, before: FileStatus, end: Int64, head: LogHead) throws(LogError) {
        // Trust the file for the next append only if it is exactly what this append left.
        if let after = try? file.status(), after.size == end {
            TailCache(head: head, file: after).save(folder)
        } else {
            TailCache.remove(folder)
        }
        do throws(SystemError) { try file.sync() } catch { throw LogError.system(error, doing: "sync the log to disk") }
        // Committed: the events are durable. Clearing the record is only tidiness (see PendingAppend).
        try? PendingAppend.clear(in: lock)
        // Durable, but in the log still there? A folder removed or replaced meanwhile took them with it.
        let current = try? FileSystem.status(folder.eventsFile)
        guard let current, current.device == before.device, current.inode == before.inode else {
            throw LogError(.notFound, "the log at \(folder.path) was removed or replaced during the append, so the events were not recorded in it",
                           hint: "find out who moved the log folder; nothing was added to a log there now")
        }
    }

    /// How the append uses the id index, when the request names its key: the index when it describes the log
    /// and fewer than `interval` events lie past it (its blocks checked as they are read, and each event it
    /// points at read and checked to be that id at that seq); a new one from a whole-log read on a log of
    /// `interval` events or more when there is none usable.
    func idIndexUse(_ setting: (key: CheckpointKey, interval: Int)?, file: FileDescriptor, read: @escaping IDIndexUse.Read, head: LogHead) -> IDIndexUse? {
        guard let setting, head.seq > 0 else { return nil }
        let key = setting.key, interval = setting.interval, logID = configuration.logID, folder = self.folder
        let kept = KeptIndex {
            EventIDIndex.load(folder, logID: logID, key: key).flatMap { index in
                index.seq <= head.seq && head.seq - index.seq < interval && index.follows(file) ? index : nil
            }
        }
        return IDIndexUse(
            find: { ids in
                guard let index = kept.index else { return nil }
                var events: [Event] = []
                for id in ids {
                    switch index.lookup(id) {
                    case .found(let entry):
                        let event = file.storedLine(at: entry.span).flatMap { line in line.withUnsafeBytes { try? Event(line: UnsafeRawBufferPointer(rebasing: $0.dropLast())) } }
                        guard let event, event.id == id, event.seq == entry.seq else { return kept.discard() }
                        events.append(event)
                    case .absent: continue
                    case .damaged: return kept.discard()
                    }
                }
                return (events, index.end)
            },
            scan: read,
            wantsEntries: { head.seq >= interval && kept.index == nil },
            save: { entries in
                guard let last = entries.last, last.seq == head.seq else { return }
                EventIDIndex.save(entries, last: (head.seq, head.hash, last.span), logID: logID, key: key, in: folder)
            })
    }

    /// The id index an append uses, loaded when first asked for, and dropped when a lookup finds it does not
    /// hold up. Confined to the append that made it.
    private final class KeptIndex {
        private let load: () -> EventIDIndex?
        private var state: EventIDIndex?? = nil

        init(_ load: @escaping () -> EventIDIndex?) { self.load = load }

        var index: EventIDIndex? {
            if state == nil { state = .some(load()) }
            return state!
        }

        /// Drops the index (it will be rebuilt by the whole-log read); returns nil, for `find`.
        func discard() -> (events: [Event], rest: LogPosition)? {
            state = .some(nil)
            return nil
        }
    }

    /// The head of the log in `file`: from the tail cache when it describes the file as it is and the last
    /// line is the event it names, else by verifying every line (throwing `.integrity` for a broken or torn
    /// log) — after which the cache describes the verified file, so the next append (even after this one is
    /// refused or a dry run) need not verify it again.
    func currentHead(_ file: FileDescriptor, _ status: FileStatus) throws(LogError) -> LogHead {
        if let cache = TailCache.load(folder), cache.matches(status), cache.isConfirmed(by: file) { return cache.head }
        if status.size == 0 { return .empty }
        do {
            let head = try ChainVerifier.verify(file, size: status.size)
            TailCache(head: head, file: status).save(folder)
            return head
        } catch let problem as IntegrityProblem {
            throw LogError.integrity(problem, action: "append")
        } catch let error as SystemError {
            throw LogError.system(error, doing: "read the log")
        } catch {
            throw LogError(.io, "cannot read the log: \(error)")
        }
    }

    /// Refuses to append after an append that was interrupted before it was committed (its events were
    /// never acknowledged; `repair` removes them, keeping a copy). Anything else in the lock file — a record
    /// left by a committed append or by one that wrote nothing, or one that does not describe this log — is
    /// cleared when `clearingStale` (the last with a notice).
    func refuseAfterInterruptedAppend(_ file: FileDescriptor, status: FileStatus, lock: FileDescriptor, clearingStale: Bool) throws(LogError) {
        guard let pending = unfinishedAppend(in: lock, of: file, status: status, holdingLock: true) else {
            if clearingStale, PendingAppend.read(from: lock) != .empty { try? PendingAppend.clear(in: lock) }
            return
        }
        let problem = IntegrityProblem(.interruptedAppend, line: 0, seq: nil,
                                       "the log ends with an append of \(pending.end - pending.start) bytes, up to event #\(pending.last.seq), that was interrupted before it was acknowledged")
        throw LogError(.integrity, "cannot append: \(problem.message)",
                       hint: "run 'decisionlog repair' to remove it (a copy is kept), then retry", problem: problem)
    }

    /// Writes `bytes` at the end of `file`; on failure cuts the file back to `size` and clears the pending
    /// record in `lock`, so nothing of the write remains. The caller syncs.
    func write(_ bytes: [UInt8], to file: FileDescriptor, restoringSize size: Int64, lock: FileDescriptor) throws(LogError) {
        do throws(SystemError) {
            try file.writeAll(bytes)
        } catch {
            do {
                try file.truncate(to: size)
                try file.sync()
                try PendingAppend.clear(in: lock)
            } catch {
                throw LogError(.io, "the append failed and could not be undone: \(error)",
                               hint: "run 'decisionlog repair' to remove the incomplete write", cause: error)
            }
            throw LogError.system(error, doing: "append to the log")
        }
    }

    func open(_ path: String, _ mode: OpenMode, _ action: String) throws(LogError) -> FileDescriptor {
        do throws(SystemError) { return try FileDescriptor.open(path, mode.inLog) } catch { throw LogError.system(error, doing: action) }
    }

    private func status(of file: FileDescriptor) throws(LogError) -> FileStatus {
        do throws(SystemError) { return try file.status() } catch { throw LogError.system(error, doing: "read the log's size") }
    }
}
