/// Writes a view's state into a checkpoint file (see `CheckpointFile` for the layout): the projection writes
/// its records in order, each history's changes going to the entry table and the values region, and every
/// stamp they refer to into the stamp table.
struct CheckpointWriter {
    var records = CheckpointBytesWriter()
    private var entries = CheckpointBytesWriter()
    private var values = CheckpointBytesWriter()
    private var stamps: [Int: Stamp] = [:]
    /// Where each entry's stamp index goes in `entries`, and its stamp's seq: the index is known once every
    /// stamp is, when the file is made.
    private var stampSlots: [(offset: Int, seq: Int)] = []

    /// Writes `history`: its place and size among the records, its changes to the tables.
    mutating func history<Value: CheckpointValue>(_ history: History<Value>) {
        let changes = history.changes
        records.int(entries.count)
        records.int(changes.count)
        var offsets: [Int] = []
        offsets.reserveCapacity(changes.count + 1)
        for change in changes {
            entries.i64(change.stamp.effectiveAt.milliseconds)
            entries.int(change.stamp.seq)
            stampSlots.append((entries.count, change.stamp.seq))
            entries.int(0)
            offsets.append(values.count)
            change.value.write(to: &values)
            stamps[change.stamp.seq] = change.stamp
        }
        offsets.append(values.count)
        for offset in offsets { entries.int(offset) }
    }

    /// Writes one value among the records.
    mutating func value<Value: CheckpointValue>(_ value: Value) { value.write(to: &records) }

    /// Writes a map from subjects, in subject order, each record with `write`.
    mutating func subjects<Record>(_ map: [Subject: Record], _ write: (inout CheckpointWriter, Record) -> Void) {
        records.int(map.count)
        for subject in map.keys.sorted() {
            value(subject)
            write(&self, map[subject]!)
        }
    }

    /// The whole file, for `header` (whose view, version, log and event it states), with its MAC under `key`.
    func file(_ header: CheckpointFile.Header, key: CheckpointKey) -> [UInt8] {
        // The stamp table and the strings it uses.
        var strings = CheckpointBytesWriter()
        var stringOffsets = CheckpointBytesWriter()
        var interned: [String: UInt32] = [:]
        func intern(_ text: String) -> UInt32 {
            if let index = interned[text] { return index }
            let index = UInt32(interned.count)
            interned[text] = index
            stringOffsets.int(strings.count)
            strings.raw(text.utf8)
            return index
        }
        var stampTable = CheckpointBytesWriter()
        var stampIndex: [Int: Int] = [:]
        for seq in stamps.keys.sorted() {
            let stamp = stamps[seq]!
            stampIndex[seq] = stampIndex.count
            stampTable.int(seq)
            stampTable.u64(stamp.id.high)
            stampTable.u64(stamp.id.low)
            stampTable.i64(stamp.effectiveAt.milliseconds)
            stampTable.i64(stamp.recordedAt.milliseconds)
            stampTable.u32(intern(stamp.actor.name))
            stampTable.u32(intern(stamp.actor.role))
            stampTable.u32(stamp.reason.map(intern) ?? UInt32.max)
            stampTable.u32(0)
        }
        stringOffsets.int(strings.count)

        var body = CheckpointBytesWriter()
        body.string(header.view)
        body.u32(UInt32(header.registered.count))
        for key in header.registered {
            body.string(key.type)
            body.int(key.version)
            body.int(key.seq)
        }
        body.align()
        var entries = self.entries
        for slot in stampSlots { entries.patch(UInt64(stampIndex[slot.seq]!), at: slot.offset) }
        let regions = [stampTable, stringOffsets, strings, records, entries, values].map(\.bytes)
        let tableLength = regions.count * 16
        var offset = CheckpointFile.headerLength + body.count + tableLength
        var placed: [Int] = []
        for region in regions {
            placed.append(offset)
            offset += region.count
            offset += (8 - offset % 8) % 8
        }
        for (region, start) in zip(regions, placed) {
            body.int(start)
            body.int(region.count)
        }
        for region in regions {
            body.raw(region)
            body.align()
        }

        var head = CheckpointBytesWriter()
        head.raw(CheckpointFile.magic)
        head.u32(CheckpointFile.format)
        head.u32(header.stateVersion)
        head.u64(header.logID.high)
        head.u64(header.logID.low)
        head.int(header.seq)
        withUnsafeBytes(of: header.hash.bigEndianBytes) { head.raw($0) }
        head.i64(header.recordedAt.milliseconds)
        head.i64(header.lineStart)
        head.i64(header.lineEnd)
        head.int(body.count)
        precondition(head.count == CheckpointFile.macOffset)
        let mac = head.bytes.withUnsafeBytes { header in body.bytes.withUnsafeBytes { CheckpointFile.mac(header: header, body: $0, key: key) } }
        head.raw(mac.bytes)
        while head.count < CheckpointFile.headerLength { head.u8(0) }
        return head.bytes + body.bytes
    }
}
