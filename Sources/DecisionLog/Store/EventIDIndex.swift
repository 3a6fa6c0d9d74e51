/// Where the events of a log's first `seq` events lie, by id: a table of (id, seq, line) in id order, kept
/// in `cache/ids.index`, so an append that names an id (`add --id`, `--link`) looks it up and reads only the
/// events after the table, not the whole log.
///
/// Like a checkpoint it is derived data, trusted only once it passes its checks: a MAC under this person's
/// checkpoint key (so their own tool made it, and not a byte changed since), the log's id, and the event it
/// follows still at its recorded place in the events file with its recorded hash. The MAC covers the header
/// and the SHA-256 of each block of 128 entries, and a lookup checks the blocks it reads against theirs: a
/// lookup in a million ids hashes about 70 KB, not 40 MB. An append writes the index from a
/// whole-log read it made anyway, under the log's lock; `verify` checks every entry against the log
/// (`CheckpointAuditor`).
///
/// Layout (little-endian): `DLIDX001`, the layout version (u32) and 4 zero bytes, the log id (16 bytes), the
/// seq, hash (32 bytes) and line start and end of the event it follows, the number of entries; the MAC
/// (HMAC-SHA256 of the header and the block hashes); the SHA-256 of each block of entries; then the entries,
/// 40 bytes each, in id order: the id's two halves, the seq, the line's start and end.
public struct EventIDIndex: Sendable {
    /// One event's place.
    struct Entry: Sendable, Equatable {
        let id: EventID
        let seq: Int
        let span: LineSpan
    }

    /// The seq of the last event indexed.
    let seq: Int
    /// That event's hash.
    let hash: Digest
    /// Where its line lies.
    let span: LineSpan
    /// How many events it indexes (every event up to `seq`).
    let count: Int
    private let mapping: MappedFile

    static let fileName = "ids.index"
    static let magic = Array("DLIDX001".utf8)
    static let format: UInt32 = 1
    static let headerLength = 96
    static let macLength = 32
    static let entryLength = 40
    static let blockEntries = 128
    private static var digestsStart: Int { headerLength + macLength }
    private var blocks: Int { (count + Self.blockEntries - 1) / Self.blockEntries }
    private var entriesStart: Int { Self.digestsStart + blocks * 32 }

    /// What a lookup found.
    enum Lookup: Equatable {
        case found(Entry)
        case absent
        /// A block it read does not match its hash: the file changed since it was written.
        case damaged
    }

    /// The index in `folder`, when there is one of this person's own (its MAC under `key` matches) for the
    /// log `logID`; nil otherwise (an index that fails a check is removed). Whether it still describes the
    /// events file is `follows(_:)`'s to say.
    static func load(_ folder: LogFolder, logID: EventID, key: CheckpointKey) -> EventIDIndex? {
        let found = try? Directory.withOpened(folder.path, [LogFolder.cacheName]) { (cache: Directory) throws(SystemError) -> EventIDIndex? in
            guard let file = try? cache.openOwnFile(fileName) else { return nil }
            defer { file.close() }
            guard let index = EventIDIndex(try MappedFile(file: file), logID: logID, key: key) else {
                try? cache.removeFile(fileName)
                return nil
            }
            return index
        }
        return found ?? nil
    }

