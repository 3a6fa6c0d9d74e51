/// Opening a log whatever it is kept in.
public enum EventStores {
    /// Opens the log in `folder`: its events file, or the database its configuration names (`store`). Throws
    /// `LogError` as `FileEventStore(opening:)` and `PostgresEventStore(opening:local:)` do.
    public static func open(_ folder: LogFolder, clock: @escaping @Sendable () -> Timestamp = Timestamp.now,
                            adjusting adjust: (inout LogConfig) -> Void = { _ in }) throws(LogError) -> any EventStore {
        if let bytes = try? FileSystem.readFile(folder.configFile, mode: .read.inLog), let local = try? LogConfig(bytes: bytes, path: folder.configFile),
           local.store != nil {
            return try PostgresEventStore(opening: folder, local: local, clock: clock, adjusting: adjust)
        }
        return try FileEventStore(opening: folder, clock: clock, adjusting: adjust)
    }
}
