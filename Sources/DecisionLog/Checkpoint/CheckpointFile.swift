/// One view's checkpoint: the view's state after event `seq`, written beside the log and mapped back into
/// memory to be read in place. It names the log and the event it follows (seq, hash and where that line
/// lies in the events file), so it is used only for the log it was made from, and only while that event is
/// still where it was; a MAC under this person's checkpoint key over the whole file proves their own tool
/// wrote it — after verifying every event it folds — and that not a byte has changed since.
///
/// Layout (little-endian): a 160-byte header; the view's name and the schema registrations known at `seq`;
/// a table of six regions — the stamps of the events the state refers to (56 bytes each, by seq), the
/// string table those stamps use (offsets, then UTF-8), and the state itself: records read in order, the
/// histories' entry tables (effective time, seq and stamp index of each change, then each value's offset) and the
/// values.
final class CheckpointFile: StampTable, @unchecked Sendable {
    // Safe to share: every property is set in `init` and never changed; the mapping is read-only.

    static let magic = Array("DLCKPT01".utf8)
    /// The file layout's version; a file of another is not used.
    static let format: UInt32 = 5
    static let headerLength = 160
    static let stampLength = 56
    /// A history's entry: its change's effective time and seq (read in order when a history is searched or
    /// walked), and the index of its stamp (which holds the id, and who decided).
    static let entryLength = 24
    /// Where the MAC lies in the header; it covers the header before it and the whole body.
    static let macOffset = 104

    /// The body is hashed a part of this length at a time, on every core, for the MAC.
    static let macPartLength = 1 << 20

    /// The MAC under `key` of a header's first bytes and the SHA-256 of each part of the body (hashed on every
    /// core, so checking a large checkpoint takes half the time on two).
    static func mac(header: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer, key: CheckpointKey) -> Digest {
        var mac = HMAC(key: key.bytes)
        mac.update(header)
        for digest in SHA256.partHashes(of: body, partLength: macPartLength) { withUnsafeBytes(of: digest.bigEndianBytes) { mac.update($0) } }
        return mac.finalize()
    }

    /// Which view, of which log, after which event.
    struct Header: Equatable {
        var view: String
        var stateVersion: UInt32
        var logID: EventID
        var seq: Int
        var hash: Digest
        var recordedAt: Timestamp
        /// Where event `seq`'s line lies in the events file: [start, end), the newline included.
        var lineStart: Int64
        var lineEnd: Int64
        /// The team schemas registered by then: type, version and the registering seq.
        var registered: [SchemaKey]
    }

    /// A registered team type and version, and the event that registered it.
    struct SchemaKey: Equatable {
        var type: String
        var version: Int
        var seq: Int
    }

    let mapping: MappedFile
    let header: Header
    private let stamps: UnsafeRawBufferPointer
    private let stringOffsets: UnsafeRawBufferPointer
    private let strings: UnsafeRawBufferPointer
    let records: UnsafeRawBufferPointer
    let entries: UnsafeRawBufferPointer
    let values: UnsafeRawBufferPointer

    /// Maps and checks the checkpoint open as `file`; throws `CheckpointError` for a file that is not a
    /// whole checkpoint of this format whose MAC under `key` matches.
    convenience init(file: FileDescriptor, key: CheckpointKey) throws(CheckpointError) {
        let mapping: MappedFile
        do throws(SystemError) { mapping = try MappedFile(file: file) } catch {
            throw CheckpointError("cannot read \(file.path): \(error.reason)")
        }
        try self.init(mapping, key: key)
    }

    /// Checks the checkpoint whose file holds `bytes`, as `init(file:key:)`.
    convenience init(bytes: [UInt8], key: CheckpointKey) throws(CheckpointError) {
        try self.init(MappedFile(copying: bytes), key: key)
    }

    private init(_ mapping: MappedFile, key: CheckpointKey) throws(CheckpointError) {
        self.mapping = mapping
        let bytes = mapping.bytes
        guard bytes.count >= CheckpointFile.headerLength, bytes.starts(with: CheckpointFile.magic) else {
            throw CheckpointError("not a checkpoint")
        }
        var head = CheckpointBytesReader(UnsafeRawBufferPointer(rebasing: bytes[0..<CheckpointFile.headerLength]))
        _ = try head.raw(8)
        guard try head.u32() == CheckpointFile.format else { throw CheckpointError("a checkpoint of another format") }
        let stateVersion = try head.u32()
        let logID = EventID(high: try head.u64(), low: try head.u64())
        let seq = try head.int()
        let hashBytes = try head.raw(32)
        let recordedAt = Timestamp(milliseconds: try head.i64())
        let lineStart = try head.i64(), lineEnd = try head.i64()
        let bodyLength = try head.int()
        let mac = try head.raw(32)
        guard bodyLength == bytes.count - CheckpointFile.headerLength else { throw CheckpointError("the checkpoint is cut short") }
        let body = UnsafeRawBufferPointer(rebasing: bytes[CheckpointFile.headerLength...])
        let expected = CheckpointFile.mac(header: UnsafeRawBufferPointer(rebasing: bytes[0..<CheckpointFile.macOffset]), body: body, key: key)
        guard expected.bigEndianBytes == mac.loadUnaligned(as: SIMD32<UInt8>.self) else {
            throw CheckpointError("the checkpoint was not written by your decisionlog, or was changed since (its MAC does not match)")
        }

        var reader = CheckpointBytesReader(body)
        let view = try reader.string()
        var registered: [SchemaKey] = []
        for _ in 0..<(try reader.count(itemSize: 20)) {
            registered.append(SchemaKey(type: try reader.string(), version: try reader.int(), seq: try reader.int()))
        }
        try reader.align()
        func region() throws(CheckpointError) -> UnsafeRawBufferPointer {
            let offset = try reader.int(), length = try reader.int()
            guard offset >= CheckpointFile.headerLength, length >= 0, offset <= bytes.count - length else {
                throw CheckpointError("a region of the checkpoint lies outside it")
            }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
        }
        stamps = try region()
        stringOffsets = try region()
        strings = try region()
        records = try region()
        entries = try region()
        values = try region()
        guard stamps.count % CheckpointFile.stampLength == 0, stringOffsets.count % 8 == 0 else {
            throw CheckpointError("the checkpoint's tables are malformed")
        }
        header = Header(view: view, stateVersion: stateVersion, logID: logID, seq: seq,
                        hash: Digest(bigEndianBytes: hashBytes.loadUnaligned(as: SIMD32<UInt8>.self)), recordedAt: recordedAt,
                        lineStart: lineStart, lineEnd: lineEnd, registered: registered)
    }