    private init?(_ mapping: MappedFile, logID: EventID, key: CheckpointKey) {
        let bytes = mapping.bytes
        guard bytes.count >= Self.digestsStart, bytes.starts(with: Self.magic) else { return nil }
        func u64(_ offset: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        guard UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self)) == Self.format,
              EventID(high: u64(16), low: u64(24)) == logID
        else { return nil }
        let count = Int(truncatingIfNeeded: u64(88))
        guard count >= 1, count <= bytes.count / Self.entryLength else { return nil }
        let blocks = (count + Self.blockEntries - 1) / Self.blockEntries
        guard bytes.count == Self.digestsStart + blocks * 32 + count * Self.entryLength else { return nil }
        var mac = HMAC(key: key.bytes)
        mac.update(UnsafeRawBufferPointer(rebasing: bytes[0..<Self.headerLength]))
        mac.update(UnsafeRawBufferPointer(rebasing: bytes[Self.digestsStart..<(Self.digestsStart + blocks * 32)]))
        guard mac.finalize().bigEndianBytes == bytes.loadUnaligned(fromByteOffset: Self.headerLength, as: SIMD32<UInt8>.self) else { return nil }
        self.mapping = mapping
        seq = Int(truncatingIfNeeded: u64(32))
        hash = Digest(bigEndianBytes: bytes.loadUnaligned(fromByteOffset: 40, as: SIMD32<UInt8>.self))
        span = LineSpan(start: Int64(bitPattern: u64(72)), end: Int64(bitPattern: u64(80)))
        self.count = count
        guard seq == count else { return nil }
    }

    /// Whether `file`, the events file, still holds at its recorded place the event the index follows.
    func follows(_ file: FileDescriptor) -> Bool { file.holdsEvent(seq: seq, hash: hash, at: span) }

    /// Where the read of the events after the index starts.
    var end: LogPosition { LogPosition(offset: span.end, line: seq + 1) }

    /// Whether block `block` of the entries matches the hash the MAC vouches for.
    private func blockIsIntact(_ block: Int) -> Bool {
        let start = entriesStart + block * Self.blockEntries * Self.entryLength
        let end = min(start + Self.blockEntries * Self.entryLength, mapping.bytes.count)
        var hash = SHA256()
        hash.update(UnsafeRawBufferPointer(rebasing: mapping.bytes[start..<end]))
        return hash.finalize().bigEndianBytes == mapping.bytes.loadUnaligned(fromByteOffset: Self.digestsStart + block * 32, as: SIMD32<UInt8>.self)
    }

    /// The `index`-th entry, in id order, as stored (its block unchecked).
    func entry(_ index: Int) -> Entry {
        let at = entriesStart + index * Self.entryLength
        func u64(_ offset: Int) -> UInt64 { UInt64(littleEndian: mapping.bytes.loadUnaligned(fromByteOffset: at + offset, as: UInt64.self)) }
        return Entry(id: EventID(high: u64(0), low: u64(8)), seq: Int(truncatingIfNeeded: u64(16)),
                     span: LineSpan(start: Int64(bitPattern: u64(24)), end: Int64(bitPattern: u64(32))))
    }

    /// Where the event `id` lies, when it is among those indexed, each block read checked first.
    func lookup(_ id: EventID) -> Lookup {
        var low = 0, high = count
        var checked: Set<Int> = []
        while low < high {
            let middle = (low + high) / 2
            let block = middle / Self.blockEntries
            if checked.insert(block).inserted, !blockIsIntact(block) { return .damaged }
            let found = entry(middle)
            if found.id == id { return .found(found) }
            if (found.id.high, found.id.low) < (id.high, id.low) { low = middle + 1 } else { high = middle }
        }
        return .absent
    }

    /// Writes the index of `entries` (every event up to the last, in any order; the last in seq order is the
    /// one it follows) for the log `logID` in `folder`, replacing any. Best effort: an index that cannot be
    /// written is simply not there next time.
    static func save(_ entries: [Entry], last: (seq: Int, hash: Digest, span: LineSpan), logID: EventID, key: CheckpointKey, in folder: LogFolder) {
        guard entries.count == last.seq, last.seq > 0 else { return }
        var bytes = [UInt8]()
        bytes.reserveCapacity(digestsStart + entries.count * (entryLength + 1))
        func put(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        bytes += magic
        withUnsafeBytes(of: format.littleEndian) { bytes.append(contentsOf: $0) }
        bytes += [0, 0, 0, 0]
        put(logID.high)
        put(logID.low)
        put(UInt64(last.seq))
        withUnsafeBytes(of: last.hash.bigEndianBytes) { bytes.append(contentsOf: $0) }
        put(UInt64(bitPattern: last.span.start))
        put(UInt64(bitPattern: last.span.end))
        put(UInt64(entries.count))
        let body = entries.sorted { ($0.id.high, $0.id.low) < ($1.id.high, $1.id.low) }
        var table = [UInt8]()
        table.reserveCapacity(entries.count * entryLength)
        for entry in body {
            for value in [entry.id.high, entry.id.low, UInt64(entry.seq), UInt64(bitPattern: entry.span.start), UInt64(bitPattern: entry.span.end)] {
                withUnsafeBytes(of: value.littleEndian) { table.append(contentsOf: $0) }
            }
        }
        var digests = [UInt8]()
        table.withUnsafeBytes { table in
            for start in stride(from: 0, to: table.count, by: blockEntries * entryLength) {
                var hash = SHA256()
                hash.update(UnsafeRawBufferPointer(rebasing: table[start..<min(start + blockEntries * entryLength, table.count)]))
                withUnsafeBytes(of: hash.finalize().bigEndianBytes) { digests.append(contentsOf: $0) }
            }
        }
        var mac = HMAC(key: key.bytes)
        bytes.withUnsafeBytes { mac.update($0) }
        digests.withUnsafeBytes { mac.update($0) }
        withUnsafeBytes(of: mac.finalize().bigEndianBytes) { bytes.append(contentsOf: $0) }
        bytes += digests
        bytes += table
        _ = try? Directory.withOpened(folder.path, [LogFolder.cacheName], creating: true) { (cache: Directory) throws(SystemError) in
            try cache.replaceFile(fileName, with: bytes, durable: false)
        }
    }

    /// A fingerprint of one entry; the wrapping sum of every entry's is the same in any order, so `verify`
    /// can compare the events it reads, in seq order, with the table, in id order, in one pass and no memory.
    static func fingerprint(_ entry: Entry) -> UInt64 {
        var value: UInt64 = 0x9E37_79B9_7F4A_7C15
        for part in [entry.id.high, entry.id.low, UInt64(entry.seq), UInt64(bitPattern: entry.span.start), UInt64(bitPattern: entry.span.end)] {
            value = (value ^ part) &* 0xBF58_476D_1CE4_E5B9
            value ^= value >> 31
        }
        return value
    }

    /// The sum of every entry's fingerprint, or nil when a block does not match its hash or the entries are
    /// not in strictly increasing id order (then some id is there twice).
    func fingerprint() -> UInt64? {
        guard (0..<blocks).allSatisfy(blockIsIntact) else { return nil }
        var sum: UInt64 = 0
        var previous: (UInt64, UInt64)? = nil
        for index in 0..<count {
            let entry = entry(index)
            if let previous, previous >= (entry.id.high, entry.id.low) { return nil }
            previous = (entry.id.high, entry.id.low)
            sum &+= Self.fingerprint(entry)
        }
        return sum
    }

    /// Whether `folder` holds an index file (whatever is in it).
    static func isPresent(in folder: LogFolder) -> Bool {
        (try? Directory.withOpened(folder.path, [LogFolder.cacheName]) { (cache: Directory) throws(SystemError) in
            try cache.names().contains(fileName)
        }) ?? false
    }

    /// Removes the index in `folder`, if any.
    static func remove(in folder: LogFolder) {
        _ = try? Directory.withOpened(folder.path, [LogFolder.cacheName]) { (cache: Directory) throws(SystemError) in try cache.removeFile(fileName) }
    }
}
