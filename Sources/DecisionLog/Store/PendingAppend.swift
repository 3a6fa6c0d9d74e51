/// The record a writer leaves in the lock file while it appends: which events file it appends to, where
/// that file ended before the append and with which event, where it will end after, and the last event it
/// writes. It makes an append all or nothing across kills and crashes.
///
/// The writer syncs the record before writing any event, and clears it once the events are synced. An
/// append is committed when the events file holds every byte through `end`, its last line being the event
/// named here; a record found for an append that is not committed marks bytes no one was ever told were
/// written. Readers stop at `start`, and `repair` cuts them off (keeping a copy). A record left behind by a
/// committed append is simply stale.
///
/// The lock file is not part of the log: anyone who can write into the folder, or a commit that adds the
/// file, can put any text there. So a record is believed only when it describes this very file (its inode)
/// as it is — the event before `start` is the one named, the first line after it, when whole, is the first
/// event the append wrote (its hash) — and the tail cache does not show those bytes as acknowledged. (An
/// inode alone is not enough: a file replaced by `git checkout` may get the freed inode back.) A record that fails any of
/// this hides nothing and cuts nothing: it is reported and ignored (see `Assessment`).
///
/// An import writes its events a part at a time under one record that grows with each part: every record but
/// the last is `partial` — the append goes on past its `end`, so it is never committed — and the last names
/// the import's whole extent. A crash at any point leaves a record that covers every byte written.
struct PendingAppend: Equatable {
    /// The inode of the events file appended to.
    var inode: UInt64
    /// The events file's size before the append.
    var start: Int64
    /// Its size once every event is written.
    var end: Int64
    /// The log's head before the append: the event whose line ends at `start` (seq 0 for an empty log).
    var before: LogHead.Link
    /// The hash of the first event appended (seq `before.seq + 1`).
    var first: Digest
    /// The last event appended.
    var last: LogHead.Link
    /// Whether more of the append follows `end` (an import between its parts): then it is not committed
    /// whatever the file holds.
    var partial = false

    private static let magic = "decisionlog-pending"
    private static let version = "2"
    private static let partialVersion = "3"

    /// The record as the lock file holds it: one line.
    var bytes: [UInt8] {
        let fields = [Self.magic, partial ? Self.partialVersion : Self.version, String(inode), String(start), String(end), String(before.seq), before.hash.hex,
                      first.hex, String(last.seq), last.hash.hex, "end"]
        return Array((fields.joined(separator: " ") + "\n").utf8)
    }

    /// What the lock file holds.
    enum Contents: Equatable {
        /// Nothing: no append is under way or unfinished.
        case empty
        /// A record this version writes.
        case record(PendingAppend)
        /// Text that is not a record this version writes (an older version's record, or anything else).
        case unknown
    }

    /// Reads the lock file.
    static func read(from lock: FileDescriptor) -> Contents {
        var buffer = [UInt8](repeating: 0, count: 512)
        guard let count = try? buffer.withUnsafeMutableBytes({ try lock.read(into: $0, at: 0) }), count > 0 else { return .empty }
        let fields = String(decoding: buffer[..<count], as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard fields.count == 11, fields[0] == magic, fields[1] == version || fields[1] == partialVersion, let inode = UInt64(fields[2]),
            let start = Int64(fields[3]), let end = Int64(fields[4]), let beforeSeq = Int(fields[5]), let beforeHash = Digest(hex: String(fields[6])),
            let firstHash = Digest(hex: String(fields[7])), let lastSeq = Int(fields[8]), let lastHash = Digest(hex: String(fields[9])), fields[10] == "end",
            start >= 0, end > start, beforeSeq >= 0, lastSeq > beforeSeq
        else { return .unknown }
        return .record(PendingAppend(inode: inode, start: start, end: end, before: .init(seq: beforeSeq, hash: beforeHash), first: firstHash,
                                     last: .init(seq: lastSeq, hash: lastHash), partial: fields[1] == partialVersion))
    }

    /// Writes the record into the lock file and syncs it: afterwards a crash cannot lose it. The record
    /// replaces the one before in a single write, never through an empty file: an import's growing record
    /// covers parts already written, which an empty lock file would leave looking committed. (Each of an
    /// import's records is at least as long as the one before, so nothing of it is left over.)
    func save(to lock: FileDescriptor) throws(SystemError) {
        let record = bytes
        try lock.write(record, at: 0)
        try lock.truncate(to: Int64(record.count))
        try lock.sync()
    }

    /// Empties the lock file. Not synced: a record that survives a crash describes a committed append,
    /// which `assess` recognises.
    static func clear(in lock: FileDescriptor) throws(SystemError) {
        try lock.truncate(to: 0)
    }

    /// What a record says about an events file.
    enum Assessment: Equatable {
        /// The append it describes was committed, or wrote nothing: there is nothing to skip or remove.
        case stale
        /// The file holds part of the append it describes, which was never acknowledged: readers stop at
        /// `start`; `repair` may cut there.
        case unfinished
        /// The record does not describe this file as it is (the reason, in words): it is ignored.
        case mismatch(String)
    }

    /// What this record says about `events`, whose status is `status`; `acknowledged`, when known, is the
    /// size up to which the tail cache shows the same file was appended to and acknowledged.
    func assess(_ events: FileDescriptor, status: FileStatus, acknowledged: Int64?) -> Assessment {
        let size = status.size
        if size == start || isCommitted(in: events, size: size) { return .stale }
        guard status.inode == inode else { return .mismatch("it names another events file (inode \(inode), not \(status.inode))") }
        guard size > start else { return .mismatch("it says the events file was \(start) bytes before the append, but it is only \(size)") }
        if partial && size > end { return .mismatch("it names a part of an import that ends at byte \(end), but the events file goes on to byte \(size)") }
        if start > 0 {
            guard let previous = LastLine.event(in: events, endingAt: start), previous.seq == before.seq, previous.hash == before.hash else {
                return .mismatch("the line before byte \(start) is not event #\(before.seq) with the hash it names")
            }
        } else if before.seq != 0 {
            return .mismatch("it names event #\(before.seq) before an append at the start of the file")
        }
        if let line = FirstLine.event(in: events, startingAt: start, size: size), line.seq != before.seq + 1 || line.prev != before.hash || line.hash != first {
            return .mismatch("the line after byte \(start) is event #\(line.seq), not the first event of the append it names")
        }
        if let acknowledged, acknowledged > start {
            return .mismatch("the events up to byte \(acknowledged) were appended and acknowledged after byte \(start)")
        }
        return .unfinished
    }

    /// True when `events`, of `size` bytes, holds the whole append: at least `end` bytes, the line ending at
    /// `end` being the recorded last event.
    func isCommitted(in events: FileDescriptor, size: Int64) -> Bool {
        guard !partial, size >= end, let line = LastLine.event(in: events, endingAt: end) else { return false }
        return line.seq == last.seq && line.hash == last.hash
    }
}
