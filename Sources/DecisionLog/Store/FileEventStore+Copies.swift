import Synchronization

/// Copying another store's events in, byte for byte (`pull --into`: a verified local mirror).
extension FileEventStore {
    /// Appends `source`'s events after this log's head, byte for byte: every line is checked on its own (its
    /// hash, its canonical form) on every core, and must continue the chain from this log's head — so the
    /// mirror verifies whatever the source sends. Each batch of lines (a few MiB) is its own durable append
    /// under the writers' lock and a pending-append record, so a pull cut off keeps every batch it reported
    /// and leaves nothing a reader sees half-written. Returns how many events were copied and the head after.
    public func appendCopies(of source: any EventStore) throws(LogError) -> (copied: Int, head: LogHead) {
        try appendMutex.withLock { _ throws(LogError) -> (copied: Int, head: LogHead) in
            let lock: FileDescriptor, file: FileDescriptor
            do throws(SystemError) {
                lock = try FileDescriptor.open(folder.lockFile, OpenMode.readWriteCreate.inLog)
                try lock.lockExclusive()
            } catch { throw LogError.system(error, doing: "lock the log") }
            defer { lock.unlock(); lock.close() }
            do throws(SystemError) { file = try FileDescriptor.open(folder.eventsFile, OpenMode.append.inLog) } catch {
                throw LogError.system(error, doing: "open the log for appending")
            }
            defer { file.close() }
            var status: FileStatus
            do throws(SystemError) { status = try file.status() } catch { throw LogError.system(error, doing: "read the log's size") }
            try refuseAfterInterruptedAppend(file, status: status, lock: lock, clearingStale: true)
            var head = try currentHead(file, status)
            var copied = 0
            do {
                head = try VerifiedCopy.run(from: source, after: head, offset: status.size) { bytes, events, after in
                    let pending = PendingAppend(inode: status.inode, start: status.size, end: status.size + Int64(bytes.count),
                                                before: head.link, first: events[0].hash, last: after.link)
                    do throws(SystemError) { try pending.save(to: lock) } catch { throw LogError.system(error, doing: "record the append in the lock file") }
                    try write(bytes, to: file, restoringSize: status.size, lock: lock)
                    do throws(SystemError) {
                        try file.sync()
                        status = try file.status()
                    } catch { throw LogError.system(error, doing: "sync the log to disk") }
                    TailCache(head: after, file: status).save(folder)
                    try? PendingAppend.clear(in: lock)
                    head = after
                    copied += events.count
                }
            } catch let error as LogError {
                throw error
            } catch let problem as IntegrityProblem {
                throw LogError(.integrity, "the source sent an event that does not verify, so the copy stopped before it (\(problem))", problem: problem)
            } catch {
                throw LogError(.io, "cannot copy the events: \(error)")
            }
            return (copied, head)
        }
    }
}
