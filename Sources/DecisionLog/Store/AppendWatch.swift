/// A wait for appends to a log (a page's live updates, `log --follow`): wakes when the log may have changed,
/// so the waiter reads on from where it was. A wake-up without a change is possible; a change without one
/// is not, as long as the wait was in place before the change.
public protocol AppendWatch {
    /// Waits up to `timeoutMilliseconds`; true when the log may have changed. Throws `LogError` when the
    /// watch broke (a database connection lost): make a new one and read on.
    func waitForAppend(timeoutMilliseconds: Int32) throws(LogError) -> Bool
    /// Stops watching.
    func close()
}

/// Watches a log folder's files with inotify.
struct FolderWatch: AppendWatch {
    let watch: FileWatch

    func waitForAppend(timeoutMilliseconds: Int32) throws(LogError) -> Bool { watch.waitForChange(timeoutMilliseconds: timeoutMilliseconds) }

    func close() { watch.close() }
}

/// Watches a log in PostgreSQL: LISTEN on the channel appends notify at commit, on a connection of its own.
final class NotificationWatch: AppendWatch {
    let connection: PostgresConnection
    let logID: String
    let url: String

    init(url: String, logID: String) throws(LogError) {
        self.url = url
        self.logID = logID
        connection = try PostgresEventStore.connect(url)
        do throws(PostgresError) { try connection.run("LISTEN \(PostgresSchema.channel)") } catch {
            throw PostgresEventStore.failure(error, doing: "listen for appends", url: url)
        }
    }

    func waitForAppend(timeoutMilliseconds: Int32) throws(LogError) -> Bool {
        do throws(PostgresError) {
            return try connection.waitForNotifications(timeout: Double(timeoutMilliseconds) / 1000).contains(logID)
        } catch {
            throw PostgresEventStore.failure(error, doing: "listen for appends", url: url)
        }
    }

    func close() {}
}

extension FileEventStore {
    /// Watches the log folder's files for appends.
    public func watchAppends() throws(LogError) -> any AppendWatch {
        do throws(SystemError) { return FolderWatch(watch: try FileWatch(folder: folder.path)) } catch {
            throw LogError.system(error, doing: "watch the log folder")
        }
    }
}

extension PostgresEventStore {
    /// Listens for the database's notifications of appends to this log.
    public func watchAppends() throws(LogError) -> any AppendWatch {
        try NotificationWatch(url: url, logID: configuration.logID.description)
    }
}
