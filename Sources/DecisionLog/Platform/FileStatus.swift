import Glibc

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
    /// True for a regular file (not a directory, FIFO, socket or device).
    package let isRegularFile: Bool

    /// A status from its parts.
    package init(size: Int64, device: UInt64, inode: UInt64, changeTimeNanoseconds: Int64,
                modificationTimeNanoseconds: Int64, isDirectory: Bool, isRegularFile: Bool? = nil) {
        self.size = size
        self.device = device
        self.inode = inode
        self.changeTimeNanoseconds = changeTimeNanoseconds
        self.modificationTimeNanoseconds = modificationTimeNanoseconds
        self.isDirectory = isDirectory
        self.isRegularFile = isRegularFile ?? !isDirectory
    }

    init(_ s: stat) {
        size = Int64(s.st_size)
        device = UInt64(s.st_dev)
        inode = UInt64(s.st_ino)
        changeTimeNanoseconds = Int64(s.st_ctim.tv_sec) * 1_000_000_000 + Int64(s.st_ctim.tv_nsec)
        modificationTimeNanoseconds = Int64(s.st_mtim.tv_sec) * 1_000_000_000 + Int64(s.st_mtim.tv_nsec)
        isDirectory = (s.st_mode & S_IFMT) == S_IFDIR
        isRegularFile = (s.st_mode & S_IFMT) == S_IFREG
    }
}