    /// Where event `seq`'s stamp lies in the stamp table, when the state refers to it (for the effective time
    /// of a seq point; a history's changes name their stamps by index). The table is in seq order and its seqs
    /// are spread evenly enough that guessing by proportion finds most in a probe or two; halving is the
    /// fallback.
    private func stampOffset(seq: Int) -> Int? {
        func seqAt(_ index: Int) -> Int { Int(Int64(littleEndian: stamps.loadUnaligned(fromByteOffset: index * CheckpointFile.stampLength, as: Int64.self))) }
        var low = 0, high = stamps.count / CheckpointFile.stampLength - 1
        var guesses = 0
        while low <= high {
            let lowSeq = seqAt(low), highSeq = seqAt(high)
            guard seq >= lowSeq, seq <= highSeq else { return nil }
            let middle = guesses < 4 && highSeq > lowSeq
                ? low + Int((Double(seq - lowSeq) / Double(highSeq - lowSeq) * Double(high - low)).rounded(.down))
                : (low + high) / 2
            guesses += 1
            let found = seqAt(middle)
            if found == seq { return middle * CheckpointFile.stampLength }
            if found < seq { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }

    /// When event `seq` took effect, when the state refers to it.
    func effectiveAt(seq: Int) -> Timestamp? {
        stampOffset(seq: seq).map { Timestamp(milliseconds: Int64(littleEndian: stamps.loadUnaligned(fromByteOffset: $0 + 24, as: Int64.self))) }
    }

    private func u64(_ offset: Int) -> UInt64 { UInt64(littleEndian: stamps.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    private func u32(_ offset: Int) -> UInt32 { UInt32(littleEndian: stamps.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }

    /// Where the stamp at `index` lies in the stamp table (a history's entry names it).
    private func stampOffset(index: Int) -> Int {
        let at = index * CheckpointFile.stampLength
        // The writer keeps the stamp of every change it writes, and the MAC proves the file is as written.
        guard index >= 0, at < stamps.count else {
            preconditionFailure("checkpoint of \(header.view) has no stamp #\(index); remove .decisionlog/cache/checkpoints")
        }
        return at
    }

    /// Whether the stamp at `index` is event `id`'s.
    func stamp(_ index: Int, isOf id: EventID) -> Bool {
        let at = stampOffset(index: index)
        return u64(at + 8) == id.high && u64(at + 16) == id.low
    }

    /// The stamp at `index` in the stamp table; its actor and reason are read when asked for.
    func stamp(at index: Int) -> Stamp {
        let at = stampOffset(index: index)
        return Stamp(seq: Int(Int64(bitPattern: u64(at))), id: EventID(high: u64(at + 8), low: u64(at + 16)),
                     effectiveAt: Timestamp(milliseconds: Int64(bitPattern: u64(at + 24))),
                     recordedAt: Timestamp(milliseconds: Int64(bitPattern: u64(at + 32))),
                     details: .kept(self, offset: at))
    }

    /// The actor of the stamp at `offset` in the stamp table.
    func actor(stampAt offset: Int) -> Actor { Actor(name: string(u32(offset + 40)), role: string(u32(offset + 44))) }

    /// The reason of the stamp at `offset` in the stamp table.
    func reason(stampAt offset: Int) -> String? {
        let index = u32(offset + 48)
        return index == UInt32.max ? nil : string(index)
    }

    /// The string-table entry `index`.
    private func string(_ index: UInt32) -> String {
        let count = stringOffsets.count / 8 - 1
        guard Int(index) < count else { preconditionFailure("checkpoint string \(index) is out of range") }
        let start = Int(UInt64(littleEndian: stringOffsets.loadUnaligned(fromByteOffset: Int(index) * 8, as: UInt64.self)))
        let end = Int(UInt64(littleEndian: stringOffsets.loadUnaligned(fromByteOffset: Int(index + 1) * 8, as: UInt64.self)))
        guard start <= end, end <= strings.count else { preconditionFailure("checkpoint string \(index) lies outside its table") }
        return String(decoding: UnsafeRawBufferPointer(rebasing: strings[start..<end]), as: UTF8.self)
    }
}
