import Synchronization

/// Changing a log's configuration (`decisionlog config set`).
extension FileEventStore {
    /// Applies `change` to the log's configuration as it is on disk now, under the writers' lock, and writes
    /// it durably (a whole new file renamed over the old). Returns the configuration written. Throws
    /// `LogError` when the file cannot be read, is invalid, or cannot be written; nothing changes then.
    @discardableResult
    public func updateConfiguration(_ change: (inout LogConfig) -> Void) throws(LogError) -> LogConfig {
        try appendMutex.withLock { _ throws(LogError) -> LogConfig in
            let lock: FileDescriptor
            do {
                lock = try FileDescriptor.open(folder.lockFile, .readWriteCreate.inLog)
                try lock.lockExclusive()
            } catch let error as SystemError {
                throw LogError.system(error, doing: "lock the log")
            } catch { fatalError("unreachable: \(error)") }
            defer { lock.unlock(); lock.close() }
            let bytes: [UInt8]
            do throws(SystemError) { bytes = try FileSystem.readFile(folder.configFile, mode: .read.inLog) } catch {
                throw LogError.system(error, doing: "read the log's configuration")
            }
            var configuration = try LogConfig(bytes: bytes, path: folder.configFile)
            change(&configuration)
            do throws(SystemError) { try FileSystem.replaceFile(folder.configFile, with: configuration.bytes, durable: true) } catch {
                throw LogError.system(error, doing: "write the log's configuration")
            }
            return configuration
        }
    }
}
