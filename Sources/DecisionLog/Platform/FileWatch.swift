import Glibc

/// Wakes when something in one folder changes (a file written, replaced, created), without polling: the
/// kernel's inotify. The owner must call `close()`.
package struct FileWatch: Sendable {
    /// The inotify descriptor.
    private let raw: Int32

    /// Watches `folder`; throws `SystemError` naming it when it cannot be watched.
    package init(folder: String) throws(SystemError) {
        let fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else { throw SystemError(code: errno, operation: "inotify_init1", path: folder) }
        let mask = UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE) | UInt32(IN_DELETE)
        guard inotify_add_watch(fd, folder, mask) >= 0 else {
            let code = errno
            _ = Glibc.close(fd)
            throw SystemError(code: code, operation: "inotify_add_watch", path: folder)
        }
        raw = fd
    }

    /// Waits up to `timeoutMilliseconds` for a change and drains what was reported; true when something changed.
    package func waitForChange(timeoutMilliseconds: Int32) -> Bool {
        var entry = pollfd(fd: raw, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, timeoutMilliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        _ = buffer.withUnsafeMutableBytes { Glibc.read(raw, $0.baseAddress, $0.count) }
        return true
    }

    /// Stops watching.
    package func close() { _ = Glibc.close(raw) }
}
