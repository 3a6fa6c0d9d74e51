import Glibc

/// An open folder, for working on the files in it by name without ever following a symbolic link: a name
/// that is a link (or a FIFO, or a device) fails instead of leading elsewhere, whatever is done to the path
/// meanwhile, because every step goes through the descriptor (`openat`, `renameat`, `unlinkat`).
///
/// A log's own folders (`cache/`, `repairs/`) are reached this way, so nothing delivered into them — by git
/// or by another user of the folder — can make the tool read, write or remove a file outside the log. The
/// owner must call `close()` (or use `withOpened`).
package struct Directory: Sendable {
    /// The raw descriptor.
    package let raw: Int32
    /// The folder's path, for error messages.
    package let path: String

    /// Opens the folder at `path`, following links in the path (the caller chose it).
    package static func open(_ path: String) throws(SystemError) -> Directory {
        let fd = try retrying("open", path) { Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        return Directory(raw: fd, path: path)
    }

    /// Runs `body` with the folder reached from `path` through `components` (each a folder of the one before,
    /// never a link; made when missing with `creating`), and closes every descriptor afterwards.
    package static func withOpened<T>(_ path: String, _ components: [String] = [], creating: Bool = false,
                                     _ body: (Directory) throws(SystemError) -> T) throws(SystemError) -> T {
        var directory = try open(path)
        for name in components {
            let next: Directory
            do { next = try directory.subdirectory(name, creating: creating) } catch {
                directory.close()
                throw error
            }
            directory.close()
            directory = next
        }
        defer { directory.close() }
        return try body(directory)
    }

    /// Closes the descriptor.
    package func close() { _ = Glibc.close(raw) }

    private func child(_ name: String) -> String { Paths.join(path, name) }

    /// The folder `name` in this one, not through a link; with `creating`, made (mode 0755) when missing.
    package func subdirectory(_ name: String, creating: Bool) throws(SystemError) -> Directory {
        let path = child(name)
        if creating {
            if mkdirat(raw, name, 0o755) != 0, errno != EEXIST { throw SystemError(code: errno, operation: "mkdir", path: path) }
        }
        let fd: Int32
        do { fd = try retrying("open", path) { openat(raw, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) } } catch {
            var s = stat()
            guard error.code == ELOOP || error.code == ENOTDIR, fstatat(raw, name, &s, AT_SYMLINK_NOFOLLOW) == 0 else { throw error }
            throw SystemError.unsafe(path, operation: "open", status: s.st_mode & S_IFMT == S_IFLNK ? nil : s, wantsFolder: true)
        }
        return Directory(raw: fd, path: path)
    }

    /// Opens the regular file `name` in this folder with `mode`, never through a link (see `OpenMode.inLog`).
    package func openFile(_ name: String, _ mode: OpenMode, permissions: UInt32 = 0o644) throws(SystemError) -> FileDescriptor {
        try FileDescriptor.open(child(name), mode.inLog, permissions: permissions) { openat(raw, name, $0, $1) }
    }

    /// The whole regular file `name`.
    package func readFile(_ name: String) throws(SystemError) -> [UInt8] {
        let file = try openFile(name, .read)
        defer { file.close() }
        return try file.readAll()
    }

    /// Opens the regular file `name` for reading, as `openFile`, when it belongs to the user running this
    /// process and no one else can write it: then no other user can change what is read, even while it is
    /// mapped. Throws `SystemError` (`isUnsafeFile`) for a file someone else owns or may write.
    package func openOwnFile(_ name: String) throws(SystemError) -> FileDescriptor {
        let file = try openFile(name, .read)
        let (mine, permissions) = try file.ownership()
        guard mine, permissions & 0o022 == 0 else {
            file.close()
            throw SystemError(code: EACCES, operation: "open", path: child(name), detail: "belongs to someone else or can be written by others", isUnsafeFile: true)
        }
        return file
    }

    /// The whole file `name`, when it is yours alone to write (see `openOwnFile`).
    package func readOwnFile(_ name: String) throws(SystemError) -> [UInt8] {
        let file = try openOwnFile(name)
        defer { file.close() }
        return try file.readAll()
    }

    /// Whether `name` is a folder (not a link to one) that belongs to the user running this process.
    package func isOwnFolder(_ name: String) -> Bool {
        var s = stat()
        return fstatat(raw, name, &s, AT_SYMLINK_NOFOLLOW) == 0 && s.st_mode & S_IFMT == S_IFDIR && s.st_uid == geteuid()
    }

    /// Replaces the file `name` with `bytes` through a new temporary file and a rename (see
    /// `FileSystem.replaceFile`); with `durable`, synced with this folder before returning.
    package func replaceFile(_ name: String, with bytes: [UInt8], durable: Bool) throws(SystemError) {
        do { try replaceFile(name, durable: durable) { try $0.writeAll(bytes) } } catch let error as SystemError { throw error } catch {
            preconditionFailure("writing bytes throws only SystemError: \(error)")
        }
    }

    /// Replaces the file `name` with what `write` writes into a new temporary file, then a rename: the file
    /// is whole or as it was, never half written; with `durable`, synced with this folder before returning.
    /// Throws what `write` throws (the temporary file removed, `name` untouched) and `SystemError`.
    package func replaceFile(_ name: String, durable: Bool, writing write: (FileDescriptor) throws -> Void) throws {
        let temporary = "\(name).tmp-\(getpid())-\(UInt32.random(in: .min ... .max))"
        let file = try openFile(temporary, .createNew)
        var open = true
        do {
            try write(file)
            if durable { try file.sync() }
            file.close()
            open = false
            _ = try retrying("rename", child(temporary)) { renameat(raw, temporary, raw, name) }
        } catch {
            // Closed once only: a descriptor closed twice may be another thread's by then.
            if open { file.close() }
            try? removeFile(temporary)
            throw error
        }
        if durable { try sync() }
    }

    /// Removes the name `name` (a link itself, never what it points to); succeeds when it is already gone.
    package func removeFile(_ name: String) throws(SystemError) {
        if unlinkat(raw, name, 0) == 0 || errno == ENOENT { return }
        throw SystemError(code: errno, operation: "unlink", path: child(name))
    }

    /// Removes `name` and, when it is a folder (not a link to one), everything under it; succeeds when it
    /// is already gone.
    package func removeTree(_ name: String) throws(SystemError) {
        guard let status = try status(name) else { return }
        guard status.isDirectory else { return try removeFile(name) }
        let folder = try subdirectory(name, creating: false)
        defer { folder.close() }
        for entry in try folder.names() { try folder.removeTree(entry) }
        if unlinkat(raw, name, AT_REMOVEDIR) != 0 && errno != ENOENT { throw SystemError(code: errno, operation: "rmdir", path: child(name)) }
    }

    /// Removes the name `name` when it is not a regular file of its own — a symbolic link, a FIFO, a socket, a
    /// device, a folder, or a file with other names — so that a fresh file can take its place; returns what
    /// it was, in words, or nil when it is a regular file of its own or is not there. Only the name goes:
    /// what a link points to, or a file's other names, are left as they are.
    package func removeUnlessOwnFile(_ name: String) throws(SystemError) -> String? {
        var s = stat()
        guard fstatat(raw, name, &s, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return nil }
            throw SystemError(code: errno, operation: "stat", path: child(name))
        }
        let kind = s.st_mode & S_IFMT
        let what: String
        switch kind {
        case S_IFREG where s.st_nlink <= 1: return nil
        case S_IFREG: what = "a file with other names (hard links)"
        case S_IFLNK: what = "a symbolic link"
        case S_IFIFO: what = "a FIFO"
        case S_IFDIR: what = "a folder"
        default: what = "a special file"
        }
        if kind == S_IFDIR { try removeTree(name) } else { try removeFile(name) }
        return what
    }

    /// The status of `name` itself (a link is not followed), or nil when there is no such name.
    package func status(_ name: String) throws(SystemError) -> FileStatus? {
        var s = stat()
        if fstatat(raw, name, &s, AT_SYMLINK_NOFOLLOW) == 0 { return FileStatus(s) }
        if errno == ENOENT { return nil }
        throw SystemError(code: errno, operation: "stat", path: child(name))
    }

    /// The names in this folder, without `.` and `..`, sorted.
    package func names() throws(SystemError) -> [String] {
        let copy = dup(raw)
        guard copy >= 0, let dir = fdopendir(copy) else {
            let code = errno
            if copy >= 0 { _ = Glibc.close(copy) }
            throw SystemError(code: code, operation: "opendir", path: path)
        }
        defer { closedir(dir) }
        rewinddir(dir)
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Flushes this folder's entries (new or renamed files in it) to the disk.
    package func sync() throws(SystemError) {
        _ = try retrying("fsync", path) { fsync(raw) }
    }
}
