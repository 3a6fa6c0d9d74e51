import Glibc

/// Path-level file system operations.
package enum FileSystem {
    /// Status of `path`, or nil when it does not exist.
    package static func status(_ path: String) throws(SystemError) -> FileStatus? {
        var s = stat()
        if fstatat(AT_FDCWD, path, &s, 0) == 0 { return FileStatus(s) }
        let code = errno
        if code == ENOENT || code == ENOTDIR { return nil }
        throw SystemError(code: code, operation: "stat", path: path)
    }

    /// True when `path` exists and is a directory.
    package static func isDirectory(_ path: String) -> Bool {
        ((try? status(path)) ?? nil)?.isDirectory ?? false
    }

    /// True when `path` itself is a symbolic link.
    package static func isSymbolicLink(_ path: String) -> Bool {
        var s = stat()
        return fstatat(AT_FDCWD, path, &s, AT_SYMLINK_NOFOLLOW) == 0 && s.st_mode & S_IFMT == S_IFLNK
    }

    /// True when `path` exists.
    package static func exists(_ path: String) -> Bool {
        ((try? status(path)) ?? nil) != nil
    }

    /// Creates the directory `path`; throws if it exists or the parent is missing.
    package static func makeDirectory(_ path: String, permissions: UInt32 = 0o755) throws(SystemError) {
        _ = try retrying("mkdir", path) { mkdir(path, mode_t(permissions)) }
    }

    /// Creates `path` and any missing parents; succeeds when it already exists as a directory.
    package static func makeDirectories(_ path: String) throws(SystemError) {
        if isDirectory(path) { return }
        let parent = Paths.parent(of: path)
        if parent != path, !parent.isEmpty { try makeDirectories(parent) }
        do { try makeDirectory(path) } catch where error.code == EEXIST && isDirectory(path) {}
    }

    /// Creates `path` holding `bytes` (with `permissions`) unless something is already there: written whole
    /// and synced under a temporary name first, then linked into place, so no reader ever sees part of it.
    /// Succeeds, leaving the existing file, when another process made it first.
    package static func createExclusively(_ path: String, with bytes: [UInt8], permissions: UInt32) throws(SystemError) {
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
    package static func rename(_ source: String, to destination: String) throws(SystemError) {
        _ = try retrying("rename", source) { Glibc.rename(source, destination) }
    }

    /// Removes the file `path`; succeeds when it is already gone.
    package static func removeFile(_ path: String) throws(SystemError) {
        if unlink(path) == 0 || errno == ENOENT { return }
        throw SystemError(code: errno, operation: "unlink", path: path)
    }

    /// Removes `path` and everything under it; succeeds when it is already gone.
    package static func removeTree(_ path: String) throws(SystemError) {
        guard let s = try status(path) else { return }
        if s.isDirectory {
            for name in try list(path) { try removeTree(Paths.join(path, name)) }
            if rmdir(path) != 0 && errno != ENOENT { throw SystemError(code: errno, operation: "rmdir", path: path) }
        } else {
            try removeFile(path)
        }
    }

    /// Names in the directory `path`, without `.` and `..`, sorted.
    package static func list(_ path: String) throws(SystemError) -> [String] {
        try Directory.withOpened(path) { (folder: Directory) throws(SystemError) in try folder.names() }
    }

    /// Flushes a directory's entries (new or renamed files in it) to the disk.
    package static func syncDirectory(_ path: String) throws(SystemError) {
        let fd = try retrying("open", path) { Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        defer { _ = Glibc.close(fd) }
        _ = try retrying("fsync", path) { fsync(fd) }
    }

    /// Reads the whole file at `path` (with `mode` `.read.inLog` for a file of a log).
    package static func readFile(_ path: String, mode: OpenMode = .read) throws(SystemError) -> [UInt8] {
        let fd = try FileDescriptor.open(path, mode)
        defer { fd.close() }
        return try fd.readAll()
    }

    /// Writes `bytes` to `path` through a temporary file and a rename, so readers see the old or the new
    /// content, never a mix; with `durable`, the file and its directory are synced before returning. The
    /// temporary file is made new (never through a link someone left in its place) and removed on failure.
    package static func replaceFile(_ path: String, with bytes: [UInt8], durable: Bool) throws(SystemError) {
        let name = String(path.split(separator: "/").last ?? Substring(path))
        try Directory.withOpened(Paths.parent(of: path)) { (folder: Directory) throws(SystemError) in
            try folder.replaceFile(name, with: bytes, durable: durable)
        }
    }

    /// Replaces the file at `path` with what `write` writes, as `Directory.replaceFile(_:durable:writing:)`.
    package static func replaceFile(_ path: String, durable: Bool, writing write: (FileDescriptor) throws -> Void) throws {
        let name = String(path.split(separator: "/").last ?? Substring(path))
        var failure: (any Error)? = nil
        try Directory.withOpened(Paths.parent(of: path)) { (folder: Directory) throws(SystemError) in
            do { try folder.replaceFile(name, durable: durable, writing: write) } catch let error as SystemError { throw error } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// The target of the symbolic link at `path`.
    package static func readLink(_ path: String) throws(SystemError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { throw SystemError(code: errno, operation: "readlink", path: path) }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Where temporary folders go: `$TMPDIR`, else /tmp.
    package static func temporaryBase(environment: [String: String]) -> String {
        environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    /// Creates a new, empty folder (mode 0700) under `$TMPDIR` (or /tmp) whose name starts with `prefix`.
    package static func makeTemporaryDirectory(prefix: String, environment: [String: String]) throws(SystemError) -> String {
        let base = temporaryBase(environment: environment)
        var template = Array(Paths.join(base, prefix + "XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw SystemError(code: errno, operation: "mkdtemp", path: base)
        }
        return String(cString: made)
    }

    /// The current working directory.
    package static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(nulTerminated: buffer)
    }
}
