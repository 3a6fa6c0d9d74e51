import Glibc

/// An open file; the owner must call `close()` (a `defer` right after opening it is the usual way).
package struct FileDescriptor: Sendable {
    /// The raw descriptor.
    package let raw: Int32
    /// The path it was opened with, for error messages.
    package let path: String

    /// Opens `path`; throws `SystemError` naming the path on failure.
    package static func open(_ path: String, _ mode: OpenMode, permissions: UInt32 = 0o644) throws(SystemError) -> FileDescriptor {
        try open(path, mode, permissions: permissions) { Glibc.open(path, $0, $1) }
    }

    /// Opens `path` with `opening` (open or openat) and, for a file of the log, checks what was opened.
    static func open(_ path: String, _ mode: OpenMode, permissions: UInt32,
                     _ opening: (Int32, mode_t) -> Int32) throws(SystemError) -> FileDescriptor {
        let fd: Int32
        do { fd = try retrying("open", path) { opening(mode.flags | O_CLOEXEC, mode_t(permissions)) } } catch {
            if error.code == ELOOP, mode.flags & O_NOFOLLOW != 0 { throw SystemError.unsafe(path, operation: "open", status: nil) }
            throw error
        }
        let file = FileDescriptor(raw: fd, path: path)
        guard mode.isLogFile else { return file }
        var s = stat()
        guard fstat(fd, &s) == 0 else {
            let code = errno
            file.close()
            throw SystemError(code: code, operation: "fstat", path: path)
        }
        if s.st_mode & S_IFMT != S_IFREG || (mode.writes && s.st_nlink > 1) {
            file.close()
            throw SystemError.unsafe(path, operation: "open", status: s)
        }
        return file
    }

    /// Closes the descriptor; errors are ignored because the data was already synced or abandoned.
    package func close() { _ = Glibc.close(raw) }

    /// Whether the open file belongs to the user running this process, and its permission bits.
    package func ownership() throws(SystemError) -> (isOwnedByCurrentUser: Bool, permissions: UInt32) {
        var s = stat()
        _ = try retrying("fstat", path) { fstat(raw, &s) }
        return (s.st_uid == geteuid(), UInt32(s.st_mode) & 0o7777)
    }

    /// Status of the open file.
    package func status() throws(SystemError) -> FileStatus {
        var s = stat()
        _ = try retrying("fstat", path) { fstat(raw, &s) }
        return FileStatus(s)
    }

    /// Reads up to `count` bytes at `offset` into `buffer`; returns how many were read (0 at end of file).
    package func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(SystemError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        return try retrying("read", path) { pread(raw, base, buffer.count, off_t(offset)) }
    }

    /// Reads from the current position into `buffer`; returns how many bytes were read (0 at end of file).
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        return try retrying("read", path) { Glibc.read(raw, base, buffer.count) }
    }

    /// Reads the whole file from its current position.
    package func readAll() throws(SystemError) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { b in Result { () throws(SystemError) in try read(into: b) } }.get()
            if n == 0 { return result }
            result.append(contentsOf: chunk[0..<n])
        }
    }

    /// Writes all of `bytes`, looping over short writes; throws on the first failure.
    package func writeAll(_ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let written = try retrying("write", path) {
                Glibc.write(raw, bytes.baseAddress! + offset, bytes.count - offset)
            }
            offset += written
        }
    }

    /// Writes all of `bytes`, looping over short writes; throws on the first failure.
    package func writeAll(_ bytes: [UInt8]) throws(SystemError) {
        try bytes.withUnsafeBytes { b in Result { () throws(SystemError) in try writeAll(b) } }.get()
    }

    /// Writes all of `bytes` at `offset`, looping over short writes; the file position does not move.
    package func write(_ bytes: [UInt8], at offset: Int64) throws(SystemError) {
        try bytes.withUnsafeBytes { b in
            Result { () throws(SystemError) in
                var done = 0
                while done < b.count {
                    done += try retrying("write", path) { pwrite(raw, b.baseAddress! + done, b.count - done, off_t(offset) + off_t(done)) }
                }
            }
        }.get()
    }

    /// Flushes the file's data and metadata to the disk; returns only when they are durable.
    package func sync() throws(SystemError) {
        _ = try retrying("fsync", path) { fsync(raw) }
    }

    /// Cuts or extends the file to `size` bytes.
    package func truncate(to size: Int64) throws(SystemError) {
        _ = try retrying("ftruncate", path) { ftruncate(raw, off_t(size)) }
    }

    /// Takes an exclusive advisory lock (flock), waiting for other holders; released by `unlock` or close.
    package func lockExclusive() throws(SystemError) {
        _ = try retrying("flock", path) { flock(raw, LOCK_EX) }
    }

    /// Takes a shared advisory lock (flock), waiting while someone holds the exclusive one.
    package func lockShared() throws(SystemError) {
        _ = try retrying("flock", path) { flock(raw, LOCK_SH) }
    }

    /// Takes a shared advisory lock if no one holds the exclusive one; returns whether it did, without waiting.
    package func tryLockShared() -> Bool {
        while true {
            if flock(raw, LOCK_SH | LOCK_NB) == 0 { return true }
            if errno != EINTR { return false }
        }
    }

    /// Releases an advisory lock taken with `lockExclusive` or `tryLockShared`.
    package func unlock() {
        _ = flock(raw, LOCK_UN)
    }
}
