// The library's Glibc calls live in the Platform folder: thin typed wrappers that retry on EINTR,
// loop over short reads and writes, and report failures as `SystemError` with the path involved.
import Glibc
internal import DecisionLogKernels

/// A failed system call: the errno, the operation and the path it concerned.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The errno value the call failed with.
    public let code: Int32
    /// The system call or operation that failed, e.g. `open` or `fsync`.
    public let operation: String
    /// The file the operation concerned, when there is one.
    public let path: String?
    /// What is wrong, in words, when errno does not say it (a file that is a link, a FIFO, has other names,
    /// or holds something other than it should); nil for a plain errno.
    public let detail: String?
    /// True when the path names something other than a plain file or folder of its own: a symbolic link, a
    /// FIFO, a device, or a file with other names (hard links).
    public let isUnsafeFile: Bool

    /// A failure with errno `code`; `detail` says what is wrong when errno does not.
    public init(code: Int32, operation: String, path: String?, detail: String? = nil, isUnsafeFile: Bool = false) {
        self.code = code
        self.operation = operation
        self.path = path
        self.detail = detail
        self.isUnsafeFile = isUnsafeFile
    }

    /// A file at `path` that is there but not as it should be: `problem` says how.
    public static func invalid(_ path: String, _ problem: String) -> SystemError {
        SystemError(code: EINVAL, operation: "check", path: path, detail: problem)
    }

    /// The C library's text for `code`, e.g. "No space left on device", or what is wrong with the file.
    public var reason: String { detail ?? String(cString: strerror(code)) }

    public var description: String {
        if let detail, let path { return "\(path) \(detail)" }
        if let path { return "\(operation) \(path): \(reason)" }
        return "\(operation): \(reason)"
    }

    /// True when the error means the file or folder does not exist.
    public var isNotFound: Bool { detail == nil && (code == ENOENT || code == ENOTDIR) }
    /// True when the error means something is already there under the name.
    public var isAlreadyThere: Bool { code == EEXIST }
    /// True when the error means permission was refused or the file system is read-only.
    public var isPermission: Bool { code == EACCES || code == EPERM || code == EROFS }
    /// True when the error means the disk or quota is full, or the file reached the size limit.
    public var isNoSpace: Bool { code == ENOSPC || code == EDQUOT || code == EFBIG }
    /// The error for `path`, reached without following links, whose status is `s` (nil: a symbolic link),
    /// when a regular file (or, `wantsFolder`, a folder) was expected.
    static func unsafe(_ path: String, operation: String, status s: stat?, wantsFolder: Bool = false) -> SystemError {
        let wanted = wantsFolder ? "a folder" : "a regular file"
        guard let s else { return SystemError(code: ELOOP, operation: operation, path: path, detail: "is a symbolic link, not \(wanted) of the log's own", isUnsafeFile: true) }
        let kind: String = switch s.st_mode & S_IFMT {
        case S_IFDIR: "is a folder, not a file"
        case S_IFIFO: "is a FIFO (named pipe), not \(wanted)"
        case S_IFSOCK: "is a socket, not \(wanted)"
        case S_IFCHR, S_IFBLK: "is a device, not \(wanted)"
        case S_IFREG where wantsFolder: "is a file, not a folder"
        case S_IFREG: "has \(s.st_nlink) names (hard links); a file the log writes must have only its own"
        default: "is not \(wanted)"
        }
        return SystemError(code: EINVAL, operation: operation, path: path, detail: kind, isUnsafeFile: true)
    }
}

/// Calls `body` again while it fails with EINTR; returns its result or throws its errno.
@inline(__always)
func retrying<T: BinaryInteger>(
    _ operation: String, _ path: String?, _ body: () -> T
) throws(SystemError) -> T {
    while true {
        let result = body()
        if result >= 0 { return result }
        let code = errno
        if code == EINTR { continue }
        throw SystemError(code: code, operation: operation, path: path)
    }
}

