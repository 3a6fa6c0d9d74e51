import Glibc

/// How a file is opened.
package struct OpenMode: Sendable {
    let flags: Int32
    /// Whether the path must name a regular file of the log's own (see `inLog`).
    let isLogFile: Bool

    private init(flags: Int32, isLogFile: Bool = false) {
        self.flags = flags
        self.isLogFile = isLogFile
    }

    /// Read only.
    package static let read = OpenMode(flags: O_RDONLY)
    /// Read and write, every write going to the end of the file.
    package static let append = OpenMode(flags: O_RDWR | O_APPEND)
    /// Read and write, creating the file when missing.
    package static let readWriteCreate = OpenMode(flags: O_RDWR | O_CREAT)
    /// Write a new file that must not exist yet (a symbolic link in its place counts as existing).
    package static let createNew = OpenMode(flags: O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW)
    /// Write a file, creating it or emptying it first.
    package static let createOrTruncate = OpenMode(flags: O_WRONLY | O_CREAT | O_TRUNC)

    /// This mode for a file of a log, whose name anyone who shares the log may have replaced: a symbolic
    /// link is not followed, a FIFO or device is not waited on, and the open fails (`isUnsafeFile`) unless
    /// the name is a regular file — with no other name, when it is opened for writing.
    package var inLog: OpenMode { OpenMode(flags: flags | O_NOFOLLOW | O_NONBLOCK, isLogFile: true) }

    /// Whether the mode writes.
    var writes: Bool { flags & O_ACCMODE != O_RDONLY }
}

/// What `fstat` and `stat` tell about a file, reduced to what the log needs.
package struct FileStatus: Sendable, Equatable {
    /// Size in bytes.
    package let size: Int64
    /// Device and inode: together they name the file, whatever its path.
    package let device: UInt64
    package let inode: UInt64
    /// Last status change (nanoseconds since the epoch); only the kernel can set it.
    package let changeTimeNanoseconds: Int64
    /// Last modification (nanoseconds since the epoch).
    package let modificationTimeNanoseconds: Int64
    /// True for a directory.
    package let isDirectory: Bool

    /// A status from its parts.
    package init(size: Int64, device: UInt64, inode: UInt64, changeTimeNanoseconds: Int64,
                modificationTimeNanoseconds: Int64, isDirectory: Bool) {
        self.size = size
        self.device = device
        self.inode = inode
        self.changeTimeNanoseconds = changeTimeNanoseconds
        self.modificationTimeNanoseconds = modificationTimeNanoseconds
        self.isDirectory = isDirectory
    }

    init(_ s: stat) {
        size = Int64(s.st_size)
        device = UInt64(s.st_dev)
        inode = UInt64(s.st_ino)
        changeTimeNanoseconds = Int64(s.st_ctim.tv_sec) * 1_000_000_000 + Int64(s.st_ctim.tv_nsec)
        modificationTimeNanoseconds = Int64(s.st_mtim.tv_sec) * 1_000_000_000 + Int64(s.st_mtim.tv_nsec)
        isDirectory = (s.st_mode & S_IFMT) == S_IFDIR
    }
}

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
