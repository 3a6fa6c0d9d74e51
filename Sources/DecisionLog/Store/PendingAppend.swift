/// The record a writer leaves in the lock file while it appends: where the events file ended before the
/// append, where it will end after, and the last event it writes. It makes an append all or nothing across
/// kills and crashes.
///
/// The writer syncs the record before writing any event, and clears it once the events are synced. An
/// append is committed when the events file holds every byte through `end`, its last line being the event
/// named here; a record found for an append that is not committed marks bytes no one was ever told were
/// written. Readers stop at `start`, and `repair` cuts them off (keeping a copy). A record left behind by a
/// committed append is simply stale.
struct PendingAppend: Equatable {
    /// The events file's size before the append.
    var start: Int64
    /// Its size once every event is written.
    var end: Int64
    /// The seq of the last event appended.
    var lastSeq: Int
    /// That event's hash.
    var lastHash: Digest

    private static let magic = "decisionlog-pending"

    /// The record as the lock file holds it: one line.
    var bytes: [UInt8] { Array("\(Self.magic) 1 \(start) \(end) \(lastSeq) \(lastHash.hex) end\n".utf8) }

    /// Reads the record from the lock file; nil when there is none (an empty lock file) or it is not one.
    static func read(from lock: FileDescriptor) -> PendingAppend? {
        var buffer = [UInt8](repeating: 0, count: 256)
        guard let count = try? buffer.withUnsafeMutableBytes({ try lock.read(into: $0, at: 0) }), count > 0 else { return nil }
        let fields = String(decoding: buffer[..<count], as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard fields.count == 7, fields[0] == magic, fields[1] == "1", let start = Int64(fields[2]), let end = Int64(fields[3]),
            let seq = Int(fields[4]), let hash = Digest(hex: String(fields[5])), fields[6] == "end", start >= 0, end > start
        else { return nil }
        return PendingAppend(start: start, end: end, lastSeq: seq, lastHash: hash)
    }

    /// Writes the record into the lock file and syncs it: afterwards a crash cannot lose it.
    func save(to lock: FileDescriptor) throws(SystemError) {
        let record = bytes
        try lock.truncate(to: 0)
        try lock.write(record, at: 0)
        try lock.sync()
    }

    /// Empties the lock file. Not synced: a record that survives a crash describes a committed append,
    /// which `isCommitted` recognises.
    static func clear(in lock: FileDescriptor) throws(SystemError) {
        try lock.truncate(to: 0)
    }

    /// True when `events`, of `size` bytes, holds some of the append but not all of it: bytes to skip or
    /// remove. (A record whose append wrote nothing, or was committed, describes nothing to skip.)
    func isUnfinished(in events: FileDescriptor, size: Int64) -> Bool {
        size > start && !isCommitted(in: events, size: size)
    }

    /// True when `events`, of `size` bytes, holds the whole append: at least `end` bytes, the line ending at
    /// `end` being the recorded last event.
    func isCommitted(in events: FileDescriptor, size: Int64) -> Bool {
        guard size >= end, let last = LastLine.event(in: events, endingAt: end) else { return false }
        return last.seq == lastSeq && last.hash == lastHash
    }
}