/// How a file is opened.
public struct OpenMode: Sendable {
    let flags: Int32
    /// Whether the path must name a regular file of the log's own (see `inLog`).
    let isLogFile: Bool

    private init(flags: Int32, isLogFile: Bool = false) {
        self.flags = flags
        self.isLogFile = isLogFile
    }

    /// Read only.
    public static let read = OpenMode(flags: O_RDONLY)
    /// Read and write, every write going to the end of the file.
    public static let append = OpenMode(flags: O_RDWR | O_APPEND)
    /// Read and write, creating the file when missing.
    public static let readWriteCreate = OpenMode(flags: O_RDWR | O_CREAT)
    /// Write a new file that must not exist yet (a symbolic link in its place counts as existing).
    public static let createNew = OpenMode(flags: O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW)
    /// Write a file, creating it or emptying it first.
    public static let createOrTruncate = OpenMode(flags: O_WRONLY | O_CREAT | O_TRUNC)

    /// This mode for a file of a log, whose name anyone who shares the log may have replaced: a symbolic
    /// link is not followed, a FIFO or device is not waited on, and the open fails (`isUnsafeFile`) unless
    /// the name is a regular file — with no other name, when it is opened for writing.
    public var inLog: OpenMode { OpenMode(flags: flags | O_NOFOLLOW | O_NONBLOCK, isLogFile: true) }

    /// Whether the mode writes.
    var writes: Bool { flags & O_ACCMODE != O_RDONLY }
}

/// What `fstat` and `stat` tell about a file, reduced to what the log needs.
public struct FileStatus: Sendable, Equatable {
    /// Size in bytes.
    public let size: Int64
    /// Device and inode: together they name the file, whatever its path.
    public let device: UInt64
    public let inode: UInt64
    /// Last status change (nanoseconds since the epoch); only the kernel can set it.
    public let changeTimeNanoseconds: Int64
    /// Last modification (nanoseconds since the epoch).
    public let modificationTimeNanoseconds: Int64
    /// True for a directory.
    public let isDirectory: Bool

    /// A status from its parts.
    public init(size: Int64, device: UInt64, inode: UInt64, changeTimeNanoseconds: Int64,
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

/// An open file; the owner must call `close()` (use `FileDescriptor.withOpened` to have it done).
public struct FileDescriptor: Sendable {
    /// The raw descriptor.
    public let raw: Int32
    /// The path it was opened with, for error messages.
    public let path: String

    /// Opens `path`; throws `SystemError` naming the path on failure.
    public static func open(_ path: String, _ mode: OpenMode, permissions: UInt32 = 0o644) throws(SystemError) -> FileDescriptor {
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
    public func close() { _ = Glibc.close(raw) }

    /// Whether the open file belongs to the user running this process, and its permission bits.
    public func ownership() throws(SystemError) -> (isOwnedByCurrentUser: Bool, permissions: UInt32) {
        var s = stat()
        _ = try retrying("fstat", path) { fstat(raw, &s) }
        return (s.st_uid == geteuid(), UInt32(s.st_mode) & 0o7777)
    }

    /// Status of the open file.
    public func status() throws(SystemError) -> FileStatus {
        var s = stat()
        _ = try retrying("fstat", path) { fstat(raw, &s) }
        return FileStatus(s)
    }

    /// Reads up to `count` bytes at `offset` into `buffer`; returns how many were read (0 at end of file).
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(SystemError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        return try retrying("read", path) { pread(raw, base, buffer.count, off_t(offset)) }
    }

    /// Reads from the current position into `buffer`; returns how many bytes were read (0 at end of file).
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        return try retrying("read", path) { Glibc.read(raw, base, buffer.count) }
    }

    /// Reads the whole file from its current position.
    public func readAll() throws(SystemError) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { b in Result { () throws(SystemError) in try read(into: b) } }.get()
            if n == 0 { return result }
            result.append(contentsOf: chunk[0..<n])
        }
    }

