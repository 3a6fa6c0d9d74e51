/// What the last append (or the last full verification under the append lock) left: the log's head and the
/// events file's identity, size and change times.
///
/// When the events file still has exactly that identity, size and status-change time (which only the
/// kernel sets), nothing but this tool's own appends has touched it, and the next append can continue from
/// the cached head without reading the log. Anything else — an edit, a git checkout, a copy — changes the
/// status-change time, and the next append verifies the whole log first. The cache is derived data: when it
/// is missing or unreadable, the log is verified instead.
struct TailCache: Equatable {
    /// The head after the last append.
    var head: LogHead
    /// The events file as it was right after that append.
    var file: FileStatus

    private static let magic = "decisionlog-tail 1"

    /// True when `status` is the file this cache describes, untouched since.
    func matches(_ status: FileStatus) -> Bool {
        status.size == file.size && status.device == file.device && status.inode == file.inode
            && status.changeTimeNanoseconds == file.changeTimeNanoseconds
            && status.modificationTimeNanoseconds == file.modificationTimeNanoseconds
    }

    /// True when the last line of `events` is a complete, self-consistent event with the cached seq and
    /// hash: a cheap read from the end of the file that catches a cache describing some other file.
    func isConfirmed(by events: FileDescriptor) -> Bool {
        guard head.seq > 0 else { return file.size == 0 }
        guard let last = LastLine.event(in: events, endingAt: file.size) else { return false }
        return last.seq == head.seq && last.hash == head.hash
    }

    /// The size up to which this cache shows `events` (whose status is `status`) was appended to and
    /// acknowledged: the cache describes the same file (inode), and the line ending at its size is still the
    /// event it names. Nil when it shows nothing about this file.
    func acknowledgedSize(of events: FileDescriptor, status: FileStatus) -> Int64? {
        guard file.inode == status.inode, file.size <= status.size, head.seq > 0, isConfirmed(by: events) else { return nil }
        return file.size
    }

    private static let name = "tail"

    /// Reads the cache in `folder`'s `cache/`; nil when it is missing, not a cache this version wrote, or not
    /// yours alone to write (another user's cache is not trusted to skip a verification).
    static func load(_ folder: LogFolder) -> TailCache? {
        guard let bytes = try? Directory.withOpened(folder.path, [LogFolder.cacheName], { (cache: Directory) throws(SystemError) in try cache.readOwnFile(name) })
        else { return nil }
        let fields = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard fields.count == 11, fields[0] == "decisionlog-tail", fields[1] == "1",
            let seq = Int(fields[2]), let hash = Digest(hex: String(fields[3])), let recorded = Int64(fields[4]),
            let size = Int64(fields[5]), let device = UInt64(fields[6]), let inode = UInt64(fields[7]),
            let ctime = Int64(fields[8]), let mtime = Int64(fields[9]), fields[10] == "end"
        else { return nil }
        return TailCache(
            head: LogHead(seq: seq, hash: hash, recordedAt: Timestamp(milliseconds: recorded)),
            file: FileStatus(size: size, device: device, inode: inode, changeTimeNanoseconds: ctime,
                             modificationTimeNanoseconds: mtime, isDirectory: false))
    }

    /// Writes the cache into `folder`'s `cache/` (atomically, not synced: losing it only costs one
    /// verification). Best effort: a cache that cannot be written is simply not there next time.
    func save(_ folder: LogFolder) {
        let text = "\(TailCache.magic) \(head.seq) \(head.hash.hex) \(head.recordedAt.milliseconds) \(file.size) "
            + "\(file.device) \(file.inode) \(file.changeTimeNanoseconds) \(file.modificationTimeNanoseconds) end\n"
        try? Directory.withOpened(folder.path, [LogFolder.cacheName], creating: true) { (cache: Directory) throws(SystemError) in
            try cache.replaceFile(TailCache.name, with: Array(text.utf8), durable: false)
        }
    }

    /// Removes the cache from `folder`, so the next append verifies the log.
    static func remove(_ folder: LogFolder) {
        try? Directory.withOpened(folder.path, [LogFolder.cacheName]) { (cache: Directory) throws(SystemError) in try cache.removeFile(name) }
    }
}
