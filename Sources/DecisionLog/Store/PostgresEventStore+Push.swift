import Synchronization

/// Copying a log into a database with the same hashes (`push`, `migrate`).
extension PostgresEventStore {
    /// Verifies `source`, then copies the events the database at `url` lacks into its log of the same id
    /// (created there the first time), in one transaction. Returns how many were copied and the database's
    /// head, which is `source`'s. Throws `LogError`: the source does not verify, the database's copy has
    /// another history (`.conflict`), or the database refuses.
    public static func push(_ source: any EventStore, to url: String) throws(LogError) -> (copied: Int, head: LogHead) {
        guard source.configuration.store != url else {
            throw LogError(.alreadyExists, "the log is already kept in \(redacted(url))", hint: "nothing to push")
        }
        let head = try source.verify(progress: nil)
        var configuration = source.configuration
        configuration.store = url
        if !(try logs(at: url).contains { $0.id == configuration.logID }) {
            configuration = try createLog(configuration, joining: false)
        }
        let database = try PostgresEventStore(opening: source.folder, local: configuration)
        let (copied, pushed) = try database.appendCopies(of: source)
        guard pushed == head else {
            throw LogError(.conflict, "the database's head \(pushed) is not the log's head \(head): events were appended to the log while it was pushed",
                           hint: "push again to copy the rest")
        }
        return (copied, pushed)
    }
}

extension FileEventStore {
    /// Moves the log into the database at `url`: under the writers' lock, so that no append lands in between,
    /// pushes every event (`PostgresEventStore.push`), names the database in the folder's configuration, and
    /// renames the events file to `events.jsonl.migrated`. An append waiting for the lock then finds no
    /// events file and fails, unacknowledged; commands started afterwards use the database. Returns how many
    /// events were copied and the head, the same in both.
    public func migrate(to url: String) throws(LogError) -> (copied: Int, head: LogHead) {
        try appendMutex.withLock { _ throws(LogError) -> (copied: Int, head: LogHead) in
            let lock: FileDescriptor
            do throws(SystemError) {
                lock = try FileDescriptor.open(folder.lockFile, OpenMode.readWriteCreate.inLog)
                try lock.lockExclusive()
            } catch { throw LogError.system(error, doing: "lock the log") }
            defer { lock.unlock(); lock.close() }
            let pushed = try PostgresEventStore.push(self, to: url)
            // The configuration is read again under the lock: it may have changed since this store opened it.
            let bytes: [UInt8]
            do throws(SystemError) { bytes = try FileSystem.readFile(folder.configFile, mode: .read.inLog) } catch {
                throw LogError.system(error, doing: "read the log's configuration")
            }
            var switched = try LogConfig(bytes: bytes, path: folder.configFile)
            switched.store = url
            do throws(SystemError) {
                try FileSystem.replaceFile(folder.configFile, with: switched.bytes, durable: true)
                try FileSystem.rename(folder.eventsFile, to: folder.eventsFile + ".migrated")
                try FileSystem.syncDirectory(folder.path)
            } catch {
                throw LogError.system(error, doing: "switch the log folder over to the database (the events are in it)")
            }
            return pushed
        }
    }
}