    /// Writes all of `bytes`, looping over short writes; throws on the first failure.
    public func writeAll(_ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let written = try retrying("write", path) {
                Glibc.write(raw, bytes.baseAddress! + offset, bytes.count - offset)
            }
            offset += written
        }
    }

    /// Writes all of `bytes`, looping over short writes; throws on the first failure.
    public func writeAll(_ bytes: [UInt8]) throws(SystemError) {
        try bytes.withUnsafeBytes { b in Result { () throws(SystemError) in try writeAll(b) } }.get()
    }

    /// Writes all of `bytes` at `offset`, looping over short writes; the file position does not move.
    public func write(_ bytes: [UInt8], at offset: Int64) throws(SystemError) {
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
    public func sync() throws(SystemError) {
        _ = try retrying("fsync", path) { fsync(raw) }
    }

    /// Cuts or extends the file to `size` bytes.
    public func truncate(to size: Int64) throws(SystemError) {
        _ = try retrying("ftruncate", path) { ftruncate(raw, off_t(size)) }
    }

    /// Takes an exclusive advisory lock (flock), waiting for other holders; released by `unlock` or close.
    public func lockExclusive() throws(SystemError) {
        _ = try retrying("flock", path) { flock(raw, LOCK_EX) }
    }

    /// Takes a shared advisory lock (flock), waiting while someone holds the exclusive one.
    public func lockShared() throws(SystemError) {
        _ = try retrying("flock", path) { flock(raw, LOCK_SH) }
    }

    /// Takes a shared advisory lock if no one holds the exclusive one; returns whether it did, without waiting.
    public func tryLockShared() -> Bool {
        while true {
            if flock(raw, LOCK_SH | LOCK_NB) == 0 { return true }
            if errno != EINTR { return false }
        }
    }

    /// Releases an advisory lock taken with `lockExclusive` or `tryLockShared`.
    public func unlock() {
        _ = flock(raw, LOCK_UN)
    }
}

/// Path-level file system operations.
public enum FileSystem {
    /// Status of `path`, or nil when it does not exist.
    public static func status(_ path: String) throws(SystemError) -> FileStatus? {
        var s = stat()
        if fstatat(AT_FDCWD, path, &s, 0) == 0 { return FileStatus(s) }
        let code = errno
        if code == ENOENT || code == ENOTDIR { return nil }
        throw SystemError(code: code, operation: "stat", path: path)
    }

    /// True when `path` exists and is a directory.
    public static func isDirectory(_ path: String) -> Bool {
        ((try? status(path)) ?? nil)?.isDirectory ?? false
    }

    /// True when `path` itself is a symbolic link.
    public static func isSymbolicLink(_ path: String) -> Bool {
        var s = stat()
        return fstatat(AT_FDCWD, path, &s, AT_SYMLINK_NOFOLLOW) == 0 && s.st_mode & S_IFMT == S_IFLNK
    }

    /// True when `path` exists.
    public static func exists(_ path: String) -> Bool {
        ((try? status(path)) ?? nil) != nil
    }

    /// Creates the directory `path`; throws if it exists or the parent is missing.
    public static func makeDirectory(_ path: String, permissions: UInt32 = 0o755) throws(SystemError) {
        _ = try retrying("mkdir", path) { mkdir(path, mode_t(permissions)) }
    }

    /// Creates `path` and any missing parents; succeeds when it already exists as a directory.
    public static func makeDirectories(_ path: String) throws(SystemError) {
        if isDirectory(path) { return }
        let parent = Paths.parent(of: path)
        if parent != path, !parent.isEmpty { try makeDirectories(parent) }
        do { try makeDirectory(path) } catch where error.code == EEXIST && isDirectory(path) {}
    }

