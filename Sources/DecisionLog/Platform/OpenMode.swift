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
