// The library's operating-system calls live in this folder, one concept a file: thin typed wrappers that
// retry on EINTR, loop over short reads and writes, and report failures as `SystemError` with the path
// involved.
import Glibc

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