    /// Creates `path` holding `bytes` (with `permissions`) unless something is already there: written whole
    /// and synced under a temporary name first, then linked into place, so no reader ever sees part of it.
    /// Succeeds, leaving the existing file, when another process made it first.
    public static func createExclusively(_ path: String, with bytes: [UInt8], permissions: UInt32) throws(SystemError) {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: .min ... .max))"
        let file = try FileDescriptor.open(temporary, .createNew, permissions: permissions)
        defer { try? removeFile(temporary) }
        do {
            try file.writeAll(bytes)
            try file.sync()
            file.close()
        } catch {
            file.close()
            throw error
        }
        if link(temporary, path) != 0 && errno != EEXIST { throw SystemError(code: errno, operation: "link", path: path) }
    }

    /// Atomically replaces `destination` with `source` (both on one file system).
    public static func rename(_ source: String, to destination: String) throws(SystemError) {
        _ = try retrying("rename", source) { Glibc.rename(source, destination) }
    }

    /// Removes the file `path`; succeeds when it is already gone.
    public static func removeFile(_ path: String) throws(SystemError) {
        if unlink(path) == 0 || errno == ENOENT { return }
        throw SystemError(code: errno, operation: "unlink", path: path)
    }

    /// Removes `path` and everything under it; succeeds when it is already gone.
    public static func removeTree(_ path: String) throws(SystemError) {
        guard let s = try status(path) else { return }
        if s.isDirectory {
            for name in try list(path) { try removeTree(Paths.join(path, name)) }
            if rmdir(path) != 0 && errno != ENOENT { throw SystemError(code: errno, operation: "rmdir", path: path) }
        } else {
            try removeFile(path)
        }
    }

    /// Names in the directory `path`, without `.` and `..`, sorted.
    public static func list(_ path: String) throws(SystemError) -> [String] {
        try Directory.withOpened(path) { (folder: Directory) throws(SystemError) in try folder.names() }
    }

    /// Flushes a directory's entries (new or renamed files in it) to the disk.
    public static func syncDirectory(_ path: String) throws(SystemError) {
        let fd = try retrying("open", path) { Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        defer { _ = Glibc.close(fd) }
        _ = try retrying("fsync", path) { fsync(fd) }
    }

    /// Reads the whole file at `path` (with `mode` `.read.inLog` for a file of a log).
    public static func readFile(_ path: String, mode: OpenMode = .read) throws(SystemError) -> [UInt8] {
        let fd = try FileDescriptor.open(path, mode)
        defer { fd.close() }
        return try fd.readAll()
    }

    /// Writes `bytes` to `path` through a temporary file and a rename, so readers see the old or the new
    /// content, never a mix; with `durable`, the file and its directory are synced before returning. The
    /// temporary file is made new (never through a link someone left in its place) and removed on failure.
    public static func replaceFile(_ path: String, with bytes: [UInt8], durable: Bool) throws(SystemError) {
        let name = String(path.split(separator: "/").last ?? Substring(path))
        try Directory.withOpened(Paths.parent(of: path)) { (folder: Directory) throws(SystemError) in
            try folder.replaceFile(name, with: bytes, durable: durable)
        }
    }

    /// The target of the symbolic link at `path`.
    public static func readLink(_ path: String) throws(SystemError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { throw SystemError(code: errno, operation: "readlink", path: path) }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Where temporary folders go: `$TMPDIR`, else /tmp.
    public static func temporaryBase(environment: [String: String]) -> String {
        environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    /// Creates a new, empty folder (mode 0700) under `$TMPDIR` (or /tmp) whose name starts with `prefix`.
    public static func makeTemporaryDirectory(prefix: String, environment: [String: String]) throws(SystemError) -> String {
        let base = temporaryBase(environment: environment)
        var template = Array(Paths.join(base, prefix + "XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw SystemError(code: errno, operation: "mkdtemp", path: base)
        }
        return String(cString: made)
    }

    /// The current working directory.
    public static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(nulTerminated: buffer)
    }
}

/// Facts about the running process and its terminal.
public enum ProcessFacts {
    /// This process's id.
    public static var processID: Int32 { getpid() }

    /// Whether a process with id `pid` is running (as far as this user can tell: one of another user counts).
    public static func isRunning(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    /// How many processors are online (at least 1).
    public static let processorCount: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// The login name of the effective user, or "unknown".
    public static func userName() -> String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }

    /// The machine's host name, or "localhost".
    public static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(nulTerminated: buffer)
    }

    /// True when the descriptor is a terminal.
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// The terminal's width in columns, when `fd` is a terminal that reports one.
    public static func terminalColumns(_ fd: Int32) -> Int? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The terminal's height in rows, when `fd` is a terminal that reports one.
    public static func terminalRows(_ fd: Int32) -> Int? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
        return Int(size.ws_row)
    }

    /// Runs `command` with `/bin/sh -c`, its standard input fed `text` and its output the terminal's, and
    /// waits for it (a pager: `less`, `$PAGER`). Adds `additions` to the environment. False when it could not
    /// be started, so the caller can write the text itself.
    public static func pipe(_ text: String, through command: String, adding additions: [String: String]) -> Bool {
        var fds: [Int32] = [0, 0]
        guard dl_pipe_cloexec(&fds) == 0 else { return false }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        let arguments = ["sh", "-c", command]
        var environment = self.environment()
        for (key, value) in additions where environment[key] == nil { environment[key] = value }
        let entries = environment.map { "\($0.key)=\($0.value)" }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = entries.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let started = posix_spawn(&pid, "/bin/sh", &actions, nil, &argv, &envp)
        close(fds[0])
        guard started == 0 else { close(fds[1]); return false }
        // A pager that quits early closes the pipe: ignore SIGPIPE and stop writing.
        signal(SIGPIPE, SIG_IGN)
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(fds[1], buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue } else { break } }
                offset += n
            }
        }
        close(fds[1])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return true
    }

    /// Runs `arguments` (the program found on `$PATH`) to its end, its standard input `input` (at most 64 KiB,
    /// which a pipe holds without the program reading it) or empty; returns its exit status and what it
    /// wrote, or nil when it could not be started. For small outputs (a tool's answer): standard output is
    /// read to its end before standard error.
    public static func run(_ arguments: [String], input: [UInt8] = []) -> (status: Int32, output: String, error: String)? {
        precondition(input.count <= 1 << 16, "input larger than a pipe holds")
        var stdin: [Int32] = [0, 0], out: [Int32] = [0, 0], err: [Int32] = [0, 0]
        guard dl_pipe_cloexec(&stdin) == 0 else { return nil }
        guard dl_pipe_cloexec(&out) == 0 else { close(stdin[0]); close(stdin[1]); return nil }
        guard dl_pipe_cloexec(&err) == 0 else { for fd in stdin + out { close(fd) }; return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin[0], 0)
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        for fd in stdin + out + err { posix_spawn_file_actions_addclose(&actions, fd) }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let started = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
        close(stdin[0]); close(out[1]); close(err[1])
        defer { close(out[0]); close(err[0]) }
        guard started == 0 else { close(stdin[1]); return nil }
        if !input.isEmpty { writeWithoutSIGPIPE(input, to: stdin[1]) }
        close(stdin[1])
        let output = (try? FileDescriptor(raw: out[0], path: "<pipe>").readAll()) ?? []
        let error = (try? FileDescriptor(raw: err[0], path: "<pipe>").readAll()) ?? []
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exit, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }

    /// Writes `bytes` to `fd`, a pipe whose reader may have gone: with SIGPIPE blocked in this thread, and the
    /// signal a write to a closed pipe raises discarded, so the write only fails (EPIPE) instead of killing
    /// the process.
    private static func writeWithoutSIGPIPE(_ bytes: [UInt8], to fd: Int32) {
        var pipeSignal = sigset_t(), previous = sigset_t(), pending = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        _ = try? FileDescriptor(raw: fd, path: "<pipe>").writeAll(bytes)
        sigpending(&pending)
        if sigismember(&pending, SIGPIPE) == 1, sigismember(&previous, SIGPIPE) == 0 {
            var signal: Int32 = 0
            sigwait(&pipeSignal, &signal)
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }

    /// A clock that never goes back, in milliseconds, for measuring how long work takes.
    public static func monotonicMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    /// The wall clock, in milliseconds since 1970-01-01T00:00:00Z.
    public static func wallClockMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    /// The process's arguments from the C runtime, decoded as UTF-8; for an argument that is not valid
    /// UTF-8, the error names its position (1 for the first after the program name).
    public static func arguments() -> Result<[String], InvalidArgument> {
        var result: [String] = []
        for index in 1..<Int(CommandLine.argc) {
            guard let raw = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))
            guard let text = String(validating: bytes, as: UTF8.self) else { return .failure(InvalidArgument(position: index)) }
            result.append(text)
        }
        return .success(result)
    }

    /// An argument that is not valid UTF-8.
    public struct InvalidArgument: Error, Sendable {
        /// Its position, 1 for the first after the program name.
        public let position: Int
    }

    /// The process's environment variables (those whose name and value are valid UTF-8).
    public static func environment() -> [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
            if let text = String(validating: bytes, as: UTF8.self), let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry += 1
        }
        return result
    }

    /// Ends the process with `status`.
    public static func exit(_ status: Int32) -> Never { Glibc.exit(status) }

    /// Where the system's tzdata lives (`TZDIR`, else /usr/share/zoneinfo).
    public static var zoneDirectory: String {
        if let dir = getenv("TZDIR") { return String(cString: dir) }
        return "/usr/share/zoneinfo"
    }
}

/// Writes to the process's standard streams without buffering surprises.
public enum StandardStreams {
    /// Writes `text` to standard output.
    public static func writeOut(_ text: String) { write(1, text) }
    /// Writes `text` to standard error.
    public static func writeError(_ text: String) { write(2, text) }

    private static func write(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue } else { return } }
                offset += n
            }
        }
    }

    /// Reads all of standard input as bytes.
    public static func readInput() throws(SystemError) -> [UInt8] {
        try FileDescriptor(raw: 0, path: "<stdin>").readAll()
    }
}

extension String {
    /// The text of a C buffer up to its first NUL, decoded as UTF-8 (invalid bytes replaced).
    init(nulTerminated buffer: [CChar]) {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        self.init(decoding: bytes, as: UTF8.self)
    }
}

/// Byte searches and comparisons with the C library's vectorised `memchr` and `memcmp`.
public enum ByteSearch {
    /// Whether `a` sorts before `b`, byte by byte (a prefix first).
    @inline(__always)
    public static func precedes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let common = min(a.count, b.count)
        let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
        return order != 0 ? order < 0 : a.count < b.count
    }

    /// The offset of the first `byte` in `buffer` at or after `start`, or nil.
    @inline(__always)
    public static func firstIndex(of byte: UInt8, in buffer: UnsafeRawBufferPointer, from start: Int = 0) -> Int? {
        guard start < buffer.count, let base = buffer.baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(byte), buffer.count - start) else { return nil }
        return UnsafeRawPointer(found) - base
    }

    /// Whether `needle` occurs anywhere in `buffer`.
    public static func contains(_ needle: [UInt8], in buffer: UnsafeRawBufferPointer) -> Bool {
        guard let base = buffer.baseAddress, !needle.isEmpty else { return needle.isEmpty }
        // Look for the needle's rarest byte in JSON text (quotes and lowercase letters are everywhere; a slash,
        // a capital or a digit much less so), then compare the whole needle around it.
        func rarity(_ byte: UInt8) -> Int {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: " "): 0
            case UInt8(ascii: "a")...UInt8(ascii: "z"): 1
            case UInt8(ascii: "/"), UInt8(ascii: "A")...UInt8(ascii: "Z"), 0x80...0xFF: 3
            default: 2
            }
        }
        let anchor = needle.indices.max { rarity(needle[$0]) < rarity(needle[$1]) }!
        return needle.withUnsafeBytes { wanted in
            var start = anchor
            while start + needle.count - anchor <= buffer.count, let found = firstIndex(of: needle[anchor], in: buffer, from: start) {
                let begin = found - anchor
                if begin + needle.count <= buffer.count && memcmp(base + begin, wanted.baseAddress!, needle.count) == 0 { return true }
                start = found + 1
            }
            return false
        }
    }

    /// Whether some string value that follows `key` (bytes ending in an opening quote, such as `"id":"`) in
    /// `buffer` is one of `values` (the value is read up to the next quote; escaped values are not matched).
    public static func anyValue(after key: [UInt8], in buffer: UnsafeRawBufferPointer, in values: Set<String>) -> Bool {
        guard !values.isEmpty, let base = buffer.baseAddress else { return false }
        var start = 0
        while start < buffer.count {
            let slice = UnsafeRawBufferPointer(rebasing: buffer[start...])
            guard let found = firstRange(of: key, in: slice) else { return false }
            let valueStart = start + found + key.count
            guard let end = firstIndex(of: UInt8(ascii: "\""), in: buffer, from: valueStart) else { return false }
            if values.contains(String(decoding: UnsafeRawBufferPointer(start: base + valueStart, count: end - valueStart), as: UTF8.self)) { return true }
            start = end + 1
        }
        return false
    }

    /// Where `needle` first occurs in `buffer`, or nil.
    static func firstRange(of needle: [UInt8], in buffer: UnsafeRawBufferPointer) -> Int? {
        guard let base = buffer.baseAddress, let first = needle.first else { return nil }
        return needle.withUnsafeBytes { wanted in
            var start = 0
            while start + needle.count <= buffer.count, let found = firstIndex(of: first, in: buffer, from: start) {
                if found + needle.count <= buffer.count && memcmp(base + found, wanted.baseAddress!, needle.count) == 0 { return found }
                start = found + 1
            }
            return nil
        }
    }

    /// Whether `needle` occurs anywhere in `buffer`.
    public static func contains(_ needle: StaticString, in buffer: UnsafeRawBufferPointer) -> Bool {
        let length = needle.utf8CodeUnitCount
        guard let base = buffer.baseAddress, length > 0 else { return false }
        var start = 0
        while start + length <= buffer.count, let found = firstIndex(of: needle.utf8Start.pointee, in: buffer, from: start) {
            if found + length <= buffer.count && memcmp(base + found, needle.utf8Start, length) == 0 { return true }
            start = found + 1
        }
        return false
    }
}

/// A file mapped into memory read-only (or a copy of some bytes, read the same way), released when the last
/// reference goes.
///
/// Safe to share between threads: the mapping is never written, and the files mapped (checkpoints) are only
/// ever replaced by a rename, never changed in place, so a mapping keeps seeing the bytes it was made from.
public final class MappedFile: @unchecked Sendable {
    /// The file's bytes.
    public let bytes: UnsafeRawBufferPointer
    /// Whether `bytes` is a mapping (else memory this object allocated).
    private let isMapping: Bool

    /// Maps the whole of `file` (which stays the caller's to close); throws `SystemError` when it cannot be
    /// mapped.
    public init(file: FileDescriptor) throws(SystemError) {
        isMapping = true
        let size = Int(try file.status().size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, file.raw, 0), base != MAP_FAILED else {
            throw SystemError(code: errno, operation: "mmap", path: file.path)
        }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
    }

    /// A copy of `source`, read as a mapping is.
    public init(copying source: [UInt8]) {
        isMapping = false
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, source.count), alignment: 16)
        source.withUnsafeBytes { memory.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(memory)[..<source.count])
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if isMapping { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) } else { base.deallocate() }
    }
}
